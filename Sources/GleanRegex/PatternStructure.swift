/// The parenthesised groups of a pattern's text, found by scanning it as
/// PCRE2 reads it: escapes, `\Q…\E`, character classes, `(?#…)` comments
/// and, in extended mode, `#` comments are skipped. Used to show a pattern
/// item whole and to tell which parts of a pattern are lookaround assertions.
public struct PatternStructure: Sendable {
    /// One group: the byte offsets of its `(` and of its matching `)`.
    public struct Group: Sendable, Hashable {
        public let open: Int
        public let close: Int
        /// A lookahead or lookbehind (`(?=`, `(?!`, `(?<=`, `(?<!`, `(*pla:` …).
        public let isLookaround: Bool
        /// Whether the group holds alternatives (`|` at its own level).
        public let hasAlternatives: Bool
    }

    /// Groups in the order they close.
    public let groups: [Group]
    private let bytes: [UInt8]
    /// For each byte offset, whether it lies inside a lookaround assertion.
    private let insideLookaround: [Bool]
    private let extended: Bool

    public init(_ pattern: Pattern) {
        self.init(pattern.source, extended: pattern.options.contains(.extended))
    }

    public init(_ source: String, extended: Bool) {
        bytes = Array(source.utf8)
        self.extended = extended
        groups = PatternStructure.scan(bytes, extended: extended)
        var inside = [Bool](repeating: false, count: bytes.count + 1)
        for group in groups where group.isLookaround {
            for offset in (group.open + 1)...group.close { inside[offset] = true }
        }
        insideLookaround = inside
    }

    /// The text of the item at `offset` that PCRE2 reports as `length` bytes
    /// long. An item that opens a group is extended to the whole group and
    /// the quantifier after it, so `(?<unit>` reads `(?<unit> (?&dose_unit) )`,
    /// and a letter to the literal word it starts (`k` reads `kg`).
    /// In extended mode, white space after the item is left out.
    public func item(at offset: Int, length: Int) -> String {
        guard offset >= 0, offset < bytes.count else { return "" }
        var end = min(bytes.count, offset + max(length, 0))
        if bytes[offset] == UInt8(ascii: "("), let group = groups.first(where: { $0.open == offset }) {
            end = max(end, group.close + 1)
            end = PatternStructure.endOfQuantifier(startingAt: end, in: bytes)
        }
        // PCRE2 takes a word's letters one by one; show the literal word.
        if PatternStructure.isWordByte(bytes[offset]), offset == 0 || bytes[offset - 1] != UInt8(ascii: "\\") {
            while end < bytes.count, PatternStructure.isWordByte(bytes[end]) { end += 1 }
        }
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        // In extended mode PCRE2 counts the white space after an item as part of it.
        return extended ? String(text.reversed().drop(while: \.isWhitespace).reversed()) : text
    }

    /// The innermost group with alternatives around `offset`, if any: an
    /// item that failed inside it is better shown as the whole choice.
    public func enclosingAlternation(of offset: Int) -> Group? {
        groups.filter { $0.hasAlternatives && offset > $0.open && offset <= $0.close }
            .min { $0.close - $0.open < $1.close - $1.open }
    }

    /// Whether `offset` lies inside a lookaround assertion (after its opening
    /// parenthesis, up to and including its closing one).
    public func isInsideLookaround(_ offset: Int) -> Bool {
        offset >= 0 && offset < insideLookaround.count && insideLookaround[offset]
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_")
    }

    /// The offset after a quantifier (`?`, `*+`, `{2,4}?`) starting at `start`, or `start` when none does.
    private static func endOfQuantifier(startingAt start: Int, in bytes: [UInt8]) -> Int {
        var end = start
        if end < bytes.count, bytes[end] == UInt8(ascii: "{") {
            var close = end + 1
            while close < bytes.count,
                bytes[close] == UInt8(ascii: ",") || (bytes[close] >= 0x30 && bytes[close] <= 0x39)
            { close += 1 }
            if close < bytes.count, close > end + 1, bytes[close] == UInt8(ascii: "}") { end = close + 1 }
        } else if end < bytes.count, [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(bytes[end]) {
            end += 1
        }
        guard end > start else { return start }
        // A lazy or possessive mark after the quantifier.
        if end < bytes.count, bytes[end] == UInt8(ascii: "?") || bytes[end] == UInt8(ascii: "+") { end += 1 }
        return end
    }

    static let lookaroundOpeners: [String] = [
        "(?=", "(?!", "(?<=", "(?<!", "(*pla:", "(*plb:", "(*nla:", "(*nlb:", "(*napla:", "(*naplb:",
        "(*positive_lookahead:", "(*negative_lookahead:", "(*positive_lookbehind:", "(*negative_lookbehind:",
    ]

    private static func scan(_ bytes: [UInt8], extended: Bool) -> [Group] {
        var groups: [Group] = []
        var open: [(offset: Int, isLookaround: Bool, hasAlternatives: Bool)] = []
        var index = 0
        func starts(with text: String, at offset: Int) -> Bool {
            let utf8 = Array(text.utf8)
            return offset + utf8.count <= bytes.count && Array(bytes[offset..<offset + utf8.count]) == utf8
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "Q") {
                    index += 2
                    while index < bytes.count, !starts(with: "\\E", at: index) { index += 1 }
                }
                index += 2
            case UInt8(ascii: "["):
                index = endOfClass(startingAt: index, in: bytes)
            case UInt8(ascii: "#") where extended:
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "("):
                if starts(with: "(?#", at: index) {
                    while index < bytes.count, bytes[index] != UInt8(ascii: ")") { index += 1 }
                    index += 1
                } else {
                    open.append((index, lookaroundOpeners.contains { starts(with: $0, at: index) }, false))
                    index += 1
                }
            case UInt8(ascii: ")"):
                if let group = open.popLast() {
                    groups.append(
                        Group(
                            open: group.offset, close: index, isLookaround: group.isLookaround,
                            hasAlternatives: group.hasAlternatives))
                }
                index += 1
            case UInt8(ascii: "|"):
                if !open.isEmpty { open[open.count - 1].hasAlternatives = true }
                index += 1
            default:
                index += 1
            }
        }
        return groups
    }

    /// The offset after the `]` that closes the class opened at `start`.
    private static func endOfClass(startingAt start: Int, in bytes: [UInt8]) -> Int {
        var index = start + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "]"): return index + 1
            case UInt8(ascii: "[") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ":"):
                // A POSIX class such as [:alpha:].
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: ":") && bytes[end + 1] == UInt8(ascii: "]")) {
                    end += 1
                }
                index = end + 2
            default: index += 1
            }
        }
        return index
    }
}
