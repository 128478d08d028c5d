/// Finds the words of a text that begin with one of a set of prefixes (or,
/// for number words, that are one of a set of words), in any case: the
/// positions where a rule with a ``MatchAnchor`` can start a match.
///
/// A word is a run of ASCII letters whose preceding byte is not an ASCII
/// letter or digit. That is a superset of where a pattern can match a word
/// at a word boundary, which is all an anchor needs: a candidate that the
/// pattern rejects costs one anchored attempt.
struct WordStartScanner: Sendable {
    /// Every word or prefix, lower-case ASCII, one after another, sorted by first byte.
    private let entryBytes: [UInt8]
    /// Where each entry starts in `entryBytes`; one more at the end.
    private let entryStarts: [Int]
    /// For each first byte, the range of its entries (indices into `entryStarts`):
    /// `firstEntry[byte]..<firstEntry[byte + 1]`.
    private let firstEntry: [Int]
    /// Whether a word must equal an entry, not just begin with one.
    private let wholeWords: Bool

    /// Words beginning with any of `prefixes` (ASCII letters, any case).
    init(prefixes: [String]) {
        self.init(entries: prefixes, wholeWords: false)
    }

    private init(entries: [String], wholeWords: Bool) {
        let sorted = entries.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }.sorted { $0.lexicographicallyPrecedes($1) }
        entryBytes = sorted.flatMap { $0 }
        entryStarts = sorted.reduce(into: [0]) { starts, entry in starts.append(starts.last! + entry.count) }
        firstEntry = (0...256).map { byte in sorted.firstIndex { Int($0[0]) >= byte } ?? sorted.count }
        self.wholeWords = wholeWords
    }

    /// English number words (``NumberWords``, without `a`, `no` and the like).
    static let numberWords = WordStartScanner(
        entries: NumberWords.units.keys.filter { !NumberWords.weakWords.contains($0) } + NumberWords.multipliers.keys,
        wholeWords: true)

    /// The words of a text: runs of ASCII letters not preceded by a digit.
    /// Found once per document and shared by every scanner.
    static func words(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard isLetter(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            index += 1
            while index < bytes.count, isLetter(bytes[index]) { index += 1 }
            if start == 0 || !isDigit(bytes[start - 1]) { words.append(start..<index) }
        }
        return words
    }

    /// The starts of those of `words` (from ``words(in:)``) that the scanner looks for.
    func positions(among words: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        entryBytes.withUnsafeBufferPointer { entryBytes in
            entryStarts.withUnsafeBufferPointer { entryStarts in
                firstEntry.withUnsafeBufferPointer { firstEntry in
                    var found: [Int] = []
                    for word in words {
                        let first = Int(bytes[word.lowerBound] | 0x20)
                        for entry in firstEntry[first]..<firstEntry[first + 1] {
                            let entryStart = entryStarts[entry], entryLength = entryStarts[entry + 1] - entryStart
                            guard wholeWords ? entryLength == word.count : entryLength <= word.count else { continue }
                            var offset = 1
                            while offset < entryLength, entryBytes[entryStart + offset] == bytes[word.lowerBound + offset] | 0x20 {
                                offset += 1
                            }
                            if offset == entryLength {
                                found.append(word.lowerBound)
                                break
                            }
                        }
                    }
                    return found
                }
            }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
