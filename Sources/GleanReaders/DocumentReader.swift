import Foundation

/// The one entry point for reading input: detects each input's format, reads
/// its records and passes them on one at a time, so a file of 100,000 records
/// never has all its documents in memory at once.
///
/// Reading never stops at a bad record or file: whatever cannot be read becomes
/// a `ReadOutcome.failure` (an unreadable, empty or binary file, a plain-text
/// file that is not UTF-8, a record without title and abstract, a record or
/// JSON line that is not UTF-8, a malformed JSON line, a file without any
/// record), and the other documents are still read. When a file breaks off
/// part-way (corrupt XML, a read or gzip error), the records before the break
/// are passed on, then the failure.
///
/// The closure may throw to stop reading; that error is rethrown.
public struct DocumentReader: Sendable {
    /// The path that stands for standard input.
    public static let standardInputPath = "-"

    public init() {}

    /// Reads one file, or standard input when `path` is `-`. The format comes
    /// from the file name and content (see `InputFormat.detect`); gzip data is
    /// decompressed (recognised by its magic number, on standard input too).
    public func read<Failure: Error>(file path: String, _ emit: (ReadOutcome) throws(Failure) -> Void) throws(Failure) {
        try read(source: path, emit) { () throws(InputProblem) in
            path == Self.standardInputPath ? try ByteInput.standardInput() : try ByteInput.file(atPath: path)
        }
    }

    /// Reads standard input, its format told by content.
    public func readStandardInput<Failure: Error>(_ emit: (ReadOutcome) throws(Failure) -> Void) throws(Failure) {
        try read(file: Self.standardInputPath, emit)
    }

    /// Reads text held in memory as if it were a file called `name` (whose
    /// extension, if any, counts for format detection).
    public func read<Failure: Error>(
        text: String, name: String, _ emit: (ReadOutcome) throws(Failure) -> Void
    ) throws(Failure) {
        try read(source: name, emit) { () throws(InputProblem) in ByteInput.bytes(Data(text.utf8)) }
    }

    /// Reads bytes held in memory as if they were a file called `name`: any
    /// bytes, as a file could hold them (gzip, UTF-16, invalid UTF-8).
    public func read<Failure: Error>(
        data: Data, name: String, _ emit: (ReadOutcome) throws(Failure) -> Void
    ) throws(Failure) {
        try read(source: name, emit) { () throws(InputProblem) in ByteInput.bytes(data) }
    }

    /// Reads every file that `InputWalker` finds under `paths`, in its order;
    /// paths it cannot walk become failures.
    public func read<Failure: Error>(paths: [String], _ emit: (ReadOutcome) throws(Failure) -> Void) throws(Failure) {
        try InputWalker(paths: paths).walk { (entry) throws(Failure) in
            switch entry {
            case .file(let path): try read(file: path, emit)
            case .failure(let failure): try emit(.failure(failure))
            case .skipped: break
            }
        }
    }

    /// Opens the input, then reads it through a sink that calls `emit`; an error
    /// thrown by `emit` stops the reading and is rethrown here.
    private func read<Failure: Error>(
        source: String, _ emit: (ReadOutcome) throws(Failure) -> Void,
        open: () throws(InputProblem) -> ByteInput
    ) throws(Failure) {
        var thrown: Failure?
        withoutActuallyEscaping(emit) { emit in
            let fileName = FileName(source)
            let sink = RecordSink(source: source, name: fileName.stem) { outcome in
                do throws(Failure) {
                    try emit(outcome)
                    return true
                } catch {
                    thrown = error
                    return false
                }
            }
            do throws(InputProblem) {
                let input = try open()
                defer { try? input.close() }
                try readRecords(from: input, fileName: fileName.base, into: sink)
                try input.close()
                sink.finish()
            } catch {
                sink.fail(error.description)
            }
        }
        if let thrown { throw thrown }
    }

    private func readRecords(from input: ByteInput, fileName: String, into sink: RecordSink) throws(InputProblem) {
        let prefix = try input.peek(InputFormat.detectionPrefixLength)
        guard !prefix.isEmpty else {
            // Nothing came out: gzip's own error, if it failed, says why.
            try input.close()
            throw .emptyFile
        }
        let format = InputFormat.detect(fileName: fileName, prefix: String(decoding: prefix, as: UTF8.self))
        try format.reader.readRecords(from: input, into: sink)
    }
}

extension InputFormat {
    /// The reader for this format.
    var reader: any RecordReader {
        switch self {
        case .plainText: PlainTextReader()
        case .medline: MedlineReader()
        case .pubmedXML: XMLRecordReader(schema: PubMedXMLSchema())
        case .ris: RISReader()
        case .pubmedWebPage: PubMedWebPageReader()
        case .jats: XMLRecordReader(schema: JATSSchema())
        case .jsonLines: JSONLinesReader()
        }
    }
}
