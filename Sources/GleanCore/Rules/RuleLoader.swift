import Foundation
import GleanDigest
import GleanRegex
import OrderedCollections
import Synchronization
import Yams

/// Loads a rule set from folders of YAML files. Every file may hold any of
/// the sections `fields`, `fixture_fields`, `definitions`, `contexts`,
/// `defaults`, `vocabularies`, `links` and `rules`; together they form one
/// rule set (only `defaults` stays with its file's rules). All problems of a load are
/// collected and reported as `path:line:column: error: message`.
public struct RuleLoader {
    /// Patterns compiled by an earlier run, and where this load's compiled
    /// patterns are noted (see ``PatternCache``); nil compiles every pattern.
    let cache: PatternCache?
    /// Whether rules' examples are read; a load that only matches documents
    /// skips them (``ExampleBlocks``), and its rules have none.
    let readsExamples: Bool

    public init(cache: PatternCache? = nil, readsExamples: Bool = true) {
        self.cache = cache
        self.readsExamples = readsExamples
    }

    static let fileSections = [
        "fields", "fixture_fields", "definitions", "contexts", "defaults", "vocabularies", "links", "rules",
    ]
    static let ruleKeys = [
        "id", "field", "description", "pattern", "flags", "priority", "values",
        "link", "require", "forbid", "veto", "fallback", "anchor", "examples",
    ]
    static let flagOptions: [String: RegexOptions] = [
        "caseless": .caseless, "dotall": .dotAll, "multiline": .multiline, "ungreedy": .ungreedy,
    ]

    /// Loads every `.yaml`/`.yml` file in `directories` (sorted by name); a
    /// path may also name one rule file.
    public func load(directories: [String]) throws(RuleLoadError) -> RuleSet {
        try load(sources: sources(in: directories))
    }

    /// The rule files at `paths`, read: each folder's `.yaml`/`.yml` files
    /// (sorted by name), and files named as such. Throws when a path cannot
    /// be read or none holds a rule file.
    public func sources(in paths: [String]) throws(RuleLoadError) -> [(path: String, text: String)] {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                guard Self.isRuleFile(path) else {
                    problems.append(
                        Diagnostic(SourceLocation(file: path, line: 1, column: 1), "a rule file ends in .yaml or .yml"))
                    continue
                }
                files.append(path)
                continue
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                problems.append(
                    Diagnostic(
                        SourceLocation(file: path, line: 1, column: 1),
                        "cannot read rules folder or file"))
                continue
            }
            files += names.filter(Self.isRuleFile).sorted().map { (path as NSString).appendingPathComponent($0) }
        }
        if files.isEmpty, problems.isEmpty, !paths.isEmpty {
            problems.append(
                Diagnostic(
                    SourceLocation(file: paths[0], line: 1, column: 1),
                    "no rule files (*.yaml) found"))
        }
        var sources: [(path: String, text: String)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file),
                let text = String(data: data, encoding: .utf8)
            else {
                problems.append(Diagnostic(SourceLocation(file: file, line: 1, column: 1), "cannot read file as UTF-8"))
                continue
            }
            sources.append((file, text))
        }
        guard problems.isEmpty else { throw RuleLoadError(problems) }
        return sources
    }

    private static func isRuleFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// Loads rule files given as (path, contents) pairs. A `terms:` file is
    /// taken from `termFiles` (by name) when it is there, else read from
    /// beside the rule file that names it. The set's digest is `digest` when
    /// the caller knows it (the built-in rules carry theirs), else worked out.
    public func load(
        sources: [(path: String, text: String)], termFiles: [String: String] = [:], digest: String? = nil
    ) throws(RuleLoadError) -> RuleSet {
        var build = RuleSetBuilder(termFiles: termFiles, cache: cache, readsExamples: readsExamples)
        for file in ParsedRuleFile.parse(sources, blankingExamples: !readsExamples) {
            build.add(file.reader, root: file.root)
        }
        var ruleSet = try build.finish()
        ruleSet.digest =
            digest
            ?? RuleDigest.of(sources.map { (($0.path as NSString).lastPathComponent, $0.text) } + build.termListsRead)
        return ruleSet
    }
}

