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
    let conditionReader: ConditionReader
    /// Whether examples are read (and a rule without them is an error).
    let readsExamples: Bool

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
            reader.diagnose(
                fieldNode, "unknown field '\(field)'\(YAMLNodeReader.hint(for: field, among: Array(fields.keys)))")
            return nil
        }
        guard let patternNode = entries["pattern"], let patternText = reader.string(patternNode, "pattern") else {
            reader.diagnose(node, "rule '\(id)' has no pattern")
            return nil
        }
        let options = patternOptions(flags: entries["flags"], in: reader)
        // A rule with an anchor is searched in its anchored form, which is what is compiled here; its plain
        // form (for examples and explanations) is compiled the first time it is asked for.
        let start = entries["anchor"].flatMap { anchorStart($0, in: reader) }
        let searchedOptions = start == nil ? options : options.union(.anchored)
        guard let searched = patterns.compile(patternText, at: patternNode, in: reader, options: searchedOptions)
        else {
            return nil
        }
        let ownGroups = searched.groupNumbers.filter { patterns.composer.definitions[$0.key] == nil }

        let values = entries["values"].map { self.values($0, of: schema, groups: ownGroups, in: reader) } ?? [:]
        let links = entries["link"].map { self.links($0, of: schema, in: reader) } ?? []
        let conditions =
            conditionReader.defaults(ofFile: reader.path) + conditionReader.conditions(in: entries, of: reader)
        let anchor = start.flatMap {
            patterns.anchor($0, anchored: searched, for: patternText, at: patternNode, in: reader, options: options)
        }
        let composer = patterns.composer
        let pattern =
            anchor == nil
            ? RulePattern(searched) : RulePattern(options: options) { composer.compose(patternText).text }
        let examples =
            readsExamples ? entries["examples"].map { ExampleReader(schema: schema).read($0, in: reader) } ?? [] : []
        if readsExamples, examples.isEmpty {
            reader.diagnose(node, "rule '\(id)' has no examples: give texts it must match and must not match")
        }
        return Rule(
            id: id, field: field,
            description: entries["description"].flatMap { reader.string($0, "description") } ?? "",
            location: location, patternText: patternText, pattern: pattern,
            priority: entries["priority"].flatMap { reader.integer($0, "priority") } ?? 0,
            values: values, links: links, conditions: conditions,
            isVeto: entries["veto"].map { reader.flag($0, "veto") } ?? false,
            isFallback: entries["fallback"].map { reader.flag($0, "fallback") } ?? false, examples: examples,
            anchor: anchor)
    }

    /// The `values:` mapping: for each value of the field, its sources, the first that yields winning.
    private func values(
        _ node: Node, of schema: FieldSchema, groups: [String: [Int]],
        in reader: YAMLNodeReader
    ) -> OrderedDictionary<String, [ValueSource]> {
        var values: OrderedDictionary<String, [ValueSource]> = [:]
        for (key, keyNode, sourceNode) in reader.namedEntries(node, "values") {
            guard schema.allValueNames.contains(key) else {
                reader.diagnose(
                    keyNode,
                    "field '\(schema.name)' has no value '\(key)' (it has: \(schema.allValueNames.joined(separator: ", ")))"
                )
                continue
            }
            let sourceNodes = sourceNode.sequence.map(Array.init) ?? [sourceNode]
            values[key] = sourceNodes.compactMap { valueSource($0, groups: groups, in: reader) }
        }
        return values
    }

    /// The `link:` list: attributes of the field that a linker fills.
    private func links(_ node: Node, of schema: FieldSchema, in reader: YAMLNodeReader) -> [String] {
        var links: [String] = []
        for name in reader.strings(node, "link") ?? [] {
            if linkers[name] == nil {
                reader.diagnose(
                    node, "unknown link '\(name)'\(YAMLNodeReader.hint(for: name, among: linkers.keys.sorted()))")
            } else if !schema.attributes.contains(name) {
                reader.diagnose(node, "field '\(schema.name)' has no attribute '\(name)'")
            } else {
                links.append(name)
            }
        }
        return links
    }

    /// The options a rule's pattern is compiled with: its `flags:`, extended
    /// mode, and the offset limit that lets extraction search only the
    /// sentences a rule's requirements allow.
    private func patternOptions(flags node: Node?, in reader: YAMLNodeReader) -> RegexOptions {
        var options: RegexOptions = [.extended, .offsetLimit]
        for flag in node.flatMap({ reader.strings($0, "flags") }) ?? [] {
            guard let option = RuleLoader.flagOptions[flag] else {
                reader.diagnose(
                    node!,
                    "unknown flag '\(flag)' (expected: \(RuleLoader.flagOptions.keys.sorted().joined(separator: ", ")))"
                )
                continue
            }
            options.insert(option)
        }
        return options
    }

    /// `count`, or `{words: [prefix, ...], whole_words: [word, ...]}` with ASCII letters.
    private func anchorStart(_ node: Node, in reader: YAMLNodeReader) -> MatchAnchor.Start? {
        let usage =
            "anchor must be 'count' or {words: [prefixes], whole_words: [words]} (every match starts at digits or a number word, or at a word with one of the prefixes or equal to one of the whole words)"
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
                reader.diagnose(
                    listNode,
                    "anchor words must be ASCII letters (a prefix of the word a match starts with, or the whole word)")
                return nil
            }
            lists[key] = words
        }
        let prefixes = lists["words"] ?? []
        let wholeWords = lists["whole_words"] ?? []
        guard !prefixes.isEmpty || !wholeWords.isEmpty else {
            reader.diagnose(node, usage)
            return nil
        }
        return .words(prefixes: prefixes, wholeWords: wholeWords)
    }

    private func valueSource(_ node: Node, groups: [String: [Int]], in reader: YAMLNodeReader) -> ValueSource? {
        guard let pairs = reader.mapping(node, "value", allowed: ["group", "normalize", "value", "compare", "range"])
        else {
            return nil
        }
        let entries = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        var groupNumber: Int?
        var groupName = ""
        if let groupNode = entries["group"], let name = reader.string(groupNode, "group") {
            guard let number = groups[name]?.first else {
                reader.diagnose(
                    groupNode,
                    "the pattern defines no group '\(name)'\(YAMLNodeReader.hint(for: name, among: groups.keys.sorted()))"
                )
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
        var ends: [(name: String, number: Int)] = []
        if let rangeNode = entries["range"] {
            guard let names = reader.strings(rangeNode, "range"), names.count == 2 else {
                reader.diagnose(rangeNode, "range takes two group names: [low, high]")
                return nil
            }
            for name in names {
                guard let number = groups[name]?.first else {
                    reader.diagnose(
                        rangeNode,
                        "the pattern defines no group '\(name)'\(YAMLNodeReader.hint(for: name, among: groups.keys.sorted()))"
                    )
                    return nil
                }
                ends.append((name, number))
            }
        }
        guard groupNumber != nil || !ends.isEmpty else {
            reader.diagnose(node, "a value needs a group, a constant 'value', 'compare' or 'range'")
            return nil
        }
        let normalizerName = entries["normalize"].flatMap { reader.string($0, "normalize") } ?? "text"
        guard let normalizer = normalizers[normalizerName] else {
            reader.diagnose(
                entries["normalize"] ?? node,
                "unknown normalizer '\(normalizerName)'\(YAMLNodeReader.hint(for: normalizerName, among: normalizers.keys.sorted()))"
            )
            return nil
        }
        if ends.count == 2 { return .range(low: ends[0], high: ends[1], normalizer: normalizer) }
        guard let groupNumber else { return nil }
        return .group(name: groupName, number: groupNumber, normalizer: normalizer)
    }

    /// Letters `a`-`z` and `A`-`Z` only, at least one: what word scanners compare.
    static func isASCIIWord(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }
}
