import GleanRegex
import Yams

/// Reads the `require:` and `forbid:` conditions of rules. A condition is
/// written out in place (`{in: before, chars: 40, pattern: ...}`) or names
/// one of the rule set's `contexts:`, a condition written once with its
/// scope and direction (`in:`, `chars:`) that any rule may require or
/// forbid, as medspaCy's ConText modifiers are. `when_match:` limits a
/// condition to the matches whose text that pattern finds in (a volume's
/// unit, say): around other matches it is not checked. A file's `defaults:` are
/// conditions every rule of that file has before its own.
/// Every context is built at init, for both effects: its tables are written
/// there only, and threads reading rules side by side share the reader.
final class ConditionReader: @unchecked Sendable {
    /// The keys of a condition; a named context may also have a description.
    static let conditionKeys = ["in", "chars", "pattern", "words", "prefilter", "when_match"]

    private let patterns: PatternCompiler
    /// The `contexts:` by name, as written.
    private var contexts: [String: (reader: YAMLNodeReader, node: Node)] = [:]
    /// Each context as built for an effect (`require name`, `forbid name`):
    /// compiled once and shared by every rule that names it.
    private var built: [String: ContextCondition?] = [:]
    /// Each file's default conditions, by file path.
    private var defaults: [String: [ContextCondition]] = [:]

    /// Reads the `contexts:` sections of all files (each is checked, as a
    /// requirement, whether a rule uses it or not), then the `defaults:` ones.
    init(
        patterns: PatternCompiler, contexts contextSections: [(YAMLNodeReader, Node)],
        defaults defaultSections: [(YAMLNodeReader, Node)]
    ) {
        self.patterns = patterns
        for (reader, node) in contextSections {
            for (name, keyNode, value) in reader.namedEntries(node, "contexts") {
                if let first = contexts[name] {
                    reader.diagnose(
                        keyNode,
                        "duplicate context '\(name)' (first defined at \(first.reader.location(of: first.node)))")
                    continue
                }
                contexts[name] = (reader, value)
            }
        }
        for name in contexts.keys.sorted() {
            if context(name, effect: .require) != nil {
                _ = context(name, effect: .forbid)
            } else {
                // (A context that does not build is reported once, here, not again where a rule forbids it.)
                built["\(ContextCondition.Effect.forbid.rawValue) \(name)"] = .some(nil)
            }
        }
        for (reader, node) in defaultSections {
            guard let pairs = reader.mapping(node, "defaults", allowed: ["require", "forbid"]) else { continue }
            defaults[reader.path, default: []] += conditions(
                in: Dictionary(pairs.map { ($0.key, $0.value) }) { first, _ in first },
                of: reader)
        }
    }

    /// The conditions every rule of the file at `path` has before its own.
    func defaults(ofFile path: String) -> [ContextCondition] { defaults[path] ?? [] }

    /// The conditions under the `require` and `forbid` keys of `entries` (a rule's or a file's defaults).
    func conditions(in entries: [String: Node], of reader: YAMLNodeReader) -> [ContextCondition] {
        var conditions: [ContextCondition] = []
        for effect in [ContextCondition.Effect.require, .forbid] {
            guard let list = entries[effect.rawValue].flatMap({ reader.sequence($0, effect.rawValue) }) else {
                continue
            }
            conditions += list.compactMap { condition($0, effect: effect, in: reader) }
        }
        return conditions
    }

    /// One condition: a context's name, or a condition written out.
    private func condition(
        _ node: Node, effect: ContextCondition.Effect, in reader: YAMLNodeReader
    ) -> ContextCondition? {
        guard let name = node.scalar?.string else {
            return written(node, effect: effect, in: reader, allowed: Self.conditionKeys)
        }
        guard contexts[name] != nil else {
            reader.diagnose(
                node, "unknown context '\(name)'\(YAMLNodeReader.hint(for: name, among: contexts.keys.sorted()))")
            return nil
        }
        let condition = context(name, effect: effect)
        if effect == .forbid, condition == nil, context(name, effect: .require)?.isPrefilter == true {
            reader.diagnose(node, "context '\(name)' is a prefilter, which only a require can name")
        }
        return condition
    }

    /// The context `name` as a condition with `effect`, built once.
    private func context(_ name: String, effect: ContextCondition.Effect) -> ContextCondition? {
        let key = "\(effect.rawValue) \(name)"
        if let known = built[key] { return known }
        guard let (reader, node) = contexts[name] else { return nil }
        // A prefilter named in a forbid is reported where it is named, not here.
        let condition =
            effect == .forbid && Self.isPrefilter(node)
            ? nil : written(node, effect: effect, in: reader, allowed: Self.conditionKeys + ["description"])
        built[key] = condition
        return condition
    }

