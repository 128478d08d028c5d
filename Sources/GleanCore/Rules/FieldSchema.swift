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
    public var amountUnit: AmountUnit?

    /// The keys that hold an amount and the unit it is counted in.
    public struct AmountUnit: Sendable, Hashable {
        public var amount: String
        public var unit: String
    }

    public init(
        name: String, keys: [String], attributes: [String], requires: [[String]], amountUnit: AmountUnit? = nil
    ) {
        self.name = name
        self.keys = keys
        self.attributes = attributes
        self.requires = requires
        self.amountUnit = amountUnit
    }

    /// `values` with a unit in millions (``UnitReader/baseOfMillions(_:)``)
    /// written as its base unit and the amount multiplied by a million.
    func movingMillions(_ values: FactValues) -> FactValues {
        guard let keys = amountUnit, case let .text(unit)? = values[keys.unit],
            let base = UnitReader.baseOfMillions(unit), let amount = values[keys.amount]?.timesAMillion
        else { return values }
        var moved = values
        moved[keys.unit] = .text(base)
        moved[keys.amount] = amount
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
