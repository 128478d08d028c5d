import Foundation
import GleanCore
import GleanReaders
import GleanRegex

/// Extracts facts from every document under a set of paths, on all cores,
/// writing records in walk order whatever the parallelism. Each worker
/// thread has its own ``Matcher``; files are the unit of work, and at most a
/// few files per worker wait to be written, so memory does not grow with
/// the size of the folder. Every document read, and every file or record
/// that could not be, yields exactly one record.
public final class BatchExtractor: @unchecked Sendable {
    /// Which files inside folders a batch reads (from the readers).
    public typealias FileSelection = GleanReaders.FileSelection

    public struct Options: Sendable {
        public var threads: Int
        public var shard: Shard?
        public var format: RecordFormat
        /// Measure the time each rule takes (``BatchSummary/ruleTiming``).
        public var timingRules: Bool
        /// Which files inside folders are read.
        public var selection: FileSelection
        /// Written into every JSON record, when given.
        public var provenance: DocumentRecord.Provenance?

        public init(
            threads: Int = ProcessInfo.processInfo.activeProcessorCount, shard: Shard? = nil,
            format: RecordFormat = .jsonl, timingRules: Bool = false, selection: FileSelection = FileSelection(),
            provenance: DocumentRecord.Provenance? = nil
        ) {
            self.threads = max(1, threads)
            self.shard = shard
            self.format = format
            self.timingRules = timingRules
            self.selection = selection
            self.provenance = provenance
        }
    }

    /// How far a run has got, reported after each chunk is written.
    public struct Progress: Sendable {
        public var filesDone: Int
        /// The number of files to read, once a count running beside the
        /// batch has walked them all; nil until then.
        public var filesTotal: Int?
        /// The size of the files done, in bytes: a file counts once all its
        /// records are written.
        public var bytesDone: Int
        /// The size of all the files, known with ``filesTotal``.
        public var bytesTotal: Int?
        public var documents: Int
        public var seconds: Double
    }

    public let extractor: Extractor
    public let options: Options
    /// The CSV columns of the fields' values.
    private let columns: [RecordFormat.ValueColumn]
    private let reader = DocumentReader()

    public init(extractor: Extractor, options: Options = Options()) {
        self.extractor = extractor
        self.options = options
        columns = RecordFormat.ValueColumn.all(of: extractor.ruleSet.fields.elements)
    }

    /// Runs the batch: `write` receives the output text in order (it is
    /// called on the calling thread), `record` each record as written (for
    /// baselines and reports), `progress` a report after each chunk.
    ///
    /// One thread walks the paths, reads the inputs and cuts the documents
    /// into chunks (small files and the documents of large ones, up to
    /// ``chunkSize(afterPassing:threads:)`` a chunk; a few large files at once
    /// are parsed ahead, each on a thread of its own), the workers extract
    /// chunks in any order, and the calling
    /// thread writes them in reading order. The walk streams, and at most a
    /// few chunks per worker are in flight, so memory stays flat however
    /// many files the folder has and however large they are. With
    /// `progress`, another thread counts the files for the total.
    public func run(
        paths: [String], write: (String) throws -> Void,
        record: ((DocumentRecord) -> Void)? = nil,
        progress: ((Progress) -> Void)? = nil
    ) throws -> BatchSummary {
        let started = Date()
        let walker = InputWalker(paths: paths, selection: options.selection)
        let skipped = SkippedFiles()
        let fileCount = progress == nil ? nil : FileCount(walker, shard: options.shard)
        try write(options.format.header(columns: columns))
        let pipeline = ChunkPipeline(capacity: options.threads * 4)
        startReading(walker, skipping: skipped, into: pipeline)
        startWorkers(on: pipeline, keepingRecords: record != nil)
        var summary = BatchSummary()
        var bytesDone = 0
        // Each chunk's report goes out when the next chunk is written, so that
        // the last one is known to be last and always carries the totals.
        var report: Progress?
        while let result = pipeline.takeNextResult() {
            do {
                try write(result.text)
            } catch {
                // Let the reader and the workers stop instead of waiting for a writer that is gone.
                pipeline.cancel()
                throw error
            }
            result.records.forEach { record?($0) }
            summary.merge(result.summary)
            bytesDone += result.fileBytesDone
            if let progress {
                report.map(progress)
                let counted = fileCount?.total
                report = Progress(
                    filesDone: result.filesDone, filesTotal: counted?.files, bytesDone: bytesDone,
                    bytesTotal: counted?.bytes, documents: summary.documents,
                    seconds: Date().timeIntervalSince(started))
            }
        }
        if let progress, var last = report, let total = fileCount?.waitForTotal() {
            (last.filesTotal, last.bytesTotal) = (total.files, total.bytes)
            progress(last)
        }
        summary.seconds = Date().timeIntervalSince(started)
        summary.skippedFiles = skipped.count
        return summary
    }

