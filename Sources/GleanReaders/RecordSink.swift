/// Receives the records a reader parses from one input and turns them into
/// `ReadOutcome`s for the caller, naming them on the way.
///
/// A record's ID is its PMID; a record without one is named after the input:
/// `name` when the input holds a single record, `name#N` (N counting records
/// from 1) when it holds several. To know which, the first record is held back
/// until a second one arrives or the input ends. IDs are unique within the
/// input: an ID already given out (a PMID that occurs twice) gets `#N` added.
///
/// An input that ends without any record gets a failure, so every input
/// yields at least one outcome.
final class RecordSink {
    /// A record (or record failure) waiting for its name.
    private struct Pending {
        var position: Int
        var pmid: String?
        /// The document's text, or why the record is not a document.
        var content: Result<String, RecordProblem>
    }

    private struct RecordProblem: Error {
        var message: String
    }

    private let source: String
    private let name: String
    private let deliver: (ReadOutcome) -> Bool
    private var recordCount = 0
    private var heldFirst: Pending?
    /// The IDs given out so far.
    private var usedIDs: Set<String> = []
    /// True once the caller wants no more outcomes; readers stop reading then.
    private(set) var isStopped = false

    /// - Parameters:
    ///   - source: the path as given, or `-`.
    ///   - name: the file name without extension, used for records without a PMID.
    ///   - deliver: passes an outcome on; returns false when no more are wanted.
    init(source: String, name: String, deliver: @escaping (ReadOutcome) -> Bool) {
        self.source = source
        self.name = name
        self.deliver = deliver
    }

    /// A parsed record: a document, or a failure when it has no title and no abstract.
    func record(_ record: ParsedRecord) {
        let text = TextLayout.documentText(title: record.title, abstractParagraphs: record.abstractParagraphs)
        accept(
            pmid: record.pmid,
            content: text.map { .success($0) }
                ?? .failure(RecordProblem(message: "record has no title and no abstract")))
    }

    /// A record that could not be parsed; the records around it still count.
    func recordFailure(_ message: String, pmid: String? = nil) {
        accept(pmid: pmid, content: .failure(RecordProblem(message: message)))
    }

    /// The input ended normally; without any record, that is a failure.
    func finish() {
        if recordCount == 0 {
            fail("no records found")
        } else {
            flushHeldFirst(isOnlyRecord: true)
        }
    }

    /// The input broke off: records already passed on stay, and the problem
    /// becomes a failure for the file, named after it (with `#N` added, N
    /// one past the last record, when a record took that name).
    func fail(_ message: String) {
        flushHeldFirst(isOnlyRecord: true)
        send(.failure(ReadFailure(id: uniqueID(name, position: recordCount + 1), source: source, message: message)))
    }

    private func accept(pmid: String?, content: Result<String, RecordProblem>) {
        recordCount += 1
        let pending = Pending(position: recordCount, pmid: pmid, content: content)
        if recordCount == 1 {
            heldFirst = pending
        } else {
            flushHeldFirst(isOnlyRecord: false)
            send(pending, isOnlyRecord: false)
        }
    }

    private func flushHeldFirst(isOnlyRecord: Bool) {
        guard let first = heldFirst else { return }
        heldFirst = nil
        send(first, isOnlyRecord: isOnlyRecord)
    }

    private func send(_ pending: Pending, isOnlyRecord: Bool) {
        let id = uniqueID(
            pending.pmid ?? (isOnlyRecord ? name : "\(name)#\(pending.position)"), position: pending.position)
        switch pending.content {
        case .success(let text): send(.document(Document(id: id, source: source, text: text)))
        case .failure(let problem): send(.failure(ReadFailure(id: id, source: source, message: problem.message)))
        }
    }

    /// `id`, or `id#N` (N the record's position, added again if need be) when
    /// `id` was already given out; records it as given out.
    private func uniqueID(_ id: String, position: Int) -> String {
        var unique = id
        while !usedIDs.insert(unique).inserted { unique += "#\(position)" }
        return unique
    }

    private func send(_ outcome: ReadOutcome) {
        guard !isStopped else { return }
        isStopped = !deliver(outcome)
    }
}
