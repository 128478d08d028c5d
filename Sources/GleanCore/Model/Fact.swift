import OrderedCollections

/// The values of one fact, keyed by name, in the order the field declares them.
public typealias FactValues = OrderedDictionary<String, FactValue>

extension FactValues {
    /// Whether `other` has the same keys, each value matching as
    /// ``FactValue/matches(_:)`` compares (FIELDS.md "Matching").
    public func matches(_ other: FactValues) -> Bool {
        count == other.count && allSatisfy { key, value in other[key].map(value.matches) ?? false }
    }
}

/// One extracted fact: a field, its values, the rule that produced it and
/// the exact words it came from.
public struct Fact: Sendable, Hashable {
    /// The field, e.g. `dose`.
    public var field: String
    /// The values, e.g. `amount: 1.3, unit: mg/m2, drug: bortezomib`.
    public var values: FactValues
    /// The ID of the rule that matched.
    public var rule: String
    /// The matched text.
    public var text: String
    /// Start of the match in Unicode code points into the document text.
    public var start: Int
    /// End (exclusive) of the match in Unicode code points.
    public var end: Int

    public init(field: String, values: FactValues, rule: String, text: String, start: Int, end: Int) {
        self.field = field
        self.values = values
        self.rule = rule
        self.text = text
        self.start = start
        self.end = end
    }
}
