import OrderedCollections

/// What `glean validate` measured: per-field precision and recall, linked
/// attribute accuracy, per-rule hits, and per-fixture misses and false facts.
public struct ValidationReport: Sendable {
    public struct FieldScore: Sendable {
        public var expected = 0
        public var emitted = 0
        /// Expected facts found.
        public var found = 0
        /// Emitted facts that match an expected one.
        public var correct = 0
        public var precision: Double { emitted == 0 ? (expected == 0 ? 1 : 0) : Double(correct) / Double(emitted) }
        public var recall: Double { expected == 0 ? (emitted == 0 ? 1 : 0) : Double(found) / Double(expected) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        mutating func add(_ other: FieldScore) {
            expected += other.expected
            emitted += other.emitted
            found += other.found
            correct += other.correct
        }
    }

    public struct AttributeScore: Sendable {
        public var checked = 0
        public var right = 0
        public var accuracy: Double { checked == 0 ? 1 : Double(right) / Double(checked) }
    }

    public struct RuleScore: Sendable {
        public var fixtures: Set<String> = []
        public var right = 0
        public var wrong = 0
    }

    /// A fact the rules missed or invented, with where to look.
    public struct Discrepancy: Sendable {
        public enum Kind: String, Sendable { case missed, unexpected }
        public var kind: Kind
        public var field: String
        public var values: FactValues
        /// The rule that produced an unexpected fact.
        public var rule: String?
        /// The sentence an unexpected fact came from, or a sentence that
        /// mentions a missed fact's first value.
        public var sentence: String?
        /// A linked attribute that is wrong, for found facts: `drug: expected x, got y`.
        public var note: String?
    }

    public struct FixtureResult: Sendable {
        public var fixture: String
        public var source: String
        public var discrepancies: [Discrepancy] = []
        public var error: String?
    }

    public var fields: OrderedDictionary<String, FieldScore> = [:]
    public var attributes: OrderedDictionary<String, AttributeScore> = [:]
    public var rules: OrderedDictionary<String, RuleScore> = [:]
    public var fixtures: [FixtureResult] = []

    public var overall: FieldScore {
        fields.values.reduce(into: FieldScore()) { $0.add($1) }
    }

    /// Rules that fired on no fixture.
    public var silentRules: [String] { rules.filter { $0.value.fixtures.isEmpty }.map(\.key) }
}
