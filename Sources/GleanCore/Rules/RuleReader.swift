import GleanRegex
import OrderedCollections
import Yams

/// Reads one rule from its YAML mapping, checking it against the fields,
/// linkers and normalizers of the rule set.
struct RuleReader {
    let fields: OrderedDictionary<String, FieldSchema>
    let linkers: [String: Linker]
    let normalizers: [String: Normalizer]
    let patterns: PatternCompiler

    func read(_ node: Node, in reader: YAMLNodeReader) -> Rule? {
        guard let pairs = reader.mapping(node, "rule", allowed: RuleLoader.ruleKeys) else { return nil }
        let entries = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let location = reader.location(of: node)
        guard let idNode = entries["id"], let id = reader.string(idNode, "id") else {
            reader.diagnose(node, "rule has no id")
            return nil
        }
        guard let fieldNode = entries["field"], let field = reader.string(fieldNode, "field") else {
            reader.diagnose(node, "rule '\(id)' has no field")
            return nil
        }
        guard let schema = fields[field] else {
            reader.diagnose(fieldNode, "unknown field '\(field)'\(YAMLNodeReader.hint(for: field, among: Array(fields.keys)))")
            return nil
        }
        guard let patternNode = entries["pattern"], let patternText = reader.string(patternNode, "pattern") else {
            reader.diagnose(node, "rule '\(id)' has no pattern")
            return nil
        }
        // The offset limit lets extraction search only the sentences a rule's requirements allow.
        var options: RegexOptions = [.extended, .offsetLimit]
        for flag in entries["flags"].flatMap({ reader.strings($0, "flags") }) ?? [] {
            guard let option = RuleLoader.flagOptions[flag] else {
                reader.diagnose(entries["flags"]!, "unknown flag '\(flag)' (expected: \(RuleLoader.flagOptions.keys.sorted().joined(separator: ", ")))")
                continue
            }
            options.insert(option)
        }
        guard let pattern = patterns.compile(patternText, at: patternNode, in: reader, options: options) else { return nil }
        let ownGroups = pattern.groupNumbers.filter { patterns.composer.definitions[$0.key] == nil }

        var values: OrderedDictionary<String, [ValueSource]> = [:]
        if let valuesNode = entries["values"] {
            for (key, keyNode, sourceNode) in reader.namedEntries(valuesNode, "values") {
                guard schema.allValueNames.contains(key) else {
                    reader.diagnose(keyNode, "field '\(field)' has no value '\(key)' (it has: \(schema.allValueNames.joined(separator: ", ")))")
                    continue
                }
                let sourceNodes = sourceNode.sequence.map(Array.init) ?? [sourceNode]
                values[key] = sourceNodes.compactMap { valueSource($0, groups: ownGroups, in: reader) }
            }
        }
        var links: [String] = []
        for name in entries["link"].flatMap({ reader.strings($0, "link") }) ?? [] {
            if linkers[name] == nil {
                reader.diagnose(entries["link"]!, "unknown link '\(name)'\(YAMLNodeReader.hint(for: name, among: linkers.keys.sorted()))")
            } else if !schema.attributes.contains(name) {
                reader.diagnose(entries["link"]!, "field '\(field)' has no attribute '\(name)'")
            } else {
                links.append(name)
            }
        }
        var conditions: [ContextCondition] = []
        for effect in [ContextCondition.Effect.require, .forbid] {
            guard let list = entries[effect.rawValue].flatMap({ reader.sequence($0, effect.rawValue) }) else { continue }
            conditions += list.compactMap { condition($0, effect: effect, in: reader) }
        }
        let anchor = entries["anchor"].flatMap { anchorStart($0, in: reader) }
            .flatMap { patterns.anchor($0, for: patternText, at: patternNode, in: reader, options: options) }
        let examples = entries["examples"].map { ExampleReader(schema: schema).read($0, in: reader) } ?? []
        if examples.isEmpty {
            reader.diagnose(node, "rule '\(id)' has no examples: give texts it must match and must not match")
        }
        return Rule(id: id, field: field,
                    description: entries["description"].flatMap { reader.string($0, "description") } ?? "",
                    location: location, patternText: patternText, pattern: pattern,
                    priority: entries["priority"].flatMap { reader.integer($0, "priority") } ?? 0,
                    values: values, links: links, conditions: conditions,
                    isVeto: entries["veto"]?.scalar?.string == "true", examples: examples,
                    anchor: anchor)
    }

