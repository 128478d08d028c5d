/// A field as a rule file declares it: its key values, its linked
/// attributes, and which keys a fact needs before it may be emitted.
public struct FieldSchema: Sendable, Hashable {
    public var name: String
    /// Values that identify a fact (FIELDS.md "key values").
    public var keys: [String]
    /// Values scored separately on found facts (`drug`, `route`, `event`, ...).
    public var attributes: [String]
    /// Each inner list needs at least one of its keys present, e.g.
    /// `[[amount], [unit]]` or `[[count, median, mean, total]]`.
    public var requires: [[String]]

    public init(name: String, keys: [String], attributes: [String], requires: [[String]]) {
        self.name = name
        self.keys = keys
        self.attributes = attributes
        self.requires = requires
    }

    /// Keys and attributes in the order output writes them.
    public var allValueNames: [String] { keys + attributes }

    /// Whether `values` has what the field needs.
    public func isComplete(_ values: FactValues) -> Bool {
        requires.allSatisfy { alternatives in alternatives.contains { values[$0] != nil } }
    }
}
