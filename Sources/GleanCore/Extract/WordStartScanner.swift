/// Finds the words of a text that begin with one of a set of prefixes (or,
/// for number words, that are one of a set of words), in any case: the
/// positions where a rule with a ``MatchAnchor`` can start a match.
///
/// A word is a run of ASCII letters whose preceding byte is not an ASCII
/// letter or digit. That is a superset of where a pattern can match a word
/// at a word boundary, which is all an anchor needs: a candidate that the
/// pattern rejects costs one anchored attempt.
struct WordStartScanner: Sendable {
    /// The words or prefixes as lower-case ASCII bytes, indexed by their first byte.
    private let table: [[[UInt8]]]
    /// Whether a word must equal an entry, not just begin with one.
    private let wholeWords: Bool

    /// Words beginning with any of `prefixes` (ASCII letters, any case).
    init(prefixes: [String]) {
        self.init(entries: prefixes, wholeWords: false)
    }

    private init(entries: [String], wholeWords: Bool) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for entry in entries.map({ $0.lowercased() }).sorted() where !entry.isEmpty {
            table[Int(entry.utf8.first!)].append(Array(entry.utf8))
        }
        self.table = table
        self.wholeWords = wholeWords
    }

    /// English number words (``NumberWords``, without `a`, `no` and the like).
    static let numberWords = WordStartScanner(
        entries: NumberWords.units.keys.filter { !NumberWords.weakWords.contains($0) } + NumberWords.multipliers.keys,
        wholeWords: true)

    /// The byte offsets of the words, in order.
    func positions(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var found: [Int] = []
        var index = 0
        while index < bytes.count {
            guard Self.isLetter(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
            let candidates = table[Int(bytes[start] | 0x20)]
            guard !candidates.isEmpty, start == 0 || !Self.isDigit(bytes[start - 1]) else { continue }
            let length = index - start
            let matches = candidates.contains { entry in
                (wholeWords ? entry.count == length : entry.count <= length)
                    && entry.indices.allSatisfy { entry[$0] == bytes[start + $0] | 0x20 }
            }
            if matches { found.append(start) }
        }
        return found
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
