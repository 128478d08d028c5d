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

    /// Calls `body` with each of ``allValueNames``, without making the array.
    func forEachValueName(_ body: (String) -> Void) {
        keys.forEach(body)
        attributes.forEach(body)
    }

    /// Whether `values` has what the field needs, counting the names in
    /// `promised` (attributes a linker may still fill) as present.
    public func isComplete(_ values: FactValues, promised: [String] = []) -> Bool {
        requires.allSatisfy { alternatives in
            alternatives.contains { values[$0] != nil || promised.contains($0) }
        }
    }
}