    /// Starts the thread that walks the paths, reads the inputs and cuts
    /// their documents into chunks for the workers.
    private func startReading(_ walker: InputWalker, skipping skipped: SkippedFiles, into pipeline: ChunkPipeline) {
        let reading = Thread { [self] in
            var pending = Chunk(filePosition: 0)
            var position = 0
            // The items passed on in chunks so far, which set the size of the next.
            var passed = 0
            // Inputs walked but not yet passed on. Large files among them are
            // read ahead, one more than there are workers at a time (one
            // parser stays busy while another's file is passed on), so that
            // several are parsed at once while their documents go out in order.
            var window: [WalkedInput] = []
            var largeInWindow = 0
            func passFirst() {
                let first = window.removeFirst()
                if first.readAhead != nil { largeInWindow -= 1 }
                read(first, pending: &pending, passed: &passed, into: pipeline)
            }
            walker.walk(in: options.shard) { unit, size in
                if case .skipped = unit {
                    skipped.add()
                    return
                }
                window.append(WalkedInput(unit, size: size, filePosition: position, reader: reader))
                if window.last!.readAhead != nil { largeInWindow += 1 }
                position += 1
                while let first = window.first,
                    first.readAhead == nil || largeInWindow > options.threads
                        || window.count > BatchExtractor.readAheadWindow
                {
                    passFirst()
                }
            }
            while !window.isEmpty { passFirst() }
            if !pending.isEmpty { pipeline.add(pending) }
            pipeline.finishReading()
        }
        reading.stackSize = 8 << 20
        reading.start()
    }

