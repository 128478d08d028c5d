import GleanRegex
import OrderedCollections

/// One extraction rule: a PCRE2 pattern for one field, how its capture
/// groups become values, the context it needs, and its examples. A class:
/// extraction reads rules for every document, and a shared reference costs
/// nothing to pass where a struct of arrays and strings is copied.
public final class Rule: Sendable {
    /// Unique across the rule set, e.g. `dose.per-bsa`.
    public let id: String
    /// The field its facts belong to.
    public let field: String
    /// What the rule is for, in the author's words.
    public let description: String
    /// Where the rule starts in its file.
    public let location: SourceLocation
    /// The pattern as written in the rule, before shared definitions are composed in.
    public let patternText: String
    /// The compiled pattern, with the definitions it calls. (A rule with an
    /// ``anchor`` is searched in the anchor's forms; this one is compiled
    /// the first time it is asked for.)
    public var pattern: Pattern { plainPattern.pattern }
    private let plainPattern: RulePattern
    /// Breaks ties between overlapping facts of equal length: higher wins.
    public let priority: Int
    /// How each value is produced, in output order; the first source that
    /// yields a value wins.
    public let values: OrderedDictionary<String, [ValueSource]>
    /// Attributes filled from the context by linkers, e.g. `drug`, `route`.
    public let links: [String]
    /// Context the match needs or must not have.
    public let conditions: [ContextCondition]
    /// A veto rule emits nothing; its matches remove every overlapping
    /// candidate fact of its field (`grade 3 tumours` vetoes `grade 3`).
    public let isVeto: Bool
    /// A fallback rule's facts are kept only in a document where no other
    /// rule found a fact of its field: a count of completers, say, that is
    /// the only size an abstract gives.
    public let isFallback: Bool
    /// Texts that must match (with their values) and texts that must not.
    public let examples: [RuleExample]
    /// Set by `anchor:`: where every match starts (at a count, or at words
    /// with given prefixes), which lets extraction skip the other positions.
    public let anchor: MatchAnchor?

    init(
        id: String, field: String, description: String, location: SourceLocation,
        patternText: String, pattern: RulePattern, priority: Int,
        values: OrderedDictionary<String, [ValueSource]>, links: [String], conditions: [ContextCondition],
        isVeto: Bool, isFallback: Bool, examples: [RuleExample], anchor: MatchAnchor?
    ) {
        self.id = id
        self.field = field
        self.description = description
        self.location = location
        self.patternText = patternText
        self.plainPattern = pattern
        self.priority = priority
        self.values = values
        self.links = links
        self.conditions = conditions
        self.isVeto = isVeto
        self.isFallback = isFallback
        self.examples = examples
        self.anchor = anchor
    }
}

/// Where one value of a fact comes from.
public enum ValueSource: Sendable {
    /// A capture group's text read by a normalizer.
    case group(name: String, number: Int, normalizer: Normalizer)
    /// A fixed value, given always or only when a group took part in the match.
    case constant(FactValue, whenGroup: Int?)
    /// `decrease`, `increase` or `unchanged`, from two other values of the fact.
    case comparison(earlier: String, later: String)
    /// A range whose ends two capture groups hold apart: their texts joined
    /// by a hyphen, read by a normalizer (`6/25–12/50 mg`, olanzapine `6-12`).
    case range(low: (name: String, number: Int), high: (name: String, number: Int), normalizer: Normalizer)
}

/// A requirement on the text around a match. A class, like ``Rule``:
/// conditions are read for every match, and a shared reference costs nothing
/// where a struct of strings is copied.
public final class ContextCondition: Sendable {
    public enum Effect: String, Sendable { case require, forbid }
    public enum Scope: Sendable, Hashable {
        /// The sentence holding the match.
        case sentence
        /// Up to `characters` before the match, within its sentence.
        case before(characters: Int)
        /// Up to `characters` after the match, within its sentence.
        case after(characters: Int)
        /// The whole document.
        case document
        /// The matched text itself.
        case match
    }
    public let effect: Effect
    public let scope: Scope
    public let pattern: Pattern
    /// The condition as written, for explanations.
    public let patternText: String
    public let location: SourceLocation
    /// `prefilter: true` on a sentence requirement: the rule is searched only in
    /// the sentences where it holds, found for all sentences up front. Worth it
    /// when the requirement is much cheaper to find than the rule's pattern
    /// (a literal word, not a long word list); the matches are the same.
    public let isPrefilter: Bool
    /// For a `words:` condition, the words it looks for among the document's
    /// words (``WordStartScanner``), found without running `pattern`.
    let words: WordStartScanner?
    /// `when_match:`: a pattern the matched text must contain for the
    /// condition to apply at all; around other matches it is not checked
    /// (neither required nor forbidden). It lets a condition concern some
    /// matches only, as a measured word before an amount concerns volumes
    /// ("FEV1 ... tiotropium 110 mL") and not milligrams.
    public let matchFilter: Pattern?

    public convenience init(
        effect: Effect, scope: Scope, pattern: Pattern, patternText: String,
        location: SourceLocation, isPrefilter: Bool = false, matchFilter: Pattern? = nil
    ) {
        self.init(
            effect: effect, scope: scope, pattern: pattern, patternText: patternText,
            location: location, isPrefilter: isPrefilter, words: nil, matchFilter: matchFilter)
    }

    init(
        effect: Effect, scope: Scope, pattern: Pattern, patternText: String,
        location: SourceLocation, isPrefilter: Bool, words: WordStartScanner?,
        matchFilter: Pattern? = nil
    ) {
        self.effect = effect
        self.scope = scope
        self.pattern = pattern
        self.patternText = patternText
        self.location = location
        self.isPrefilter = isPrefilter
        self.words = words
        self.matchFilter = matchFilter
    }

    /// A sentence requirement that limits where extraction searches for the rule.
    var limitsSearch: Bool { isPrefilter && effect == .require && scope == .sentence }
}

/// A text a rule must match with the facts it must yield, or must not match.
public struct RuleExample: Sendable {
    /// The text, without its span marks.
    public let text: String
    /// The facts the rule must yield, exactly; `nil` for a text that must not match.
    public let expectedFacts: [FactValues]?
    /// The spans the rule's facts must cover, in characters (code points) of
    /// `text`, when the example marks them (`"had ↓4 cycles↓ of"`).
    public let spans: [Range<Int>]?
    /// A known failure (`todo: true`): expected to fail until the rule learns it.
    public let isTodo: Bool
    public let location: SourceLocation

    /// The mark around a span a match example must match, as SwiftLint's examples mark theirs.
    public static let spanMark: Character = "↓"

    /// Whether the rule must match this text.
    public var mustMatch: Bool { expectedFacts != nil }
}