/// The state of one load: sections are gathered from every file first, so
/// a rule may use definitions and fields from any file.
struct RuleSetBuilder {
    /// Term lists given with the sources, by file name.
    let termFiles: [String: String]
    /// Those lists, parsed on other threads while the rule files are read.
    private let parsedTermFiles: [String: TermListParse]
    /// The term lists the rules named, by file name, with their text (for the digest).
    var termListsRead: [(name: String, text: String)] { termListCache.read }
    private let termListCache = TermListCache()
    private var readers: [YAMLNodeReader] = []
    private var sections: [String: [(YAMLNodeReader, Node)]] = [:]
    private var files: [String] = []

    /// Where compiled patterns are looked up and noted.
    private let cache: PatternCache?
    /// Whether rules' examples are read.
    private let readsExamples: Bool

    init(termFiles: [String: String] = [:], cache: PatternCache? = nil, readsExamples: Bool = true) {
        self.termFiles = termFiles
        self.cache = cache
        self.readsExamples = readsExamples
        parsedTermFiles = termFiles.mapValues(TermListParse.init)
    }

    /// Adds a file's sections; `root` is nil when its YAML could not be parsed (`reader` said why).
    mutating func add(_ reader: YAMLNodeReader, root: Node?) {
        readers.append(reader)
        files.append(reader.path)
        guard let root else { return }
        for (key, _, value) in reader.mapping(root, "a rule file", allowed: RuleLoader.fileSections) ?? [] {
            sections[key, default: []].append((reader, value))
        }
    }

    mutating func finish() throws(RuleLoadError) -> RuleSet {
        defer { freeParseTreesInBackground() }
        let (definitions, definitionNodes) = readDefinitions()
        let composer = PatternComposer(definitions: definitions)
        let patterns = PatternCompiler(composer: composer, cache: cache)
        var normalizers = BuiltinNormalizers.all
        for (name, normalizer) in readVocabularies(patterns) { normalizers[name] = normalizer }
        let fields = readFields()
        let linkers = readLinkers(patterns, normalizers: normalizers, valueKeys: fields.values.flatMap(\.keys))
        let conditions = ConditionReader(
            patterns: patterns, contexts: sections["contexts"] ?? [], defaults: sections["defaults"] ?? [])
        let ruleReader = RuleReader(
            fields: fields, linkers: linkers, normalizers: normalizers, patterns: patterns,
            conditionReader: conditions, readsExamples: readsExamples)
        var rules: [Rule] = []
        var seen: [String: SourceLocation] = [:]
        let ruleNodes = (sections["rules"] ?? []).flatMap { reader, node in
            (reader.sequence(node, "rules") ?? []).map { (reader, $0) }
        }
        for (index, rule) in ReadSideBySide(ruleNodes).map({ ruleReader.read($0.1, in: $0.0) }).enumerated() {
            guard let rule else { continue }
            if let first = seen[rule.id] {
                ruleNodes[index].0.diagnose(
                    rule.location, "duplicate rule id '\(rule.id)' (first defined at \(first))")
                continue
            }
            seen[rule.id] = rule.location
            rules.append(rule)
        }
        check(definitionNodes, except: patterns.definitionsCompiled, composer: composer)
        let fixtureFields = readFixtureFields(fields)
        let problems = readers.flatMap(\.diagnostics)
        guard problems.isEmpty else { throw RuleLoadError(problems) }
        return RuleSet(
            fields: fields, rules: rules, linkers: linkers, normalizers: normalizers,
            definitions: definitions, files: files, fixtureFields: fixtureFields)
    }

