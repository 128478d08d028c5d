import Foundation
import Synchronization

/// A document's text prepared for matching: its UTF-8 bytes, its sentences,
/// and the conversion from UTF-8 offsets (what PCRE2 reports) to Unicode
/// code point offsets (what output records carry).
///
/// Rules match the text in Unicode normalization form C, with the Unicode
/// hyphens U+2010 and U+2011 written as the ASCII hyphen-minus: a decomposed
/// `naïve` (`i` and a combining diaeresis) is matched as the composed one,
/// and `MTX‐naive` as `MTX-naive`. Offsets still count the code points of the
/// text as given.
public struct DocumentText: Sendable {
    public let string: String
    /// The UTF-8 bytes that rules match: the text in normalization form C,
    /// its Unicode hyphens written as ASCII ones.
    public let bytes: [UInt8]
    /// Whether normalization changed the text (then ``bytes`` differ from `string`'s).
    private let isRewritten: Bool
    /// The sentences, words and code point offsets, built the first time
    /// one of them is asked for: a rule set without rules never pays for them.
    private let indexCache: IndexCache

    /// Sentence byte ranges, in order, covering every non-blank part of the text.
    public var sentences: [Range<Int>] { indexes.sentences }
    /// The words (``WordStartScanner/words(in:)``): where anchored rules start,
    /// and what `words:` conditions look for.
    var words: DocumentWords { indexes.words }
    /// How byte offsets become code point offsets.
    private var codePoints: CodePointOffsets { indexes.codePoints }

    private var indexes: Indexes { indexCache.indexes(of: bytes) }

    /// Builds the sentence, word and offset indexes now rather than on first use.
    func buildIndexes() { _ = indexes }

    public init(_ string: String) {
        self.string = string
        // Copied in one go: `Array(string.utf8)` goes byte by byte.
        let utf8 = string.utf8.withContiguousStorageIfAvailable(Array.init) ?? Array(string.utf8)
        if utf8.withUnsafeBufferPointer(Self.needsRewriting) {
            let (rewritten, index) = Self.matchingForm(string)
            bytes = rewritten
            indexCache = IndexCache(rewrittenOffsets: index)
            isRewritten = true
        } else {
            bytes = utf8
            indexCache = IndexCache(rewrittenOffsets: nil)
            isRewritten = false
        }
    }

    /// The text in normalization form C, Unicode hyphens written as ASCII
    /// ones, with the original code point offset of each of its bytes (and
    /// of its end). Each base character is composed with the marks that
    /// follow it, one such run at a time.
    private static func matchingForm(_ string: String) -> ([UInt8], [Int32]) {
        let scalars = Array(string.unicodeScalars)
        var bytes: [UInt8] = []
        var index: [Int32] = []
        bytes.reserveCapacity(string.utf8.count)
        index.reserveCapacity(string.utf8.count + 1)
        func isMark(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value >= 0x300 && scalar.properties.canonicalCombiningClass != .notReordered
        }
        var start = 0
        while start < scalars.count {
            var end = start + 1
            while end < scalars.count, isMark(scalars[end]) { end += 1 }
            if end - start == 1 {
                // A character alone, nearly all of them: its bytes all map to it.
                if isUnicodeHyphen(scalars[start]) {
                    bytes.append(UInt8(ascii: "-"))
                    index.append(Int32(start))
                    start = end
                    continue
                }
                for byte in UTF8.encode(scalars[start])! {
                    bytes.append(byte)
                    index.append(Int32(start))
                }
                start = end
                continue
            }
            let runBytes = Array(
                String(String.UnicodeScalarView(scalars[start..<end])).precomposedStringWithCanonicalMapping.utf8)
            bytes += runBytes
            // Every byte of a composed character maps to the first code point it was made of.
            var scalar = Int32(start) - 1
            for byte in runBytes {
                if byte & 0xC0 != 0x80 { scalar = min(scalar + 1, Int32(end - 1)) }
                index.append(scalar)
            }
            start = end
        }
        index.append(Int32(scalars.count))
        return (bytes, index)
    }

