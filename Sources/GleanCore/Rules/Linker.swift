import GleanRegex

/// Fills an attribute of a fact (`drug`, `route`, `instrument`) from the
/// words around it: the nearest match of its pattern, or name of its term
/// list, in the fact's sentence or document. A class, like ``Rule``: every
/// linked fact takes it, and a struct of patterns, sets and strings would be
/// copied each time.
public final class Linker: Sendable {
    /// Where a fact looks for its attribute.
    public enum Scope: String, Sendable {
        /// The fact's sentence.
        case sentence
        /// The fact's sentence; when that holds no candidate, the sentence
        /// before it and the one after it (`Six cycles were given. Cycles
        /// were repeated every 21 days.`).
        case nearby
        /// The whole document.
        case document
    }

    /// The attribute it fills.
    public let name: String
    public let pattern: Pattern
    public let patternText: String
    public let normalizer: Normalizer
    public let scope: Scope
    /// How much farther away a candidate after the fact may be than one
    /// before it and still win; `2` prefers `drug 20 mg` over `20 mg drug`
    /// unless the second is less than half as far.
    public let afterPenalty: Double
    /// Whether a short name written in brackets right after a match
    /// (`temozolomide (TMZ)`) also counts wherever it appears in the document.
    public let learnsAbbreviations: Bool
    /// Names looked up word by word besides the pattern (`terms:`, a
    /// `.terms` file beside the rule file): the drug vocabulary.
    public let terms: TermList?
    /// Names that are never taken (`except:`), lower-case: lab analytes
    /// such as `cholesterol` are not drugs whatever a vocabulary says.
    public let excludedNames: Set<String>
    /// Facts that take nothing from this linker (`unless:`): those whose
    /// value of a key is one of its values as written (`unit: [Gy, cGy]`,
    /// a radiation dose names no drug).
    public let unlessValues: [String: Set<String>]
    /// What makes a name a group's label (`group_label:`, compiled anchored
    /// and tried at the name's start): `39 mg/d in the bupivacaine group`
    /// names the group an amount was measured in, not its agent, so a label
    /// with words between it and the fact before it names the agent of
    /// neither that fact nor a later one.
    public let groupLabel: Pattern?
    /// Whether a candidate written right after an earlier fact of the field
    /// carries over to a later fact when nothing at or after that fact is in
    /// reach, as the nearest candidate before it (`carries_over: true`): a
    /// route describes how the amount just written was given, and a later
    /// amount of the same regimen inherits it (`prednisone 0.6 mg/kg/d orally
    /// ..., with gradual tapering to 10 mg/d`, not an older drug's
    /// `intravenous` before it). Without it such a candidate is taken only
    /// when no other is in reach: a drug named right after an amount is that
    /// amount's (`200 mg lutein and 10 mg zeaxanthin`).
    public let carriesOver: Bool
    /// Whether an amount written once for a list of names is each name's
    /// (`shares: true`): the fact is then emitted once per name, when the
    /// sentence says so (`A and B (10 mg each)`, `both A and B at 10 mg`,
    /// `10 mg of A, B or C`); see ``AttributeLinker``.
    public let sharesAmounts: Bool
    /// Names that share no amount with the other names of a list
    /// (`shares_except:`, lower-case): a vehicle or a control given beside
    /// the agent (`4 mg of ondansetron or saline`).
    public let unsharedNames: Set<String>
    public let location: SourceLocation

    init(
        name: String, pattern: Pattern, patternText: String, normalizer: Normalizer, scope: Scope,
        afterPenalty: Double, learnsAbbreviations: Bool, terms: TermList?, excludedNames: Set<String>,
        unlessValues: [String: Set<String>], groupLabel: Pattern?, carriesOver: Bool,
        sharesAmounts: Bool = false, unsharedNames: Set<String> = [], location: SourceLocation
    ) {
        self.name = name
        self.pattern = pattern
        self.patternText = patternText
        self.normalizer = normalizer
        self.scope = scope
        self.afterPenalty = afterPenalty
        self.learnsAbbreviations = learnsAbbreviations
        self.terms = terms
        self.excludedNames = excludedNames
        self.unlessValues = unlessValues
        self.groupLabel = groupLabel
        self.carriesOver = carriesOver
        self.sharesAmounts = sharesAmounts
        self.unsharedNames = unsharedNames
        self.location = location
    }

    /// Whether a fact with `values` takes this linker's attribute.
    func applies(to values: FactValues) -> Bool {
        !unlessValues.contains { key, written in values[key].map { written.contains($0.description) } ?? false }
    }
}