    /// Hands the files' parse trees (tens of thousands of nodes) to another
    /// thread to free, so that extraction starts without waiting for it.
    private mutating func freeParseTreesInBackground() {
        let trees = ParseTrees(sections)
        sections = [:]
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(trees) {} }
    }

    /// (Yams' nodes are not marked Sendable; these are only freed.)
    private final class ParseTrees: @unchecked Sendable {
        let sections: [String: [(YAMLNodeReader, Node)]]
        init(_ sections: [String: [(YAMLNodeReader, Node)]]) { self.sections = sections }
    }

    /// The `fixture_fields:` lists, joined: the fields a fixture annotates
    /// unless it says; nil when no file has one.
    private func readFixtureFields(_ fields: OrderedDictionary<String, FieldSchema>) -> [String]? {
        guard let lists = sections["fixture_fields"] else { return nil }
        var names: [String] = []
        for (reader, node) in lists {
            for item in reader.sequence(node, "fixture_fields") ?? [] {
                guard let name = reader.string(item, "a field") else { continue }
                guard fields[name] != nil else {
                    reader.diagnose(
                        item, "unknown field '\(name)'\(YAMLNodeReader.hint(for: name, among: Array(fields.keys)))")
                    continue
                }
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// The definitions, and the node each is written at.
    private func readDefinitions() -> (
        OrderedDictionary<String, PatternDefinition>, [String: (YAMLNodeReader, Node)]
    ) {
        var definitions: OrderedDictionary<String, PatternDefinition> = [:]
        var nodes: [String: (YAMLNodeReader, Node)] = [:]
        let entries = (sections["definitions"] ?? []).flatMap { reader, node in
            reader.namedEntries(node, "definitions").map { (reader, $0.key, $0.keyNode, $0.value) }
        }
        let wordLists = ReadSideBySide(entries).map { reader, name, _, value in
            value.mapping == nil ? nil : Self.wordListPattern(value, in: reader, definition: name)
        }
        for (index, (reader, name, keyNode, value)) in entries.enumerated() {
            if value.sequence != nil {
                reader.diagnose(value, "definition '\(name)' must be a pattern or {words: [word, ...]}")
                continue
            }
            guard let body = value.mapping == nil ? reader.string(value, "definition '\(name)'") : wordLists[index]
            else { continue }
            if let first = definitions[name] {
                reader.diagnose(keyNode, "duplicate definition '\(name)' (first defined at \(first.location))")
                continue
            }
            definitions[name] = PatternDefinition(name: name, body: body, location: reader.location(of: value))
            nodes[name] = (reader, value)
        }
        return (definitions, nodes)
    }

    /// Each definition must compile on its own terms, reported where it is
    /// written. Those that a pattern which compiled called (`compiled`) did.
    private func check(
        _ nodes: [String: (YAMLNodeReader, Node)], except compiled: Set<String>, composer: PatternComposer
    ) {
        for name in composer.definitions.keys where !compiled.contains(name) {
            let probe = "(?&\(name))"
            let composition = composer.compose(probe)
            do {
                try Pattern.check(composition.text, options: .extended)
            } catch {
                guard
                    case let .definition(owner, offset) = composer.origin(
                        ofByte: error.offset, in: composition, ownText: probe),
                    owner == name, let (reader, node) = nodes[name]
                else { continue }
                reader.diagnose(
                    reader.location(ofCharacter: offset, in: node),
                    "invalid pattern in definition '\(name)': \(error.message)")
            }
        }
    }

    /// A definition written as `{words: [...], caseless: true}`, as the pattern of a ``WordList``.
    private static func wordListPattern(_ node: Node, in reader: YAMLNodeReader, definition name: String) -> String? {
        guard let pairs = reader.mapping(node, "definition '\(name)'", allowed: ["words", "caseless"]) else {
            return nil
        }
        var caseless = false
        if let caselessNode = pairs.first(where: { $0.key == "caseless" })?.value {
            guard let flag = caselessNode.scalar.flatMap({ Bool($0.string) }) else {
                reader.diagnose(caselessNode, "caseless must be true or false")
                return nil
            }
            caseless = flag
        }
        guard let wordsNode = pairs.first(where: { $0.key == "words" })?.value,
            let wordNodes = reader.sequence(wordsNode, "words of definition '\(name)'"), !wordNodes.isEmpty
        else {
            reader.diagnose(node, "definition '\(name)' must be a pattern or {words: [word, ...]}")
            return nil
        }
        var words: [String] = []
        for wordNode in wordNodes {
            guard let word = reader.string(wordNode, "a word of definition '\(name)'") else { return nil }
            if word.allSatisfy({ $0 == " " }) {
                reader.diagnose(wordNode, "empty word in definition '\(name)'")
                return nil
            }
            if let bad = WordList.invalidCharacter(in: word) {
                let offset = word.distance(from: word.startIndex, to: word.firstIndex(of: bad)!)
                reader.diagnose(
                    reader.location(ofCharacter: offset, in: wordNode),
                    "'\(bad)' in a word of definition '\(name)': words hold letters, digits, '-', \"'\" and spaces; write patterns as a pattern definition"
                )
                return nil
            }
            words.append(word)
        }
        return WordList.pattern(words, caseless: caseless)
    }

    private func readVocabularies(_ patterns: PatternCompiler) -> [String: Normalizer] {
        var vocabularies: [String: Normalizer] = [:]
        for (reader, node) in sections["vocabularies"] ?? [] {
            for (name, keyNode, value) in reader.namedEntries(node, "vocabularies") {
                if BuiltinNormalizers.all[name] != nil || vocabularies[name] != nil {
                    reader.diagnose(keyNode, "vocabulary '\(name)' is already a normalizer")
                    continue
                }
                var entries: [(FactValue, Pattern)] = []
                for (canonical, _, patternNode) in reader.namedEntries(value, "vocabulary '\(name)'") {
                    guard let text = reader.string(patternNode, "vocabulary entry '\(canonical)'"),
                        let pattern = patterns.compile(
                            text, at: patternNode, in: reader, options: [.caseless, .extended])
                    else { continue }
                    entries.append((.text(canonical), pattern))
                }
                vocabularies[name] = Vocabulary(name: name, entries: entries).normalizer
            }
        }
        return vocabularies
    }

    private func readFields() -> OrderedDictionary<String, FieldSchema> {
        var fields: OrderedDictionary<String, FieldSchema> = [:]
        for (reader, node) in sections["fields"] ?? [] {
            for (name, keyNode, value) in reader.namedEntries(node, "fields") {
                if fields[name] != nil {
                    reader.diagnose(keyNode, "duplicate field '\(name)'")
                    continue
                }
                var schema = FieldSchema(name: name, keys: [], attributes: [], requires: [])
                var amountUnit: (keys: [String], node: Node)?
                for (key, _, entry) in reader.mapping(
                    value, "field '\(name)'", allowed: ["keys", "attributes", "requires", "amount_unit"]) ?? []
                {
                    switch key {
                    case "keys": schema.keys = reader.strings(entry, "keys") ?? []
                    case "attributes": schema.attributes = reader.strings(entry, "attributes") ?? []
                    case "amount_unit": amountUnit = (reader.strings(entry, "amount_unit") ?? [], entry)
                    default:
                        schema.requires = (reader.sequence(entry, "requires") ?? []).compactMap {
                            reader.strings($0, "requires")
                        }
                        for needed in schema.requires.joined() where !schema.allValueNames.contains(needed) {
                            reader.diagnose(
                                entry, "field '\(name)' requires '\(needed)', which is neither a key nor an attribute")
                        }
                    }
                }
                if schema.keys.isEmpty { reader.diagnose(keyNode, "field '\(name)' declares no keys") }
                if let (pair, node) = amountUnit {
                    if pair.count == 2, pair.allSatisfy(schema.keys.contains) {
                        schema.amountUnit = FieldSchema.AmountUnit(amount: pair[0], unit: pair[1])
                    } else {
                        reader.diagnose(
                            node, "field '\(name)': amount_unit names two of its keys, the amount's and the unit's")
                    }
                }
                fields[name] = schema
            }
        }
        return fields
    }

    private func readLinkers(
        _ patterns: PatternCompiler, normalizers: [String: Normalizer], valueKeys: [String]
    ) -> [String: Linker] {
        var linkers: [String: Linker] = [:]
        for (reader, node) in sections["links"] ?? [] {
            for (name, keyNode, value) in reader.namedEntries(node, "links") {
                guard
                    let pairs = reader.mapping(
                        value, "link '\(name)'",
                        allowed: [
                            "pattern", "normalize", "scope", "after_penalty", "abbreviations", "terms", "except",
                            "unless", "group_label", "carries_over", "shares", "shares_except",
                        ])
                else { continue }
                var pattern: (Pattern, String)?
                var normalizer = normalizers["name"]!
                var scope = Linker.Scope.sentence
                var afterPenalty = 2.0
                var learnsAbbreviations = false
                var terms: TermList?
                var excludedNames: Set<String> = []
                var unlessValues: [String: Set<String>] = [:]
                var groupLabel: Pattern?
                var carriesOver = false
                var sharesAmounts = false
                var unsharedNames: Set<String> = []
                for (key, _, entry) in pairs {
                    switch key {
                    case "pattern":
                        if let text = reader.string(entry, "pattern"),
                            // Linkers search the sentences of facts: the offset limit stops each search at its sentence's end.
                            let compiled = patterns.compile(
                                text, at: entry, in: reader, options: [.caseless, .extended, .offsetLimit])
                        {
                            pattern = (compiled, text)
                        }
                    case "normalize":
                        if let chosen = reader.string(entry, "normalize") {
                            if let found = normalizers[chosen] {
                                normalizer = found
                            } else {
                                reader.diagnose(
                                    entry,
                                    "unknown normalizer '\(chosen)'\(YAMLNodeReader.hint(for: chosen, among: normalizers.keys.sorted()))"
                                )
                            }
                        }
                    case "scope":
                        if let text = reader.string(entry, "scope") {
                            if let chosen = Linker.Scope(rawValue: text) {
                                scope = chosen
                            } else {
                                reader.diagnose(entry, "scope must be 'sentence', 'nearby' or 'document'")
                            }
                        }
                    case "abbreviations":
                        learnsAbbreviations = reader.flag(entry, "abbreviations")
                    case "carries_over":
                        carriesOver = reader.flag(entry, "carries_over")
                    case "shares":
                        sharesAmounts = reader.flag(entry, "shares")
                    case "shares_except":
                        unsharedNames = Set(reader.strings(entry, "shares_except")?.map { $0.lowercased() } ?? [])
                    case "terms":
                        terms = readTermList(entry, in: reader)
                    case "except":
                        excludedNames = Set(reader.strings(entry, "except")?.map { $0.lowercased() } ?? [])
                    case "unless":
                        unlessValues = readUnless(entry, in: reader, keys: valueKeys)
                    case "group_label":
                        if let text = reader.string(entry, "group_label") {
                            groupLabel = patterns.compile(
                                text, at: entry, in: reader, options: [.caseless, .extended, .anchored])
                        }
                    default:
                        if let text = reader.string(entry, "after_penalty"), let number = Double(text), number > 0 {
                            afterPenalty = number
                        } else {
                            reader.diagnose(entry, "after_penalty must be a positive number")
                        }
                    }
                }
                guard let (compiled, text) = pattern else {
                    if !pairs.contains(where: { $0.key == "pattern" }) {
                        reader.diagnose(keyNode, "link '\(name)' has no pattern")
                    }
                    continue
                }
                linkers[name] = Linker(
                    name: name, pattern: compiled, patternText: text, normalizer: normalizer,
                    scope: scope, afterPenalty: afterPenalty, learnsAbbreviations: learnsAbbreviations,
                    terms: terms, excludedNames: excludedNames, unlessValues: unlessValues, groupLabel: groupLabel,
                    carriesOver: carriesOver, sharesAmounts: sharesAmounts, unsharedNames: unsharedNames,
                    location: reader.location(of: keyNode))
            }
        }
        return linkers
    }

    /// A linker's `unless:`, a mapping from a value key (one of `keys`) to
    /// the values (as written in output) of facts that take nothing from the linker.
    private func readUnless(_ node: Node, in reader: YAMLNodeReader, keys: [String]) -> [String: Set<String>] {
        var unless: [String: Set<String>] = [:]
        for (key, _, values) in reader.mapping(node, "unless", allowed: keys) ?? [] {
            unless[key] = Set(reader.strings(values, "unless: \(key)") ?? [])
        }
        return unless
    }

    /// The `.terms` file a linker names, read from the rule file's folder.
    private func readTermList(_ node: Node, in reader: YAMLNodeReader) -> TermList? {
        guard let name = reader.string(node, "terms") else { return nil }
        guard name.hasSuffix(".terms"), !name.contains("/") else {
            reader.diagnose(node, "terms must name a .terms file beside the rule file")
            return nil
        }
        if let text = termFiles[name], let parse = parsedTermFiles[name] {
            termListCache.note(name, text)
            return parse.list
        }
        let path = ((reader.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            reader.diagnose(node, "cannot read terms file '\(path)'")
            return nil
        }
        termListCache.note(name, text)
        return TermList(text: text)
    }
}

/// Compiles patterns written in rule files, composing in the definitions
/// they call and reporting PCRE2's errors at the file position they point to.
struct PatternCompiler {
    let composer: PatternComposer
    /// The patterns compiled so far, by text and options (as their digest:
    /// hashing a `String` normalizes every character, and texts run to
    /// kilobytes): a condition or context that several rules share is
    /// compiled once.
    private let compiled = CompiledPatterns()

    /// The definitions that patterns which compiled in extended mode called, directly or not.
    var definitionsCompiled: Set<String> { compiled.state.withLock { $0.definitions } }

    /// Where compiled patterns are looked up and noted (``PatternCache``).
    let cache: PatternCache?

    init(composer: PatternComposer, cache: PatternCache? = nil) {
        self.composer = composer
        self.cache = cache
    }

    /// Shared by the threads that read rules side by side.
    private final class CompiledPatterns: Sendable {
        let state = Mutex<(byKey: [PatternCache.Key: Pattern], definitions: Set<String>)>(([:], []))
    }

    func compile(_ text: String, at node: Node, in reader: YAMLNodeReader, options: RegexOptions) -> Pattern? {
        // A text compiled before passed every check below.
        let key = PatternCache.Key(source: text, options: options)
        if let known = compiled.state.withLock({ $0.byKey[key] }) { return known }
        let groups = PatternCompiler.groupNames(in: text)
        for (name, byte) in groups where composer.definitions[name] != nil {
            reader.diagnose(
                reader.location(ofCharacter: PatternComposer.characters(in: text, upToByte: byte), in: node),
                "group '\(name)' has the name of a shared definition; give the group another name")
            return nil
        }
        // A call of a name that is neither a definition nor a group of the pattern: say so where it is.
        let groupNames = Set(groups.map(\.name))
        for (name, byte) in PatternComposer.callSites(in: text)
        where composer.definitions[name] == nil && !groupNames.contains(name) {
            reader.diagnose(
                reader.location(ofCharacter: PatternComposer.characters(in: text, upToByte: byte), in: node),
                "unknown definition '\(name)'\(YAMLNodeReader.hint(for: name, among: Array(composer.definitions.keys)))"
            )
            return nil
        }
        let composition = composer.compose(text)
        do {
            let pattern = try Pattern(composition.text, options: options, cache: cache)
            return compiled.state.withLock { state in
                // (Another thread may have compiled the same text meanwhile: the first one kept is shared.)
                if let known = state.byKey[key] { return known }
                state.byKey[key] = pattern
                // (Definitions are written for extended mode, and checked in it.)
                if options.contains(.extended) { state.definitions.formUnion(composition.definitionStarts.map(\.name)) }
                return pattern
            }
        } catch {
            let atEnd = error.offset >= composition.text.utf8.count - 1
            switch atEnd
                ? .own(characterOffset: text.count)
                : composer.origin(ofByte: error.offset, in: composition, ownText: text)
            {
            case let .own(offset):
                reader.diagnose(reader.location(ofCharacter: offset, in: node), "invalid pattern: \(error.message)")
            case let .definition(name, offset):
                let definition = composer.definitions[name]!
                reader.diagnose(
                    reader.location(of: node),
                    "invalid pattern: \(error.message) in definition '\(name)' (\(definition.location), character \(offset))"
                )
            }
            return nil
        }
    }

    /// The anchor of a pattern that compiled `anchored` (see ``MatchAnchor``).
    func anchor(
        _ start: MatchAnchor.Start, anchored: Pattern, for text: String, at node: Node, in reader: YAMLNodeReader,
        options: RegexOptions
    ) -> MatchAnchor? {
        do {
            return try MatchAnchor(
                start, anchored: anchored, composedPattern: composer.compose(text).text, options: options,
                cache: cache)
        } catch {
            reader.diagnose(reader.location(of: node), "anchor cannot be applied to this pattern: \(error.message)")
            return nil
        }
    }

    /// Named groups a pattern opens (`(?<name>`, `(?P<name>`, `(?'name'`), with the UTF-8 offsets of their names.
    static func groupNames(in pattern: String) -> [(name: String, byte: Int)] {
        var pattern = pattern
        return pattern.withUTF8 { bytes in
            var found: [(String, Int)] = []
            var index = 0
            while index + 3 < bytes.count {
                defer { index += 1 }
                guard bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") else { continue }
                var start = index + 2
                if bytes[start] == UInt8(ascii: "P") { start += 1 }
                guard start < bytes.count, bytes[start] == UInt8(ascii: "<") || bytes[start] == UInt8(ascii: "'")
                else { continue }
                let close = bytes[start] == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "'")
                var end = start + 1
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                guard end < bytes.count, bytes[end] == close, end > start + 1 else { continue }
                found.append((String(decoding: bytes[(start + 1)..<end], as: UTF8.self), start + 1))
            }
            return found
        }
    }

    /// A byte of a group name: an ASCII letter, digit or `_`, or part of a non-ASCII letter.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
            || byte >= 0x80
    }
}

/// Parts of a rule set read side by side: compiling the rules' patterns is
/// most of a load's work, and each rule is read on its own; the largest
/// word lists take milliseconds each.
private struct ReadSideBySide<Item>: @unchecked Sendable {
    /// (Yams' nodes are not marked Sendable; each is only read.)
    let items: [Item]

    init(_ items: [Item]) { self.items = items }

    /// What `read` makes of each item, in the order given (nil where it makes nothing).
    func map<Result>(_ read: @Sendable (Item) -> Result?) -> [Result?] {
        let results = ConcurrentSlots<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in results.slots[index] = read(items[index]) }
        return Array(results.slots)
    }
}

