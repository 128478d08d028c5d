/// A document's words (``WordStartScanner/words(in:)``) as anchored rules
/// and `words:` conditions look them up: their ranges, each word's key (its
/// first letter, lower-cased, and length) and the words grouped by first
/// letter, so that a scanner visits only the words that start with one of
/// its letters.
struct DocumentWords: Sendable {
    /// The words, in text order.
    let ranges: [Range<Int>]
    /// Each word's first letter, lower-cased, and its length (at most 63),
    /// packed into 16 bits: what a scanner tests before it compares a word's
    /// letters, read from one small array instead of from the text.
    let keys: [UInt16]
    /// The words grouped by first letter (`a` to `z`), in text order within
    /// a group, each as its start and length: a scanner reads them one after
    /// another instead of looking each up.
    private let byFirstLetter: [Range<Int32>]
    /// Where each letter's group starts in `byFirstLetter`, and where the last ends (27 entries).
    private let groupStarts: [Int32]

    init(in bytes: UnsafeBufferPointer<UInt8>) {
        let ranges = WordStartScanner.words(in: bytes)
        let count = ranges.count
        // (Filled through buffers: millions of words a batch, each written once.)
        let keys = [UInt16](unsafeUninitializedCapacity: count) { keys, initialized in
            for (index, word) in ranges.enumerated() {
                keys[index] = UInt16(bytes[word.lowerBound] | 0x20) | UInt16(min(word.count, 63)) << 8
            }
            initialized = count
        }
        // A counting sort by first letter: words are runs of ASCII letters.
        var starts = [Int32](repeating: 0, count: 27)
        var grouped: [Range<Int32>] = []
        starts.withUnsafeMutableBufferPointer { starts in
            for key in keys { starts[Int(key & 0xFF) - 0x61 + 1] += 1 }
            for letter in 1..<27 { starts[letter] += starts[letter - 1] }
            var next = [Int32](starts)
            grouped = [Range<Int32>](unsafeUninitializedCapacity: count) { grouped, initialized in
                next.withUnsafeMutableBufferPointer { next in
                    for (word, key) in zip(ranges, keys) {
                        let letter = Int(key & 0xFF) - 0x61
                        (grouped.baseAddress! + Int(next[letter])).initialize(
                            to: Int32(word.lowerBound)..<Int32(word.upperBound))
                        next[letter] += 1
                    }
                }
                initialized = count
            }
        }
        self.ranges = ranges
        self.keys = keys
        byFirstLetter = grouped
        groupStarts = starts
    }

    /// The words that start with `letter` (lower-case ASCII), in text order.
    func words(startingWith letter: UInt8) -> ArraySlice<Range<Int32>> {
        guard letter >= 0x61, letter <= 0x7A else { return [] }
        let group = Int(letter) - 0x61
        return byFirstLetter[Int(groupStarts[group])..<Int(groupStarts[group + 1])]
    }
}
