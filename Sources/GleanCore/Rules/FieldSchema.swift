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
    /// The keys of an amount and its unit (`amount_unit: [amount, unit]`):
    /// a unit in millions is written as its base unit, the million moved
    /// into the amount (`3 MIU` → `3000000 IU`), as a spelled-out million is.
    public var amountUnit: (amount: String, unit: String)?

    public init(
        name: String, keys: [String], attributes: [String], requires: [[String]],
        amountUnit: (amount: String, unit: String)? = nil
    ) {
        self.name = name
        self.keys = keys
        self.attributes = attributes
        self.requires = requires
        self.amountUnit = amountUnit
    }

    public static func == (left: FieldSchema, right: FieldSchema) -> Bool {
        left.name == right.name && left.keys == right.keys && left.attributes == right.attributes
            && left.requires == right.requires && left.amountUnit?.amount == right.amountUnit?.amount
            && left.amountUnit?.unit == right.amountUnit?.unit
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(keys)
        hasher.combine(attributes)
        hasher.combine(requires)
        hasher.combine(amountUnit?.amount)
        hasher.combine(amountUnit?.unit)
    }

    /// `values` with a unit in millions (``UnitReader/baseOfMillions(_:)``)
    /// written as its base unit and the amount multiplied by a million.
    func movingMillions(_ values: FactValues) -> FactValues {
        guard let (amountKey, unitKey) = amountUnit, case let .text(unit)? = values[unitKey],
            let base = UnitReader.baseOfMillions(unit), let amount = values[amountKey]?.timesAMillion
        else { return values }
        var moved = values
        moved[unitKey] = .text(base)
        moved[amountKey] = amount
        return moved
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