    /// Starts the workers, each with its own matcher, extracting chunks until the reading ends.
    private func startWorkers(on pipeline: ChunkPipeline, keepingRecords: Bool) {
        for _ in 0..<options.threads {
            let worker = Thread { [self] in
                let matcher = Matcher()
                while let chunk = pipeline.nextChunk() {
                    pipeline.deposit(chunk.sequence, process(chunk, matcher: matcher, keepingRecords: keepingRecords))
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
    }

    /// How many documents (or small files) go into one unit of work, once
    /// `passed` have gone into earlier ones: 32 at first, so that a small
    /// folder still keeps every worker busy, then more as the run goes on, up
    /// to 128. A chunk is extracted rule by rule across its documents, and the
    /// larger it is, the longer each rule's compiled code stays in the
    /// processor's caches: chunks of 128 instead of 32 took a tenth less time on
    /// the benchmark folder (BENCHMARKS.md).
    static func chunkSize(afterPassing passed: Int, threads: Int) -> Int {
        min(128, max(32, passed / (2 * threads)))
    }
    /// The text a chunk may hold before it is closed, whatever its count: 128
    /// abstracts are a quarter of it, 128 full texts would be ten times it,
    /// and a few chunks per worker are in flight.
    static let chunkBytes = 1 << 20
    /// Files up to this size are read by the worker that extracts them, so
    /// reading runs on all cores; larger ones (multi-record exports) are read
    /// ahead on threads of their own (``FileReadAhead``) and cut into chunks
    /// here, so one big file still uses every worker.
    static let workerReadLimit = 256 * 1024
    /// How many inputs the walk may run ahead of the first large file not
    /// yet passed on, looking for more large files to read ahead.
    static let readAheadWindow = 64

    /// One input as the walk found it: its place, its size (for a file),
    /// and for a large file (or standard input) its reading, begun at once.
    private struct WalkedInput {
        let entry: InputWalker.Entry
        let filePosition: Int
        let size: Int?
        let readAhead: FileReadAhead?

        /// `size` is the file's size when the walk learned it.
        init(_ entry: InputWalker.Entry, size: Int?, filePosition: Int, reader: DocumentReader) {
            self.entry = entry
            self.filePosition = filePosition
            guard case let .file(path) = entry else {
                (self.size, readAhead) = (nil, nil)
                return
            }
            self.size = size ?? RegularFile.size(atPath: path)
            let isSmall = self.size.map { $0 <= BatchExtractor.workerReadLimit } ?? false
            readAhead = isSmall ? nil : FileReadAhead(path: path, reader: reader)
        }
    }

    /// Adds one input to `pending`: a small file as a path for a worker to
    /// read, a walk failure as it is; a large file's outcomes (read ahead)
    /// go into chunks of their own. Full chunks go to the pipeline, their
    /// items counted in `passed`.
    private func read(_ input: WalkedInput, pending: inout Chunk, passed: inout Int, into pipeline: ChunkPipeline) {
        let filePosition = input.filePosition
        func flush() {
            if !pending.isEmpty { pipeline.add(pending) }
            passed += pending.items.count
            pending = Chunk(filePosition: filePosition)
        }
        func isFull() -> Bool {
            pending.items.count >= Self.chunkSize(afterPassing: passed, threads: options.threads)
                || pending.textBytes >= Self.chunkBytes
        }
        switch input.entry {
        case let .failure(failure):
            pending.add(.outcome(.failure(failure)), filePosition: filePosition, startsFile: true)
        case .skipped:
            return
        case let .file(path):
            let size = input.size
            guard let readAhead = input.readAhead else {
                pending.add(.path(path), size: size ?? 0, filePosition: filePosition, startsFile: true)
                pending.fileBytesDone += size ?? 0
                break
            }
            flush()
            var startsFile = true
            readAhead.forEach { outcome in
                pending.add(.outcome(outcome), filePosition: filePosition, startsFile: startsFile)
                startsFile = false
                if isFull() { flush() }
            }
            // A file that yields nothing still counts as a file.
            if startsFile { pending.filesStarted += 1 }
            pending.fileBytesDone += size ?? 0
            flush()
        }
        if isFull() { flush() }
    }

    /// Reads, extracts and renders one chunk; its summary carries the times when the run measures them.
    private func process(_ chunk: Chunk, matcher: Matcher, keepingRecords: Bool) -> ChunkResult {
        var timing = options.timingRules ? TimingObserver() : nil
        var result = ChunkResult(filesDone: chunk.lastFilePosition + 1, fileBytesDone: chunk.fileBytesDone)
        result.summary.files = chunk.filesStarted
        var items: [ReadOutcome] = []
        let readingStarted = timing == nil ? 0 : ExtractionTimes.now
        for item in chunk.items {
            switch item {
            case let .outcome(outcome): items.append(outcome)
            case let .path(path): reader.read(file: path) { items.append($0) }
            }
        }
        timing?.stage("read small files", took: ExtractionTimes.now - readingStarted)
        // Untimed, the chunk's documents are extracted as one batch (rule by
        // rule across them, which keeps each rule's compiled code in cache);
        // timed, one by one, so that each rule's time is its own.
        var batch: [Extraction] = []
        if timing == nil {
            let texts = items.compactMap { item -> String? in
                guard case let .document(document) = item else { return nil }
                return document.text
            }
            batch = extractor.extract(batch: texts, matcher: matcher)
        }
        var batchIndex = 0
        for item in items {
            var record: DocumentRecord
            switch item {
            case let .document(document):
                result.summary.bytes += document.text.utf8.count
                // The overloads for each observer are compiled for it, which a generic call from here would not be.
                let extraction: Extraction
                if timing == nil {
                    extraction = batch[batchIndex]
                    batchIndex += 1
                } else {
                    extraction = extractor.extract(document.text, matcher: matcher, observer: &timing!)
                }
                record = DocumentRecord(
                    id: document.id, source: document.source, facts: extraction.facts,
                    warnings: extraction.warnings)
            case let .failure(failure):
                record = DocumentRecord(id: failure.id, source: failure.source, facts: [], error: failure.message)
            }
            record.provenance = options.provenance
            let renderingStarted = timing == nil ? 0 : ExtractionTimes.now
            result.text += options.format.render(record, columns: columns)
            timing?.stage("render records", took: ExtractionTimes.now - renderingStarted)
            result.summary.add(record)
            if keepingRecords { result.records.append(record) }
        }
        result.summary.times = timing?.times
        return result
    }
}

/// A unit of work: documents, read failures and small files to read, in
/// reading order.
struct Chunk {
    enum Item {
        case outcome(ReadOutcome)
        /// A small file the worker reads itself.
        case path(String)
    }

    var sequence = 0
    var items: [Item] = []
    /// The position of the last file with items here, for progress.
    var lastFilePosition: Int
    /// How many files begin in this chunk, for the summary.
    var filesStarted = 0
    /// The size of the files that end in this chunk, for progress.
    var fileBytesDone = 0
    /// The bytes of text its items hold or will read (each document's text, each small file's size): a chunk
    /// of long documents is closed at ``BatchExtractor/chunkBytes`` whatever its count.
    var textBytes = 0

    init(filePosition: Int) {
        lastFilePosition = filePosition
    }

    /// Nothing to extract and no file to count.
    var isEmpty: Bool { items.isEmpty && filesStarted == 0 && fileBytesDone == 0 }

    /// Adds `item`; `size` is a small file's size (a document's is its text's).
    mutating func add(_ item: Item, size: Int = 0, filePosition: Int, startsFile: Bool) {
        if case let .outcome(.document(document)) = item { textBytes += document.text.utf8.count }
        textBytes += size
        items.append(item)
        lastFilePosition = filePosition
        if startsFile { filesStarted += 1 }
    }
}

/// The output of one chunk: its rendered records and their counts.
struct ChunkResult {
    var filesDone: Int
    var fileBytesDone: Int
    var text = ""
    var summary = BatchSummary()
    var records: [DocumentRecord] = []
}

/// The reader hands chunks to workers through a bounded queue, and workers
/// hand results back to the writer, which takes them in reading order. The
/// reader waits when `capacity` chunks are read but not yet written.
private final class ChunkPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Chunk] = []
    private var nextSequence = 0
    private var readingDone = false
    private var cancelled = false
    private var finished: [Int: ChunkResult] = [:]
    private var nextToTake = 0

    init(capacity: Int) { self.capacity = capacity }

    func add(_ chunk: Chunk) {
        condition.lock()
        defer { condition.unlock() }
        while nextSequence - nextToTake >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return }
        var numbered = chunk
        numbered.sequence = nextSequence
        nextSequence += 1
        waiting.append(numbered)
        // Workers wait only for an empty queue: wake them only when that ends.
        if waiting.count == 1 { condition.broadcast() }
    }

