import Foundation
import GleanReaders
import GleanRegex

/// Extracts facts from every document under a set of paths, on all cores,
/// writing records in walk order whatever the parallelism. Each worker
/// thread has its own ``Matcher``; files are the unit of work, and at most a
/// few files per worker wait to be written, so memory does not grow with
/// the size of the folder. Every document read, and every file or record
/// that could not be, yields exactly one record.
public final class BatchExtractor: @unchecked Sendable {
    public struct Options: Sendable {
        public var threads: Int
        public var shard: Shard?
        public var format: RecordFormat

        public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, shard: Shard? = nil,
                    format: RecordFormat = .jsonl) {
            self.threads = max(1, threads)
            self.shard = shard
            self.format = format
        }
    }

    /// How far a run has got, reported after each file is written.
    public struct Progress: Sendable {
        public var filesDone: Int
        public var filesTotal: Int
        public var documents: Int
        public var seconds: Double
    }

    public let extractor: Extractor
    public let options: Options
    private let valueNames: [String]
    private let reader = DocumentReader()

    public init(extractor: Extractor, options: Options = Options()) {
        self.extractor = extractor
        self.options = options
        var names: [String] = []
        for field in extractor.ruleSet.fields.values {
            for name in field.allValueNames where !names.contains(name) { names.append(name) }
        }
        valueNames = names
    }

    /// Runs the batch: `write` receives the output text in order (it is
    /// called on the calling thread), `record` each record as written (for
    /// baselines and reports), `progress` a report after each file.
    public func run(paths: [String], write: (String) throws -> Void,
                    record: ((DocumentRecord) -> Void)? = nil,
                    progress: ((Progress) -> Void)? = nil) throws -> BatchSummary {
        let started = Date()
        let walked = InputWalker(paths: paths).entries()
        let units = options.shard.map { shard in
            walked.enumerated().filter { shard.contains(position: $0.offset) }.map(\.element)
        } ?? walked
        try write(options.format.header(valueNames: valueNames))
        let queue = OrderedResults(window: options.threads * 4)
        let keepRecords = record != nil
        for _ in 0..<min(options.threads, max(units.count, 1)) {
            let thread = Thread { [self] in
                let matcher = Matcher()
                while let position = queue.claim(limit: units.count) {
                    queue.deposit(position, process(units[position], matcher: matcher, keepingRecords: keepRecords))
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var summary = BatchSummary()
        for position in units.indices {
            let result = queue.take(position)
            try write(result.text)
            result.records.forEach { record?($0) }
            summary.merge(result.summary)
            progress?(Progress(filesDone: position + 1, filesTotal: units.count, documents: summary.documents,
                               seconds: Date().timeIntervalSince(started)))
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The output of one file: its rendered records and their counts.
    struct FileResult {
        var text = ""
        var summary = BatchSummary()
        var records: [DocumentRecord] = []
    }

    private func process(_ unit: InputWalker.Entry, matcher: Matcher, keepingRecords: Bool) -> FileResult {
        var result = FileResult()
        result.summary.files = 1
        func add(_ record: DocumentRecord) {
            result.text += options.format.render(record, valueNames: valueNames)
            result.summary.add(record)
            if keepingRecords { result.records.append(record) }
        }
        switch unit {
        case let .failure(failure):
            add(DocumentRecord(id: failure.id, source: failure.source, facts: [], error: failure.message))
        case let .file(path):
            reader.read(file: path) { outcome in
                switch outcome {
                case let .document(document):
                    result.summary.bytes += document.text.utf8.count
                    let extraction = extractor.extract(document.text, matcher: matcher)
                    add(DocumentRecord(id: document.id, source: document.source, facts: extraction.facts,
                                       warnings: extraction.warnings))
                case let .failure(failure):
                    add(DocumentRecord(id: failure.id, source: failure.source, facts: [], error: failure.message))
                }
            }
        }
        return result
    }
}

/// Results that workers finish in any order and the writer takes in order,
/// with at most `window` positions finished ahead of the writer.
private final class OrderedResults: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished: [Int: BatchExtractor.FileResult] = [:]
    private var nextToTake = 0
    private var nextToClaim = 0
    private let window: Int

    init(window: Int) { self.window = window }

    /// The next position to work on, once it is within the window of the
    /// writer; `nil` when all `limit` positions are claimed.
    func claim(limit: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToClaim < limit else { return nil }
        let position = nextToClaim
        nextToClaim += 1
        while position >= nextToTake + window { condition.wait() }
        return position
    }

    func deposit(_ position: Int, _ result: BatchExtractor.FileResult) {
        condition.lock()
        finished[position] = result
        condition.broadcast()
        condition.unlock()
    }

    func take(_ position: Int) -> BatchExtractor.FileResult {
        condition.lock()
        defer { condition.unlock() }
        while finished[position] == nil { condition.wait() }
        nextToTake = position + 1
        condition.broadcast()
        return finished.removeValue(forKey: position)!
    }
}