/// One slot per item of work done side by side (`DispatchQueue.concurrentPerform`),
/// each written by the one thread that does that item, read once all are done.
private final class ConcurrentSlots<Element>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Element?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}

/// A rule file's YAML, parsed beside the others: Yams builds each file's
/// node tree on its own, so the files are shared among the cores.
private final class ParsedRuleFile: @unchecked Sendable {
    private let source: (path: String, text: String)
    /// Both written by the one thread that parses this file, read once all are parsed.
    private(set) var reader: YAMLNodeReader!
    private(set) var root: Node?

    private init(source: (path: String, text: String)) { self.source = source }

    /// The files parsed, in the order given (the largest are parsed first,
    /// so that the last file to finish is a small one), with their examples
    /// blanked first (``ExampleBlocks``) when `blankingExamples`.
    static func parse(_ sources: [(path: String, text: String)], blankingExamples: Bool) -> [ParsedRuleFile] {
        let files = sources.map(ParsedRuleFile.init)
        let largestFirst = files.sorted { $0.source.text.utf8.count > $1.source.text.utf8.count }
        DispatchQueue.concurrentPerform(iterations: largestFirst.count) { index in
            let file = largestFirst[index]
            let text = blankingExamples ? ExampleBlocks.blanked(in: file.source.text) : file.source.text
            file.reader = YAMLNodeReader(path: file.source.path, text: text)
            file.root = file.reader.root()
        }
        return files
    }
}

/// A term list parsed on another thread from the moment a load starts: the
/// drug vocabulary takes milliseconds, which the rule files' parsing hides.
private final class TermListParse: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the parsing thread before `done` is signalled, read after it is waited for.
    private var parsed: TermList?

    init(text: String) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.parsed = TermList(text: text)
            self.done.signal()
        }
    }

    /// The list, once parsed (read by the loading thread only).
    private(set) lazy var list: TermList = {
        done.wait()
        return parsed!
    }()
}

/// The term lists a load read, noted from inside the builder's read-only steps.
private final class TermListCache {
    private(set) var read: [(name: String, text: String)] = []

    func note(_ name: String, _ text: String) {
        if !read.contains(where: { $0.name == name }) { read.append((name, text)) }
    }
}
