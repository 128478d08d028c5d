import GleanCore
import OrderedCollections

/// The differences between two extraction runs over the same documents.
///
/// Documents are matched by source and ID (in whatever order the runs list
/// them). Within a document a fact is identified by its field and span:
/// the same field, span, values and rule is the same fact; the same field
/// and values from another rule, over the same or an overlapping span, is a
/// fact whose rule changed; the same field and span with other values is a
/// changed fact. Facts
/// left over are matched by field, values, rule and matched text, wherever
/// they sit, so a fact whose text moved is not a difference. What is still
/// left over was removed (old run) or added (new run).
public struct ExtractionDiff: Sendable {
    /// What happened to a fact between the runs.
    public enum Change: String, Sendable, CaseIterable {
        case added, removed, changed
        /// The same fact (field and values), found by another rule.
        case ruleChanged = "rule_changed"
    }

    /// One fact that differs: `old` is nil for an added fact, `new` for a removed one.
    public struct FactChange: Sendable, Hashable {
        public var change: Change
        public var old: Fact?
        public var new: Fact?

        /// The fact as it stands after the change (the old one when removed).
        public var fact: Fact { new ?? old! }
    }

    /// A document with differences.
    public struct DocumentDiff: Sendable {
        public var key: DocumentKey
        public var id: String { key.id }
        public var source: String { key.source }
        /// False when only the new run has the document.
        public var inOld: Bool
        /// False when only the old run has the document.
        public var inNew: Bool
        public var oldError: String?
        public var newError: String?
        /// The facts that differ, by position in the text.
        public var changes: [FactChange]
        /// The new run's facts that did not change, for context.
        public var unchanged: [Fact]
    }

    /// The documents that differ, in the new run's order, then those only the old run has.
    public private(set) var documents: [DocumentDiff] = []
    /// Distinct documents in either run.
    public private(set) var documentsCompared = 0
    /// Facts in the new run.
    public private(set) var factsCompared = 0
    /// Counts per field and per rule.
    public private(set) var summary = DiffSummary()

    public var hasDifferences: Bool { !documents.isEmpty }

    public init(old: [DocumentRecord], new: [DocumentRecord]) {
        var oldByKey: [DocumentKey: [DocumentRecord]] = [:]
        for record in old { oldByKey[DocumentKey(record), default: []].append(record) }
        var seen: Set<DocumentKey> = []
        for record in new {
            let key = DocumentKey(record)
            seen.insert(key)
            let counterpart = oldByKey[key]?.isEmpty == false ? oldByKey[key]!.removeFirst() : nil
            compare(key: key, old: counterpart, new: record)
        }
        for record in old {
            let key = DocumentKey(record)
            guard var remaining = oldByKey[key], !remaining.isEmpty else { continue }
            seen.insert(key)
            compare(key: key, old: remaining.removeFirst(), new: nil)
            oldByKey[key] = remaining
        }
        summary.sortByName()
        documentsCompared = seen.count
        factsCompared = new.reduce(0) { $0 + $1.facts.count }
    }

    private mutating func compare(key: DocumentKey, old: DocumentRecord?, new: DocumentRecord?) {
        let (changes, unchanged) = Self.compare(old: old?.facts ?? [], new: new?.facts ?? [])
        let document = DocumentDiff(
            key: key, inOld: old != nil, inNew: new != nil, oldError: old?.error,
            newError: new?.error, changes: changes, unchanged: unchanged)
        guard !changes.isEmpty || old == nil || new == nil || old?.error != new?.error else { return }
        for change in changes { summary.count(change) }
        documents.append(document)
    }

    /// Pairs the facts of one document: the changes, and the new facts that stayed.
    static func compare(old: [Fact], new: [Fact]) -> (changes: [FactChange], unchanged: [Fact]) {
        var oldLeft = old.map(Optional.some)
        var newLeft = new.map(Optional.some)
        var changes: [FactChange] = []
        var unchanged: [Fact] = []
        /// Pairs each remaining old fact with the best remaining new fact that `fits`.
        func pair(
            _ fits: (Fact, Fact) -> Bool, distance: (Fact, Fact) -> Int = { _, _ in 0 },
            then paired: (Fact, Fact) -> Void
        ) {
            for oldIndex in oldLeft.indices {
                guard let oldFact = oldLeft[oldIndex] else { continue }
                let best = newLeft.indices.filter { newLeft[$0].map { fits(oldFact, $0) } ?? false }
                    .min { distance(oldFact, newLeft[$0]!) < distance(oldFact, newLeft[$1]!) }
                guard let best else { continue }
                paired(oldFact, newLeft[best]!)
                oldLeft[oldIndex] = nil
                newLeft[best] = nil
            }
        }
        pair({ sameSpan($0, $1) && sameContent($0, $1) }, then: { _, new in unchanged.append(new) })
        pair(
            {
                $0.field == $1.field && $0.rule != $1.rule && $0.values.matches($1.values) && $0.start < $1.end
                    && $1.start < $0.end
            },
            then: { old, new in changes.append(FactChange(change: .ruleChanged, old: old, new: new)) }
        )
        pair(sameSpan, then: { old, new in changes.append(FactChange(change: .changed, old: old, new: new)) })
        pair(
            { $0.field == $1.field && $0.text == $1.text && sameContent($0, $1) },
            distance: { abs($0.start - $1.start) },
            then: { _, new in unchanged.append(new) }
        )
        changes += oldLeft.compactMap { $0.map { FactChange(change: .removed, old: $0, new: nil) } }
        changes += newLeft.compactMap { $0.map { FactChange(change: .added, old: nil, new: $0) } }
        changes.sort { ($0.fact.start, $0.fact.end, $0.fact.field) < ($1.fact.start, $1.fact.end, $1.fact.field) }
        unchanged.sort { ($0.start, $0.end, $0.field) < ($1.start, $1.end, $1.field) }
        return (changes, unchanged)
    }

    private static func sameSpan(_ a: Fact, _ b: Fact) -> Bool {
        a.field == b.field && a.start == b.start && a.end == b.end
    }

    /// The same rule and the same values, compared as FIELDS.md "Matching" compares values.
    private static func sameContent(_ a: Fact, _ b: Fact) -> Bool {
        a.rule == b.rule && a.values.matches(b.values)
    }
}

/// Names one document of a run: the file it came from and its ID there.
public struct DocumentKey: Sendable, Hashable {
    public var source: String
    public var id: String

    public init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    public init(_ record: DocumentRecord) {
        self.init(source: record.source, id: record.id)
    }
}