    private static func isPrefilter(_ node: Node) -> Bool { node.mapping?["prefilter"]?.scalar?.string == "true" }

    /// A condition written out as a mapping.
    private func written(
        _ node: Node, effect: ContextCondition.Effect, in reader: YAMLNodeReader,
        allowed: [String]
    ) -> ContextCondition? {
        guard let pairs = reader.mapping(node, effect.rawValue, allowed: allowed) else { return nil }
        let entries = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let characters = entries["chars"].flatMap { reader.integer($0, "chars") } ?? 60
        let scopeName = entries["in"].flatMap { reader.string($0, "in") } ?? "sentence"
        let scope: ContextCondition.Scope
        switch scopeName {
        case "sentence": scope = .sentence
        case "before": scope = .before(characters: characters)
        case "after": scope = .after(characters: characters)
        case "document": scope = .document
        case "match": scope = .match
        default:
            reader.diagnose(entries["in"]!, "'in' must be one of: sentence, before, after, document, match")
            return nil
        }
        var isPrefilter = false
        if let prefilterNode = entries["prefilter"] {
            isPrefilter = prefilterNode.scalar?.string == "true"
            if effect != .require || scope != .sentence || !isPrefilter && prefilterNode.scalar?.string != "false" {
                reader.diagnose(
                    prefilterNode,
                    "prefilter: true belongs to a require in: sentence (it limits the search to sentences where the requirement holds; document requirements always do)"
                )
                return nil
            }
        }
        var matchFilter: Pattern?
        if let filterNode = entries["when_match"] {
            guard scope != .document, !isPrefilter, entries["words"] == nil else {
                reader.diagnose(
                    filterNode,
                    "when_match belongs to a condition around a match (in: sentence, before, after or match), not to a document, words or prefilter condition"
                )
                return nil
            }
            guard let text = reader.string(filterNode, "when_match"),
                let pattern = patterns.compile(text, at: filterNode, in: reader, options: [.caseless, .extended])
            else { return nil }
            matchFilter = pattern
        }
        if let wordsNode = entries["words"] {
            return wordsCondition(
                wordsNode, effect: effect, scope: scope, hasPattern: entries["pattern"] != nil, at: node, in: reader)
        }
        guard let patternNode = entries["pattern"], let text = reader.string(patternNode, "pattern") else {
            reader.diagnose(node, "\(effect.rawValue) needs a pattern (or, in: document, words)")
            return nil
        }
        guard let pattern = patterns.compile(text, at: patternNode, in: reader, options: [.caseless, .extended]) else {
            return nil
        }
        return ContextCondition(
            effect: effect, scope: scope, pattern: pattern, patternText: text,
            location: reader.location(of: node), isPrefilter: isPrefilter, matchFilter: matchFilter)
    }

    /// `{in: document, words: [mild, severe]}`: whether the document has one of
    /// the words, whole, in any case, as anchors find words (a run of ASCII
    /// letters not preceded by a digit). Checked on the document's words, with
    /// no pattern to run; `pattern` holds the equivalent regular expression.
    private func wordsCondition(
        _ wordsNode: Node, effect: ContextCondition.Effect, scope: ContextCondition.Scope,
        hasPattern: Bool, at node: Node, in reader: YAMLNodeReader
    ) -> ContextCondition? {
        guard scope == .document, !hasPattern else {
            reader.diagnose(wordsNode, "words belongs to a condition in: document, in place of a pattern")
            return nil
        }
        guard let words = reader.strings(wordsNode, "words") else { return nil }
        guard !words.isEmpty, words.allSatisfy(RuleReader.isASCIIWord) else {
            reader.diagnose(wordsNode, "words must be a list of words of ASCII letters")
            return nil
        }
        let equivalent = "(?<![A-Za-z0-9])(?:" + words.joined(separator: "|") + ")(?![A-Za-z])"
        guard let pattern = try? Pattern(equivalent, options: .caseless) else { return nil }
        return ContextCondition(
            effect: effect, scope: scope, pattern: pattern,
            patternText: "words: [" + words.joined(separator: ", ") + "]",
            location: reader.location(of: node), isPrefilter: false,
            words: WordStartScanner(prefixes: [], wholeWords: words))
    }
}
