import Foundation

/// A list of names (up to a few words each) looked up word by word in a
/// hash set: the drug vocabulary of the `drug` linker. Names are matched
/// whole, in any case, the longest first; a hyphenated word that is not a
/// name itself is also looked up part by part (`fludarabine-mitoxantrone`).
///
/// Written as a `.terms` file: one lower-case name per line, `#` starts a
/// comment line.
public final class TermList: Sendable {
    /// The names, lower-cased, words joined by one space, as UTF-8.
    private let names: Set<[UInt8]>
    /// Every name's leading words (`zoledronic` of `zoledronic acid`), so a
    /// longer lookup is tried only where a name can continue.
    private let leadingWords: Set<[UInt8]>
    private let longestWordCount: Int

    /// How many names the list holds.
    public var count: Int { names.count }

    /// Reads a `.terms` file's text.
    public init(text: String) {
        var names: Set<[UInt8]> = []
        var leadingWords: Set<[UInt8]> = []
        var longest = 1
        for line in text.split(whereSeparator: \.isNewline) {
            let name = line.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.hasPrefix("#") else { continue }
            let words = name.lowercased().split(separator: " ")
            names.insert(Array(words.joined(separator: " ").utf8))
            longest = max(longest, words.count)
            for end in words.indices.dropLast() {
                leadingWords.insert(Array(words[...end].joined(separator: " ").utf8))
            }
        }
        self.names = names
        self.leadingWords = leadingWords
        self.longestWordCount = longest
    }

    /// Whether `name` (any case, words separated by single spaces) is in the list.
    public func contains(_ name: String) -> Bool {
        names.contains(Array(name.lowercased().utf8))
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
    private func longestName(startingAt first: Int, of words: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var key: [UInt8] = []
        var longest: Int?
        for index in first..<min(words.count, first + longestWordCount) {
            if index > first {
                // Words of one name are separated by spaces only.
                guard bytes[words[index - 1].upperBound..<words[index].lowerBound].allSatisfy({ $0 == 0x20 }) else { break }
                key.append(0x20)
            }
            key += bytes[words[index]].lazy.map(Self.lowercased)
            if names.contains(key) { longest = index }
            guard leadingWords.contains(key) else { break }
        }
        return longest
    }

    /// The parts of a hyphenated word that are names themselves.
    private func hyphenParts(of word: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard bytes[word].contains(UInt8(ascii: "-")) else { return [] }
        var parts: [Range<Int>] = []
        var start = word.lowerBound
        for index in word.lowerBound...word.upperBound where index == word.upperBound || bytes[index] == UInt8(ascii: "-") {
            if index > start, names.contains(bytes[start..<index].map(Self.lowercased)) { parts.append(start..<index) }
            start = index + 1
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
            guard isWordStart(bytes[index]) else { index += 1; continue }
            let start = index
            while index < range.upperBound, isWordStart(bytes[index]) || bytes[index] == UInt8(ascii: "-")
                    || bytes[index] == UInt8(ascii: "'") { index += 1 }
            var end = index
            while end > start, bytes[end - 1] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: "'") { end -= 1 }
            words.append(start..<end)
        }
        return words
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