    /// The hyphens that are written as the ASCII hyphen-minus for matching:
    /// U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN (`MTX‐naive`, `once‐daily`).
    private static func isUnicodeHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2010 || scalar.value == 0x2011
    }

    /// Whether UTF-8 text holds what ``matchingForm(_:)`` rewrites: a
    /// combining mark that Latin-script text uses (the block U+0300–U+036F,
    /// lead bytes 0xCC and 0xCD; U+1DC0–U+1DFF and U+FE20–U+FE2F, 0xE1 0xB7
    /// and 0xEF 0xB8) or a Unicode hyphen (0xE2 0x80 0x90 and 0x91). It runs on
    /// every document, so it looks for the lead bytes with `memchr`.
    private static func needsRewriting(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        func contains(_ lead: UInt8, followedBy next: UInt8? = nil, then last: ClosedRange<UInt8>? = nil) -> Bool {
            var start = 0
            while start < bytes.count, let found = memchr(base + start, Int32(lead), bytes.count - start) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard let next else { return true }
                if index + 1 < bytes.count, bytes[index + 1] == next {
                    guard let last else { return true }
                    if index + 2 < bytes.count, last.contains(bytes[index + 2]) { return true }
                }
                start = index + 1
            }
            return false
        }
        return contains(0xCC) || contains(0xCD) || contains(0xE1, followedBy: 0xB7) || contains(0xEF, followedBy: 0xB8)
            || contains(0xE2, followedBy: 0x80, then: 0x90...0x91)
    }

    /// The code point offset of a UTF-8 byte offset.
    public func codePointOffset(ofByte offset: Int) -> Int { codePoints.offset(ofByte: offset) }

    /// Whether the text is all ASCII: a byte is a character.
    var isASCII: Bool { codePoints.isIdentity }

    /// The text of a byte range, as rules see it (normalization form C, ASCII hyphens).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The text of a byte range as the document writes it: what a fact quotes.
    public func originalText(_ range: Range<Int>) -> String {
        guard isRewritten else { return text(range) }
        let scalars = string.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: codePointOffset(ofByte: range.lowerBound))
        let end = scalars.index(scalars.startIndex, offsetBy: codePointOffset(ofByte: range.upperBound))
        return String(scalars[start..<end])
    }

    /// The sentence holding byte `offset` (the nearest one for offsets between sentences).
    public func sentence(containing offset: Int) -> Range<Int> {
        let sentences = sentences
        guard !sentences.isEmpty else { return 0..<bytes.count }
        return sentences[sentenceIndex(containing: offset)]
    }

    /// The sentences just before and just after the one holding byte
    /// `offset`, where there are such.
    public func sentences(beside offset: Int) -> (before: Range<Int>?, after: Range<Int>?) {
        let sentences = sentences
        guard !sentences.isEmpty else { return (nil, nil) }
        let index = sentenceIndex(containing: offset)
        return (
            index > 0 ? sentences[index - 1] : nil, index + 1 < sentences.count ? sentences[index + 1] : nil
        )
    }

    /// The index of the sentence holding byte `offset` in ``sentences``, which must not be empty.
    private func sentenceIndex(containing offset: Int) -> Int {
        let sentences = sentences
        var low = 0
        var high = sentences.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if sentences[middle].lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

extension DocumentText {
    /// The UTF-8 byte offset of a code point offset.
    public func byteOffset(ofCodePoint offset: Int) -> Int {
        let offsets = codePoints
        guard !offsets.isIdentity else { return offset }
        var low = 0
        var high = bytes.count
        while low < high {
            let middle = (low + high) / 2
            if offsets.offset(ofByte: middle) < offset { low = middle + 1 } else { high = middle }
        }
        // A byte inside a character counts as after it: step to the next character's start.
        while low < bytes.count, bytes[low] & 0xC0 == 0x80 { low += 1 }
        return low
    }
}

/// The indexes of a document's text, all built at once.
private final class Indexes: Sendable {
    let sentences: [Range<Int>]
    let words: DocumentWords
    let codePoints: CodePointOffsets

    init(of bytes: [UInt8], rewrittenOffsets: [Int32]?) {
        (sentences, words, codePoints) = bytes.withUnsafeBufferPointer { bytes in
            (
                SentenceSplitter.sentences(in: bytes), DocumentWords(in: bytes),
                rewrittenOffsets.map(CodePointOffsets.mapped) ?? CodePointOffsets(utf8: bytes)
            )
        }
    }
}

/// Holds a document's ``Indexes`` once the first thread that asks has built
/// them; after that, asking is one atomic load. Two threads asking first at
/// the same moment may both build them; one copy is kept and both get it.
private final class IndexCache: Sendable {
    private let built = AtomicLazyReference<Indexes>()
    /// The code point offset of each byte of a rewritten text (``DocumentText/matchingForm(_:)``).
    private let rewrittenOffsets: [Int32]?

    init(rewrittenOffsets: [Int32]?) {
        self.rewrittenOffsets = rewrittenOffsets
    }

    func indexes(of bytes: [UInt8]) -> Indexes {
        if let indexes = built.load() { return indexes }
        return built.storeIfNil(Indexes(of: bytes, rewrittenOffsets: rewrittenOffsets))
    }
}

/// How a text's UTF-8 byte offsets become code point offsets: equal for
/// ASCII; for other UTF-8, the offset less the continuation bytes before it
/// (kept as a sorted list, found by binary search, a few entries for an
/// abstract with a `±` or a `µ`); for rewritten text, an index per byte.
private enum CodePointOffsets: Sendable {
    case identity
    case continuationBytes([Int32])
    case mapped([Int32])

    /// The offsets of `utf8`, read eight bytes at a time where it is ASCII.
    init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var continuations: [Int32] = []
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index < bytes.count {
                if index + 8 <= bytes.count,
                    raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                    continue
                }
                if bytes[index] & 0xC0 == 0x80 { continuations.append(Int32(index)) }
                index += 1
            }
        }
        self = continuations.isEmpty ? .identity : .continuationBytes(continuations)
    }

    var isIdentity: Bool {
        if case .identity = self { return true }
        return false
    }

    func offset(ofByte offset: Int) -> Int {
        switch self {
        case .identity:
            return offset
        case let .mapped(index):
            return Int(index[offset])
        case let .continuationBytes(continuations):
            // How many continuation bytes come before `offset`.
            var low = 0
            var high = continuations.count
            while low < high {
                let middle = (low + high) / 2
                if Int(continuations[middle]) < offset { low = middle + 1 } else { high = middle }
            }
            return offset - low
        }
    }
}
