import GleanDigest

/// Finds the words of a text that begin with one of a set of prefixes or are
/// one of a set of whole words, in any case: the positions where a rule with a
/// ``MatchAnchor`` can start a match.
///
/// A word is a run of ASCII letters whose preceding byte is not an ASCII
/// letter or digit. That is a superset of where a pattern can match a word
/// at a word boundary, which is all an anchor needs: a candidate that the
/// pattern rejects costs one anchored attempt.
struct WordStartScanner: Sendable {
    /// A prefix or whole word: where its bytes are in `entryBytes`, and whether
    /// a word must equal it rather than just begin with it.
    private struct Entry {
        var start: Int
        var length: Int
        var isWhole: Bool
        /// For a scanner merged from others, the one the entry came from.
        var owner: Int
    }

    /// Every entry's bytes, lower-case ASCII, one after another.
    private let entryBytes: [UInt8]
    /// The entries, sorted by their bytes.
    private let entries: [Entry]
    /// For each first byte, the range of its entries: `firstEntry[byte]..<firstEntry[byte + 1]`.
    private let firstEntry: [Int]
    /// For each first byte, bit `n` (at most 63) set when a word of `n` letters
    /// can match one of its entries: most words are skipped on their length.
    private let acceptedLengths: [UInt64]

    /// The first letters of the entries (lower-case ASCII), each once.
    private let firstLetters: [UInt8]
    /// How many scanners this one was merged from (1 for one made from words).
    let scannerCount: Int
    /// For a scanner merged from at most 64 scanners of whole words: each
    /// word's hash, with a bit for each scanner that has it.
    private let wholeWordOwners: HashTable?

    /// Words beginning with any of `prefixes`, and words equal to any of
    /// `wholeWords` (ASCII letters, any case).
    init(prefixes: [String], wholeWords: [String] = []) {
        self.init(
            entries: (prefixes.map { ($0, false) } + wholeWords.map { ($0, true) })
                .map { (bytes: Array($0.lowercased().utf8), isWhole: $1, owner: 0) }, scannerCount: 1,
            indexingWholeWords: prefixes.isEmpty)
    }

    /// One scanner for the words of several, which tells which of them find
    /// a word (``scannersFinding(among:in:)``) in one pass over the words.
    init(merging scanners: [WordStartScanner]) {
        self.init(
            entries: scanners.enumerated().flatMap { owner, scanner in
                scanner.entries.map { entry in
                    (
                        bytes: Array(scanner.entryBytes[entry.start..<(entry.start + entry.length)]),
                        isWhole: entry.isWhole, owner: owner
                    )
                }
            }, scannerCount: scanners.count, indexingWholeWords: true)
    }

    private init(
        entries unsorted: [(bytes: [UInt8], isWhole: Bool, owner: Int)], scannerCount: Int, indexingWholeWords: Bool
    ) {
        self.scannerCount = scannerCount
        wholeWordOwners =
            indexingWholeWords && scannerCount <= 64 && unsorted.allSatisfy(\.isWhole)
            ? HashTable(unsorted.map { (FNV1a.hash(lowercasing: $0.bytes), 1 << UInt64($0.owner)) }) : nil
        let sorted = unsorted.filter { !$0.bytes.isEmpty }.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        entryBytes = sorted.flatMap(\.bytes)
        var start = 0
        entries = sorted.map { entry in
            defer { start += entry.bytes.count }
            return Entry(start: start, length: entry.bytes.count, isWhole: entry.isWhole, owner: entry.owner)
        }
        firstEntry = (0...256).map { byte in sorted.firstIndex { Int($0.bytes[0]) >= byte } ?? sorted.count }
        var lengths = [UInt64](repeating: 0, count: 256)
        for entry in sorted {
            let length = min(entry.bytes.count, 63)
            lengths[Int(entry.bytes[0])] |= entry.isWhole ? 1 << length : ~0 << length
        }
        acceptedLengths = lengths
        firstLetters = Array(Set(sorted.map { $0.bytes[0] }).filter { $0 >= 0x61 && $0 <= 0x7A }).sorted()
    }

    /// English number words (``NumberWords``, without `a`, `no` and the like).
    static let numberWords = WordStartScanner(
        prefixes: [],
        wholeWords: NumberWords.units.keys.filter { !NumberWords.weakWords.contains($0) } + NumberWords.multipliers.keys
    )

    /// The words of a text: runs of ASCII letters not preceded by a digit.
    /// Found once per document and shared by every scanner.
    static func words(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        // About one word per 7 bytes of English: room for all at once.
        words.reserveCapacity(bytes.count / 5 + 1)
        var wordStart: Int?
        // The byte at `index` is a letter or not: a word starts or ends there.
        func visit(letter isLetter: Bool, at index: Int) {
            if isLetter {
                if wordStart == nil { wordStart = index }
            } else if let start = wordStart {
                if start == 0 || !isDigit(bytes[start - 1]) { words.append(start..<index) }
                wordStart = nil
            }
        }
        var index = 0
        if let raw = UnsafeRawPointer(bytes.baseAddress) {
            // Eight bytes at a time: which are letters, one bit each, and only where that changes is a word's edge.
            while index + 8 <= bytes.count {
                let letters = letterBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let previous: UInt64 = wordStart == nil ? 0 : 1
                var edges = (letters ^ (letters << 1 | previous)) & 0xFF
                while edges != 0 {
                    let bit = edges.trailingZeroBitCount
                    visit(letter: letters >> UInt64(bit) & 1 == 1, at: index + bit)
                    edges &= edges - 1
                }
                index += 8
            }
        }
        while index < bytes.count {
            visit(letter: isLetter(bytes[index]), at: index)
            index += 1
        }
        visit(letter: false, at: bytes.count)
        return words
    }

