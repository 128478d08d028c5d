import GleanCore
import OrderedCollections

/// How many facts a diff added, removed and changed, per field and per rule.
public struct DiffSummary: Sendable {
    /// The counts of one field or rule.
    public struct Tally: Sendable, Hashable {
        public var added = 0
        public var removed = 0
        public var changed = 0
        /// The same facts found by another rule.
        public var ruleChanged = 0

        public init(added: Int = 0, removed: Int = 0, changed: Int = 0, ruleChanged: Int = 0) {
            self.added = added
            self.removed = removed
            self.changed = changed
            self.ruleChanged = ruleChanged
        }

        mutating func count(_ change: ExtractionDiff.Change) {
            switch change {
            case .added: added += 1
            case .removed: removed += 1
            case .changed: changed += 1
            case .ruleChanged: ruleChanged += 1
            }
        }
    }

    /// Per field, sorted by name.
    public private(set) var fields: OrderedDictionary<String, Tally> = [:]
    /// Per rule, sorted by ID. A changed fact whose rule changed counts for both rules.
    public private(set) var rules: OrderedDictionary<String, Tally> = [:]
    /// All facts.
    public private(set) var total = Tally()

    mutating func count(_ change: ExtractionDiff.FactChange) {
        total.count(change.change)
        fields[change.fact.field, default: Tally()].count(change.change)
        let rules = Set([change.old?.rule, change.new?.rule].compactMap { $0 })
        for rule in rules { self.rules[rule, default: Tally()].count(change.change) }
    }

    mutating func sortByName() {
        fields.sort()
        rules.sort()
    }
}
