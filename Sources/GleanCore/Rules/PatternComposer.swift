import GleanRegex
import OrderedCollections

/// Composes a rule's pattern with the shared definitions it calls, as a
/// trailing `(?(DEFINE)...)` block, and maps a PCRE2 error offset in the
/// composed pattern back to the definition or rule text it fell in.
struct PatternComposer {
    let definitions: OrderedDictionary<String, PatternDefinition>
    /// The names each definition calls directly, read once.
    private let callsOfDefinition: [String: [String]]

    init(definitions: OrderedDictionary<String, PatternDefinition>) {
        self.definitions = definitions
        callsOfDefinition = Dictionary(
            uniqueKeysWithValues: definitions.map { ($0.key, PatternComposer.calls(in: $0.value.body)) })
    }

    /// A composed pattern and where each definition body starts in it (in UTF-8 bytes).
    struct Composition {
        var text: String
        var ownLength: Int
        var definitionStarts: [(name: String, start: Int)]
    }

    func compose(_ pattern: String) -> Composition {
        let needed = calledDefinitions(from: pattern)
        guard !needed.isEmpty else {
            return Composition(text: pattern, ownLength: pattern.utf8.count, definitionStarts: [])
        }
        var text = pattern + "\n(?(DEFINE)"
        var starts: [(String, Int)] = []
        for name in needed {
            text += "(?<\(name)>"
            starts.append((name, text.utf8.count))
            text += definitions[name]!.body + "\n)"
        }
        text += ")"
        return Composition(text: text, ownLength: pattern.utf8.count, definitionStarts: starts)
    }

    /// The pattern with every definition it calls, as PCRE2 compiles it
    /// (`glean explain --pattern`).
    func expanded(_ pattern: String) -> String { compose(pattern).text }

    /// Names of the definitions `pattern` calls with `(?&name)`, directly or
    /// through other definitions, in declaration order. Unknown names are
    /// left for PCRE2 to report.
    func calledDefinitions(from pattern: String) -> [String] {
        var found: Set<String> = []
        var pending = PatternComposer.calls(in: pattern)
        while let name = pending.popLast() {
            guard let calls = callsOfDefinition[name], found.insert(name).inserted else { continue }
            pending.append(contentsOf: calls)
        }
        // (In declaration order: sorting the few found costs less than asking every definition.)
        return found.compactMap { definitions.index(forKey: $0) }.sorted().map { definitions.keys[$0] }
    }

    /// Each `(?&name)` in `pattern`: the name and the UTF-8 offset of the `(`.
    static func callSites(in pattern: String) -> [(name: String, byte: Int)] {
        var pattern = pattern
        return pattern.withUTF8 { bytes in
            var sites: [(name: String, byte: Int)] = []
            var index = 0
            while index + 3 <= bytes.count {
                guard bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?"),
                    bytes[index + 2] == UInt8(ascii: "&")
                else {
                    index += 1
                    continue
                }
                let nameStart = index + 3
                let nameEnd = bytes[nameStart...].firstIndex(of: UInt8(ascii: ")")) ?? bytes.count
                sites.append((String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self), index))
                index = nameEnd
            }
            return sites
        }
    }

    /// The names `pattern` calls with `(?&name)`, in order.
    static func calls(in pattern: String) -> [String] { callSites(in: pattern).map(\.name) }

    /// Where a byte offset of the composed pattern falls: in the rule's own
    /// text, or in a definition body, with the character offset inside it.
    enum Origin {
        case own(characterOffset: Int)
        case definition(name: String, characterOffset: Int)
    }

    func origin(ofByte offset: Int, in composition: Composition, ownText: String) -> Origin {
        if offset <= composition.ownLength || composition.definitionStarts.isEmpty {
            return .own(characterOffset: PatternComposer.characters(in: ownText, upToByte: offset))
        }
        guard let owner = composition.definitionStarts.last(where: { $0.start <= offset }) else {
            // Between the rule's text and the first definition: an unclosed group in the rule.
            return .own(characterOffset: ownText.count)
        }
        let body = definitions[owner.name]!.body
        return .definition(
            name: owner.name,
            characterOffset: PatternComposer.characters(in: body, upToByte: offset - owner.start))
    }

    static func characters(in text: String, upToByte offset: Int) -> Int {
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: min(max(offset, 0), utf8.count))
        return text[..<index].count
    }
}
