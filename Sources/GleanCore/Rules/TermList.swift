import GleanDigest

/// A list of names (up to a few words each) looked up word by word in a
/// hash set: the drug vocabulary of the `drug` linker. Names are matched
/// whole, in any case, the longest first; a hyphenated word that is not a
/// name itself is also looked up part by part (`fludarabine-mitoxantrone`).
///
/// Written as a `.terms` file: one lower-case name per line, `#` starts a
/// comment line.
public final class TermList: Sendable {
    /// The names, lower-cased, words joined by one space, as 64-bit FNV-1a
    /// hashes of their UTF-8 bytes: a lookup hashes a word as it reads it,
    /// with no string or array made. (Two of 2^64 hashes colliding among a
    /// hundred thousand names is not a practical concern.)
    private let names: HashTable
    /// The hashes of every name's leading words (`zoledronic` of
    /// `zoledronic acid`), so a longer lookup is tried only where a name can continue.
    private let leadingWords: HashTable
    private let longestWordCount: Int

    /// How many names the list holds.
    public var count: Int { names.count }

    /// Reads a `.terms` file's text.
    public init(text: String) {
        var names: [UInt64] = []
        var leadingWords: [UInt64] = []
        var longest = 1
        var text = text
        text.withUTF8 { bytes in
            // About one name per 16 bytes of the file.
            names.reserveCapacity(bytes.count / 16)
            leadingWords.reserveCapacity(bytes.count / 32)
            var index = 0
            while index < bytes.count {
                // One line: its words hashed as they are read, joined by one space.
                var hash = FNV1a.offsetBasis
                var wordCount = 0
                var isComment = false
                var atLineStart = true
                while index < bytes.count, bytes[index] != 0x0A {
                    let byte = bytes[index]
                    if atLineStart, byte != 0x20, byte != 0x09 {
                        atLineStart = false
                        isComment = byte == UInt8(ascii: "#")
                    }
                    guard !isComment, Self.isWordStart(byte) else {
                        index += 1
                        continue
                    }
                    if wordCount > 0 {
                        leadingWords.append(hash)
                        hash = FNV1a.hashing(0x20, into: hash)
                    }
                    let start = index
                    while index < bytes.count,
                        Self.isWordStart(bytes[index]) || bytes[index] == UInt8(ascii: "-")
                            || bytes[index] == UInt8(ascii: "'")
                    { index += 1 }
                    var end = index
                    while end > start, bytes[end - 1] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: "'") {
                        end -= 1
                    }
                    hash = FNV1a.hash(lowercasing: bytes[start..<end], continuing: hash)
                    wordCount += 1
                }
                index += 1
                guard wordCount > 0 else { continue }
                names.append(hash)
                longest = max(longest, wordCount)
            }
        }
        self.names = HashTable(names)
        self.leadingWords = HashTable(leadingWords)
        self.longestWordCount = longest
    }

    /// Where names occur in `bytes[range]`: the longest name at each word,
    /// never inside a longer word.
    func occurrences(in bytes: UnsafeBufferPointer<UInt8>, within range: Range<Int>) -> [Range<Int>] {
        let words = Self.words(in: bytes, within: range)
        var found: [Range<Int>] = []
        var index = 0
        while index < words.count {
            if let last = longestName(startingAt: index, of: words, in: bytes) {
                found.append(words[index].lowerBound..<words[last].upperBound)
                index = last + 1
                continue
            }
            found += hyphenParts(of: words[index], in: bytes)
            index += 1
        }
        return found
    }

    /// The index of the last word of the longest name that starts at `words[first]`.
    private func longestName(
        startingAt first: Int, of words: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        var hash = FNV1a.offsetBasis
        var longest: Int?
        for index in first..<min(words.count, first + longestWordCount) {
            if index > first {
                // Words of one name are separated by spaces only.
                for gap in words[index - 1].upperBound..<words[index].lowerBound where bytes[gap] != 0x20 {
                    return longest
                }
                hash = FNV1a.hashing(0x20, into: hash)
            }
            hash = FNV1a.hash(lowercasing: bytes[words[index]], continuing: hash)
            if names.contains(hash) { longest = index }
            guard leadingWords.contains(hash) else { break }
        }
        return longest
    }

    /// The parts of a hyphenated word that are names themselves.
    private func hyphenParts(of word: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard bytes[word].contains(UInt8(ascii: "-")) else { return [] }
        var parts: [Range<Int>] = []
        var start = word.lowerBound
        for end in word.lowerBound...word.upperBound where end == word.upperBound || bytes[end] == UInt8(ascii: "-") {
            if end > start, names.contains(FNV1a.hash(lowercasing: bytes[start..<end])) { parts.append(start..<end) }
            start = end + 1
        }
        return parts
    }

    /// Runs of letters, digits, hyphens and apostrophes (and any non-ASCII
    /// byte) that start with a letter or digit; a trailing hyphen or
    /// apostrophe is not part of the word.
    private static func words(in bytes: UnsafeBufferPointer<UInt8>, within range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard isWordStart(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < range.upperBound,
                isWordStart(bytes[index]) || bytes[index] == UInt8(ascii: "-")
                    || bytes[index] == UInt8(ascii: "'")
            { index += 1 }
            var end = index
            while end > start, bytes[end - 1] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: "'") { end -= 1 }
            words.append(start..<end)
        }
        return words
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
    }
}
