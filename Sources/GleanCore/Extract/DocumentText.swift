/// A document's text prepared for matching: its UTF-8 bytes, its sentences,
/// and the conversion from UTF-8 offsets (what PCRE2 reports) to Unicode
/// code point offsets (what output records carry).
public struct DocumentText: Sendable {
    public let string: String
    public let bytes: [UInt8]
    /// Sentence byte ranges, in order, covering every non-blank part of the text.
    public let sentences: [Range<Int>]
    /// The words (``WordStartScanner/words(in:)``): where anchored rules start,
    /// and what `words:` conditions look for.
    let words: [Range<Int>]
    /// Code point index of each byte offset; empty when the text is ASCII
    /// and the two offsets are equal.
    private let codePointIndex: [Int32]

    public init(_ string: String) {
        self.string = string
        bytes = Array(string.utf8)
        (sentences, words, codePointIndex) = bytes.withUnsafeBufferPointer { bytes in
            (SentenceSplitter.sentences(in: bytes), WordStartScanner.words(in: bytes), Self.codePointIndex(of: bytes))
        }
    }

    /// The code point index of each byte offset and of the end; empty when
    /// the text is ASCII.
    private static func codePointIndex(of bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return [] }
        return Array(unsafeUninitializedCapacity: bytes.count + 1) { index, count in
            var scalar: Int32 = -1
            for offset in bytes.indices {
                if bytes[offset] & 0xC0 != 0x80 { scalar += 1 }
                index[offset] = scalar
            }
            index[bytes.count] = scalar + 1
            count = bytes.count + 1
        }
    }

    var codePointIndexIsIdentity: Bool { codePointIndex.isEmpty }

    /// The code point offset of a UTF-8 byte offset.
    public func codePointOffset(ofByte offset: Int) -> Int {
        codePointIndex.isEmpty ? offset : Int(codePointIndex[offset])
    }

    /// The text of a byte range.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The sentence holding byte `offset` (the nearest one for offsets between sentences).
    public func sentence(containing offset: Int) -> Range<Int> {
        guard !sentences.isEmpty else { return 0..<bytes.count }
        var low = 0, high = sentences.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if sentences[middle].lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        return sentences[low]
    }
}

extension DocumentText {
    /// The UTF-8 byte offset of a code point offset.
    public func byteOffset(ofCodePoint offset: Int) -> Int {
        guard !codePointIndexIsIdentity else { return offset }
        var low = 0, high = bytes.count
        while low < high {
            let middle = (low + high) / 2
            if codePointOffset(ofByte: middle) < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
