import GleanDigest

/// A document's words (``WordStartScanner/words(in:)``) as anchored rules
/// and `words:` conditions look them up: their ranges, and the words grouped
/// by first letter, each with its hash, so that a scanner visits only the
/// words that start with one of its letters, and looks a word up without
/// reading its letters again.
struct DocumentWords: Sendable {
    /// The words, in text order.
    let ranges: [Range<Int>]
    /// The words grouped by first letter (`a` to `z`), in text order within
    /// a group, each as its start and length: a scanner reads them one after
    /// another instead of looking each up.
    let grouped: [Range<Int32>]
    /// The hash of each word of ``grouped`` (``FNV1a``, lower-cased), worked
    /// out once: the scanners of a rule set look up the same words many times.
    let groupedHashes: [UInt64]
    /// Where each letter's group starts in `grouped`, and where the last ends (27 entries).
    private let groupStarts: [Int32]

    init(in bytes: UnsafeBufferPointer<UInt8>) {
        let ranges = WordStartScanner.words(in: bytes)
        let count = ranges.count
        // A counting sort by first letter (lower-cased): words are runs of ASCII letters.
        // (Filled through buffers: millions of words a batch, each written once.)
        var starts = [Int32](repeating: 0, count: 27)
        var grouped: [Range<Int32>] = []
        var hashes: [UInt64] = []
        starts.withUnsafeMutableBufferPointer { starts in
            for word in ranges { starts[Int(bytes[word.lowerBound] | 0x20) - 0x61 + 1] += 1 }
            for letter in 1..<27 { starts[letter] += starts[letter - 1] }
            var next = [Int32](starts)
            grouped = [Range<Int32>](unsafeUninitializedCapacity: count) { grouped, initialized in
                hashes = [UInt64](unsafeUninitializedCapacity: count) { hashes, hashed in
                    next.withUnsafeMutableBufferPointer { next in
                        for word in ranges {
                            let letter = Int(bytes[word.lowerBound] | 0x20) - 0x61
                            let slot = Int(next[letter])
                            (grouped.baseAddress! + slot).initialize(
                                to: Int32(word.lowerBound)..<Int32(word.upperBound))
                            (hashes.baseAddress! + slot).initialize(to: FNV1a.hash(lowercasing: bytes[word]))
                            next[letter] += 1
                        }
                    }
                    hashed = count
                }
                initialized = count
            }
        }
        self.ranges = ranges
        self.grouped = grouped
        groupedHashes = hashes
        groupStarts = starts
    }

    /// The places in ``grouped`` of the words that start with `letter`
    /// (lower-case ASCII), in text order.
    func group(startingWith letter: UInt8) -> Range<Int> {
        guard letter >= 0x61, letter <= 0x7A else { return 0..<0 }
        let group = Int(letter) - 0x61
        return Int(groupStarts[group])..<Int(groupStarts[group + 1])
    }
}