    /// `count`, or `{words: [prefix, ...], whole_words: [word, ...]}` with ASCII letters.
    private func anchorStart(_ node: Node, in reader: YAMLNodeReader) -> MatchAnchor.Start? {
        let usage = "anchor must be 'count' or {words: [prefixes], whole_words: [words]} (every match starts at digits or a number word, or at a word with one of the prefixes or equal to one of the whole words)"
        if let scalar = node.scalar {
            guard scalar.string == "count" else {
                reader.diagnose(node, usage)
                return nil
            }
            return .count
        }
        guard let pairs = reader.mapping(node, "anchor", allowed: ["words", "whole_words"]) else {
            reader.diagnose(node, usage)
            return nil
        }
        var lists: [String: [String]] = [:]
        for (key, _, listNode) in pairs {
            guard let words = reader.strings(listNode, key) else { return nil }
            guard words.allSatisfy(Self.isASCIIWord) else {
                reader.diagnose(listNode, "anchor words must be ASCII letters (a prefix of the word a match starts with, or the whole word)")
                return nil
            }
            lists[key] = words
        }
        let prefixes = lists["words"] ?? [], wholeWords = lists["whole_words"] ?? []
        guard !prefixes.isEmpty || !wholeWords.isEmpty else {
            reader.diagnose(node, usage)
            return nil
        }
        return .words(prefixes: prefixes, wholeWords: wholeWords)
    }

    private func valueSource(_ node: Node, groups: [String: [Int]], in reader: YAMLNodeReader) -> ValueSource? {
        guard let pairs = reader.mapping(node, "value", allowed: ["group", "normalize", "value", "compare"]) else { return nil }
        let entries = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        var groupNumber: Int?
        var groupName = ""
        if let groupNode = entries["group"], let name = reader.string(groupNode, "group") {
            guard let number = groups[name]?.first else {
                reader.diagnose(groupNode, "the pattern defines no group '\(name)'\(YAMLNodeReader.hint(for: name, among: groups.keys.sorted()))")
                return nil
            }
            groupNumber = number
            groupName = name
        }
        if let constant = entries["value"] {
            return .constant(ExampleReader.factValue(constant), whenGroup: groupNumber)
        }
        if let compare = entries["compare"] {
            guard let names = reader.strings(compare, "compare"), names.count == 2 else {
                reader.diagnose(compare, "compare takes two value names: [earlier, later]")
                return nil
            }
            return .comparison(earlier: names[0], later: names[1])
        }
        guard let groupNumber else {
            reader.diagnose(node, "a value needs a group, a constant 'value', or 'compare'")
            return nil
        }
        let normalizerName = entries["normalize"].flatMap { reader.string($0, "normalize") } ?? "text"
        guard let normalizer = normalizers[normalizerName] else {
            reader.diagnose(entries["normalize"] ?? node,
                            "unknown normalizer '\(normalizerName)'\(YAMLNodeReader.hint(for: normalizerName, among: normalizers.keys.sorted()))")
            return nil
        }
        return .group(name: groupName, number: groupNumber, normalizer: normalizer)
    }

    private func condition(_ node: Node, effect: ContextCondition.Effect, in reader: YAMLNodeReader) -> ContextCondition? {
        guard let pairs = reader.mapping(node, effect.rawValue, allowed: ["in", "chars", "pattern", "words", "prefilter"]) else { return nil }
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
                reader.diagnose(prefilterNode, "prefilter: true belongs to a require in: sentence (it limits the search to sentences where the requirement holds; document requirements always do)")
                return nil
            }
        }
        if let wordsNode = entries["words"] {
            return wordsCondition(wordsNode, effect: effect, scope: scope, hasPattern: entries["pattern"] != nil, at: node, in: reader)
        }
        guard let patternNode = entries["pattern"], let text = reader.string(patternNode, "pattern") else {
            reader.diagnose(node, "\(effect.rawValue) needs a pattern (or, in: document, words)")
            return nil
        }
        guard let pattern = patterns.compile(text, at: patternNode, in: reader, options: [.caseless, .extended]) else { return nil }
        return ContextCondition(effect: effect, scope: scope, pattern: pattern, patternText: text,
                                location: reader.location(of: node), isPrefilter: isPrefilter)
    }

    /// Letters `a`-`z` and `A`-`Z` only, at least one: what word scanners compare.
    private static func isASCIIWord(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }

    /// `{in: document, words: [mild, severe]}`: whether the document has one of
    /// the words, whole, in any case, as anchors find words (a run of ASCII
    /// letters not preceded by a digit). Checked on the document's words, with
    /// no pattern to run; `pattern` holds the equivalent regular expression.
    private func wordsCondition(_ wordsNode: Node, effect: ContextCondition.Effect, scope: ContextCondition.Scope,
                                hasPattern: Bool, at node: Node, in reader: YAMLNodeReader) -> ContextCondition? {
        guard scope == .document, !hasPattern else {
            reader.diagnose(wordsNode, "words belongs to a condition in: document, in place of a pattern")
            return nil
        }
        guard let words = reader.strings(wordsNode, "words") else { return nil }
        guard !words.isEmpty, words.allSatisfy(Self.isASCIIWord) else {
            reader.diagnose(wordsNode, "words must be a list of words of ASCII letters")
            return nil
        }
        let equivalent = "(?<![A-Za-z0-9])(?:" + words.joined(separator: "|") + ")(?![A-Za-z])"
        guard let pattern = try? Pattern(equivalent, options: .caseless) else { return nil }
        return ContextCondition(effect: effect, scope: scope, pattern: pattern,
                                patternText: "words: [" + words.joined(separator: ", ") + "]",
                                location: reader.location(of: node), isPrefilter: false,
                                words: WordStartScanner(prefixes: [], wholeWords: words))
    }
}
