import OrderedCollections

/// Everything loaded from a rules folder: fields, shared pattern
/// definitions, normalizers, linkers and rules. Only ``RuleLoader`` makes
/// one, so every rule's field, linker and normalizer is in the set.
public struct RuleSet: Sendable {
    /// Fields by name, in declaration order.
    public let fields: OrderedDictionary<String, FieldSchema>
    /// Rules in load order (files sorted by name, rules in file order).
    public let rules: [Rule]
    /// Linkers by the attribute they fill.
    public let linkers: [String: Linker]
    /// Built-in normalizers and the vocabularies the files declare.
    public let normalizers: [String: Normalizer]
    /// Shared pattern definitions, callable from any pattern as `(?&name)`.
    public let definitions: OrderedDictionary<String, PatternDefinition>
    /// The files the set was loaded from.
    public let files: [String]
    /// The fields a fixture annotates unless it lists its own (`fixture_fields:`
    /// in a rule file); every field when no file says.
    public let fixtureFields: [String]?
    /// A digest of the rule files and term lists the set was loaded from
    /// (``RuleDigest``): two runs with the same digest ran the same rules.
    public internal(set) var digest: String = ""

    /// The schema of the field `rule` fills (always there: the loader checks it).
    public func schema(of rule: Rule) -> FieldSchema { fields[rule.field]! }

    /// The rule with this ID.
    public func rule(withID id: String) -> Rule? { rules.first { $0.id == id } }

    /// For an ID no rule has: ` (did you mean 'dose.list'?)`, or the IDs there are.
    package func hint(forUnknownRuleID id: String) -> String {
        YAMLNodeReader.hint(for: id, among: rules.map(\.id))
    }
}

/// A named pattern fragment from a `definitions:` section.
public struct PatternDefinition: Sendable {
    public var name: String
    public var body: String
    public var location: SourceLocation
}