    /// Bit `n` set where byte `n` of eight (in memory order) is an ASCII letter.
    @inline(__always)
    private static func letterBits(_ word: UInt64) -> UInt64 {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // Lower-cased, high bits cleared (so that no sum below carries into the next byte).
        let folded = (word | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & highBits
        let pastZ = (folded &+ 0x0505_0505_0505_0505) & highBits
        // A byte with its high bit set is part of a non-ASCII character, no letter here.
        let letters = atLeastA & ~pastZ & ~word & highBits
        return ((letters >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    /// The starts of the document's words that the scanner looks for, in
    /// text order, among those that start in `regions` (ascending and apart;
    /// nil for all). Only the words that start with one of the scanner's
    /// first letters are visited.
    func positions(
        among words: DocumentWords, in bytes: UnsafeBufferPointer<UInt8>, within regions: [Range<Int>]?
    ) -> [Int] {
        var found: [Int] = []
        for letter in firstLetters {
            var region = 0
            for index in words.group(startingWith: letter) {
                let word = Int(words.grouped[index].lowerBound)..<Int(words.grouped[index].upperBound)
                if let regions {
                    while region < regions.count, regions[region].upperBound <= word.lowerBound { region += 1 }
                    guard region < regions.count else { break }
                    guard regions[region].lowerBound <= word.lowerBound else { continue }
                }
                guard acceptedLengths[Int(letter)] >> min(word.count, 63) & 1 == 1 else { continue }
                if let wholeWordOwners {
                    // Whole words only: one lookup of the word's hash instead of comparing entries.
                    if wholeWordOwners.contains(words.groupedHashes[index]) { found.append(word.lowerBound) }
                    continue
                }
                forEachMatch(among: CollectionOfOne(word), in: bytes) { word, _ in
                    found.append(word.lowerBound)
                    return .nextWord
                }
            }
        }
        if firstLetters.count > 1 { found.sort() }
        return found
    }

    /// Whether the scanner looks for any of `words`.
    func findsAny(among words: some Collection<Range<Int>>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        forEachPosition(among: words, in: bytes) { _ in
            found = true
            return false
        }
        return found
    }

    /// For a scanner made by ``init(merging:)``: which of the scanners it
    /// was merged from find one of the document's words.
    func scannersFinding(among words: DocumentWords, in bytes: UnsafeBufferPointer<UInt8>) -> [Bool] {
        if let wholeWordOwners {
            // Each word that could be an entry (first letter and length) is looked up by its hash;
            // only the words that start with one of the entries' letters are visited.
            let all: UInt64 = scannerCount == 64 ? ~0 : (1 << UInt64(scannerCount)) - 1
            var found: UInt64 = 0
            letters: for letter in firstLetters {
                for index in words.group(startingWith: letter)
                where acceptedLengths[Int(letter)] >> min(words.grouped[index].count, 63) & 1 == 1 {
                    found |= wholeWordOwners.payload(of: words.groupedHashes[index]) ?? 0
                    if found == all { break letters }
                }
            }
            return (0..<scannerCount).map { found >> UInt64($0) & 1 == 1 }
        }
        var found = [Bool](repeating: false, count: scannerCount)
        var remaining = scannerCount
        forEachMatch(among: words.ranges, in: bytes) { word, entry in
            if !found[entry.owner] {
                found[entry.owner] = true
                remaining -= 1
            }
            return remaining > 0 ? .nextEntry : .stop
        }
        return found
    }

    /// Calls `body` with the start of each of `words` the scanner looks for,
    /// in order, until it returns false.
    @inline(__always)
    private func forEachPosition(
        among words: some Collection<Range<Int>>, in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (Int) -> Bool
    ) {
        forEachMatch(among: words, in: bytes) { word, _ in body(word.lowerBound) ? .nextWord : .stop }
    }

    /// What to do after a word matched an entry.
    private enum Continuation { case nextEntry, nextWord, stop }

    /// Calls `body` with each of `words` and an entry it matches, in order,
    /// as long as `body` asks for more.
    @inline(__always)
    private func forEachMatch(
        among words: some Collection<Range<Int>>, in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (Range<Int>, Entry) -> Continuation
    ) {
        entryBytes.withUnsafeBufferPointer { entryBytes in
            entries.withUnsafeBufferPointer { entries in
                firstEntry.withUnsafeBufferPointer { firstEntry in
                    for word in words {
                        let first = Int(bytes[word.lowerBound] | 0x20)
                        guard acceptedLengths[first] >> min(word.count, 63) & 1 == 1 else { continue }
                        entryLoop: for entry in entries[firstEntry[first]..<firstEntry[first + 1]] {
                            guard entry.isWhole ? entry.length == word.count : entry.length <= word.count else {
                                continue
                            }
                            var offset = 1
                            while offset < entry.length,
                                entryBytes[entry.start + offset] == bytes[word.lowerBound + offset] | 0x20
                            {
                                offset += 1
                            }
                            guard offset == entry.length else { continue }
                            switch body(word, entry) {
                            case .nextEntry: continue entryLoop
                            case .nextWord: break entryLoop
                            case .stop: return
                            }
                        }
                    }
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