    func finishReading() {
        condition.lock()
        readingDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk to extract, or `nil` when reading is over and all are taken.
    func nextChunk() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !readingDone, !cancelled { condition.wait() }
        return waiting.isEmpty || cancelled ? nil : waiting.removeFirst()
    }

    /// Stops the reader and the workers: nothing more will be taken.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func deposit(_ sequence: Int, _ result: ChunkResult) {
        condition.lock()
        finished[sequence] = result
        // Only the writer waits for a result, and only for the next one in order.
        if sequence == nextToTake { condition.broadcast() }
        condition.unlock()
    }

    /// The next result in reading order, or `nil` when every chunk is written.
    func takeNextResult() -> ChunkResult? {
        condition.lock()
        defer { condition.unlock() }
        while finished[nextToTake] == nil, !(readingDone && nextToTake == nextSequence) { condition.wait() }
        guard let result = finished.removeValue(forKey: nextToTake) else { return nil }
        nextToTake += 1
        // The reader waits only while `capacity` chunks are in flight: wake it when that ends.
        if nextSequence - nextToTake == capacity - 1 { condition.broadcast() }
        return result
    }
}

/// How many files the walk left out (``FileSelection``), counted on the
/// reading thread and read once the run is over.
private final class SkippedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files = 0

    func add() { lock.withLock { files += 1 } }

    var count: Int { lock.withLock { files } }
}
