import Foundation

/// How reader output text is laid out: whitespace inside a paragraph collapsed
/// to single spaces, paragraphs on lines of their own, and a document's title
/// separated from its abstract by a blank line.
enum TextLayout {
    /// `text` with each run of whitespace (line ends included) made one space,
    /// and none at either end.
    static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        withUTF8(of: text) { bytes in
            // Most lines and elements need no more than trimming: one copy, no buffer.
            guard let trimmed = collapsedRange(of: bytes) else {
                return collapsed(bytes, splittingLines: false).first ?? ""
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmed]), as: UTF8.self)
        }
    }

    /// The range of `bytes` that is already their collapsed text, when
    /// trimming ASCII white space at the ends is all collapsing would do:
    /// what is left is printable ASCII with single spaces. Nil otherwise.
    /// Reads eight bytes at a time where it can.
    private static func collapsedRange(of bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }
        var start = 0
        var end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        guard let base = bytes.baseAddress else { return start..<end }
        // Neither end is a space now: what must not occur is a byte other than
        // printable ASCII and the space, and two spaces in a row.
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var index = start
        var afterSpace = false
        while index + 8 <= end {
            let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte of 0x80 or more, or one below the space (has-less-than test).
            if word & highBits != 0 || (word &- spaces) & ~word & highBits != 0 { return nil }
            // The high bit of each byte that is a space (exact zero-byte test of word ^ spaces).
            let differences = word ^ spaces
            let spaceBits = ~(((differences & lowBits) &+ lowBits) | differences | lowBits)
            if spaceBits & (spaceBits >> 8) != 0 || afterSpace && spaceBits & 0x80 != 0 { return nil }
            afterSpace = spaceBits >> 63 != 0
            index += 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 {
                if afterSpace { return nil }
                afterSpace = true
            } else if isPrintableASCII(byte) {
                afterSpace = false
            } else {
                return nil
            }
            index += 1
        }
        return start..<end
    }

    /// `text` split into paragraphs at its line ends, whitespace collapsed inside
    /// each, empty ones dropped.
    static func paragraphs(_ text: some StringProtocol) -> [String] {
        withUTF8(of: text) { collapsed($0, splittingLines: true) }
    }

    /// The non-empty paragraphs of `text` (all of it as one when not
    /// `splittingLines`), each run of white space made one space and none at
    /// either end. Line ends are those of `Character.isNewline`. Works on
    /// UTF-8 bytes (see ``spacing(at:in:)``).
    private static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>, splittingLines: Bool) -> [String] {
        var paragraphs: [String] = []
        // The collapsed text is never longer than the input: write it straight
        // into one buffer, each paragraph a range of it.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { output in
            var written = 0
            var paragraphStart = 0
            var spacePending = false
            func endParagraph() {
                if written > paragraphStart {
                    paragraphs.append(
                        String(decoding: UnsafeBufferPointer(rebasing: output[paragraphStart..<written]), as: UTF8.self)
                    )
                }
                paragraphStart = written
            }
            var index = 0
            while index < bytes.count {
                // Printable ASCII, most of any text, is copied without asking
                // what it is, and so is a single space between two such bytes.
                if isPrintableASCII(bytes[index]) {
                    if spacePending {
                        output[written] = UInt8(ascii: " ")
                        written += 1
                        spacePending = false
                    }
                    repeat {
                        output[written] = bytes[index]
                        written += 1
                        index += 1
                        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: " "),
                            isPrintableASCII(bytes[index + 1])
                        {
                            output[written] = UInt8(ascii: " ")
                            written += 1
                            index += 1
                        }
                    } while index < bytes.count && isPrintableASCII(bytes[index])
                    continue
                }
                let character = spacing(at: index, in: bytes)
                defer { index = character.end }
                if character.isLineBreak && splittingLines {
                    endParagraph()
                    spacePending = false
                } else if character.isLineBreak || character.isSpace {
                    spacePending = written > paragraphStart
                } else {
                    if spacePending {
                        output[written] = UInt8(ascii: " ")
                        written += 1
                        spacePending = false
                    }
                    for byte in index..<character.end {
                        output[written] = bytes[byte]
                        written += 1
                    }
                }
            }
            endParagraph()
        }
        return paragraphs
    }

    /// Whether `byte` is ASCII other than white space and control characters (DEL included).
    @inline(__always)
    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte &- 0x21 < 0x5F
    }

    /// Where the character at `index` ends, and whether it is a line break or
    /// other white space. Only the lead bytes of non-ASCII white space
    /// (U+0085, U+00A0, U+1680, U+2000...U+205F, U+3000) are decoded.
    @inline(__always)
    private static func spacing(
        at index: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) -> (end: Int, isLineBreak: Bool, isSpace: Bool) {
        let lead = bytes[index]
        if lead < 0x80 {
            return (index + 1, lead >= 0x0A && lead <= 0x0D, lead == 0x20 || lead == 0x09)
        }
        let end = min(index + (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2), bytes.count)
        guard lead == 0xC2 || lead == 0xE1 || lead == 0xE2 || lead == 0xE3 else { return (end, false, false) }
        var decoder = UTF8()
        var iterator = bytes[index..<end].makeIterator()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator) else { return (end, false, false) }
        let isLineBreak = scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
        return (end, isLineBreak, !isLineBreak && scalar.properties.isWhitespace)
    }

    /// Runs `body` over the UTF-8 bytes of `text`, in place when they are
    /// contiguous. A substring's are, but its UTF-8 view does not say so:
    /// it is asked itself, instead of being copied a byte at a time.
    private static func withUTF8<Result>(
        of text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        if var substring = text as? Substring { return substring.withUTF8(body) }
        var string = String(text)
        return string.withUTF8(body)
    }

    /// The offset of the first line feed or carriage return at or after
    /// `start`, or the end of `bytes`. Two `memchr` calls (the line feed,
    /// then a carriage return before it) beat a loop over the bytes.
    static func endOfLine(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count else { return max(start, bytes.count) }
        func first(_ byte: UInt8, before end: Int) -> Int? {
            memchr(base + start, Int32(byte), end - start).map {
                base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            }
        }
        let lineFeed = first(0x0A, before: bytes.count) ?? bytes.count
        return first(0x0D, before: lineFeed) ?? lineFeed
    }

    /// Whether `bytes` are empty or all white space, when their bytes tell:
    /// nil when a non-ASCII byte comes before any ASCII that is not white
    /// space (then only its characters can tell).
    static func isASCIIBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        for byte in bytes {
            if byte == 0x20 || byte >= 0x09 && byte <= 0x0D { continue }
            return byte < 0x80 ? false : nil
        }
        return true
    }

    /// Whether `text` is empty or all white space (`Character.isWhitespace`),
    /// looking at characters only when a non-ASCII byte comes before any
    /// ASCII that is not white space.
    static func isBlank(_ text: some StringProtocol) -> Bool {
        withUTF8(of: text, isASCIIBlank) ?? text.allSatisfy(\.isWhitespace)
    }

    /// A section of a structured abstract: `LABEL: text`, or just the text without a label.
    static func labelled(_ text: String, label: String?) -> String {
        guard let label, !label.isEmpty else { return text }
        return "\(label): \(text)"
    }

    /// The title, a blank line, then the abstract's paragraphs one per line; just
    /// one of the two when the other is missing; nil when both are.
    static func documentText(title: String, abstractParagraphs: [String]) -> String? {
        // One paragraph, a plain-text file's whole text, is used as it is, not copied.
        let abstract =
            abstractParagraphs.count == 1
            ? abstractParagraphs[0]
            : abstractParagraphs.filter { !$0.isEmpty }.joined(separator: "\n")
        switch (title.isEmpty, abstract.isEmpty) {
        case (true, true): return nil
        case (false, true): return title
        case (true, false): return abstract
        case (false, false): return title + "\n\n" + abstract
        }
    }
}
