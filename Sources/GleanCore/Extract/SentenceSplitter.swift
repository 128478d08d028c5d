/// Finds sentence boundaries in abstract text. A `.`, `!` or `?` ends a
/// sentence when white space and a capital, digit or bracket follow, unless
/// it closes an abbreviation (`i.v.`, `et al.`, `vs.`, `e.g.`) or an initial;
/// decimals (`1.3`) never split. A blank line always ends a sentence, and so
/// does a line break after `.`, `:`, `!` or `?`. Structured abstracts that
/// glue a label to the previous sentence (`(SLE).Methods Twelve`) split too.
enum SentenceSplitter {
    static let abbreviations = [
        "e.g", "i.e", "vs", "v", "al", "i.v", "p.o", "s.c", "i.m", "i.p", "b.i.d", "t.i.d", "q.i.d", "q.d", "o.d",
        "fig", "figs", "dr", "approx", "ca", "no", "nos", "ref", "refs", "mr", "mrs", "ms", "prof", "st",
        "inc", "ltd", "co", "resp", "viz", "cf", "vol", "eq", "sp", "spp", "var", "ed", "eds", "max", "min",
    ]
    /// The abbreviations as ``packed(_:)`` keys: a period's word is looked up without making a string.
    private static let abbreviationKeys = Set(abbreviations.compactMap { packed(Array($0.utf8)[...]) })

    /// The sentences of UTF-8 text (an unsafe buffer: no bounds check on every byte).
    static func sentences(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        // About one sentence per 150 bytes of an abstract: room for most at once.
        sentences.reserveCapacity(bytes.count / 100 + 2)
        var start = 0
        func close(at end: Int) {
            var low = start
            var high = end
            while low < high, isSpace(bytes[low]) { low += 1 }
            while high > low, isSpace(bytes[high - 1]) { high -= 1 }
            if low < high { sentences.append(low..<high) }
            start = end
        }
        var index = 0
        let raw = UnsafeRawPointer(bytes.baseAddress)
        while index < bytes.count {
            // Eight bytes at a time past text with no line break, `.`, `!` or `?`.
            if let raw, index + 8 <= bytes.count,
                !mayEndSentence(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                let blankLineFollows = nextNonSpaceLineBreak(after: index, in: bytes)
                if blankLineFollows || endsWithStop(before: index, in: bytes) { close(at: index + 1) }
            } else if byte == UInt8(ascii: "."), endsSentence(periodAt: index, in: bytes) {
                close(at: index + 1)
            } else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?"),
                followedBySentenceStart(index + 1, in: bytes, needsSpace: true)
            {
                close(at: index + 1)
            }
            index += 1
        }
        close(at: bytes.count)
        return sentences
    }

    /// Whether eight bytes hold a line feed, `.`, `!` or `?` (the bytes a
    /// sentence can end at), by the has-zero-byte test on each of them.
    @inline(__always)
    private static func mayEndSentence(_ word: UInt64) -> Bool {
        func holds(_ byte: UInt8) -> Bool {
            let matched = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
            return (matched &- 0x0101_0101_0101_0101) & ~matched & 0x8080_8080_8080_8080 != 0
        }
        return holds(0x0A) || holds(UInt8(ascii: ".")) || holds(UInt8(ascii: "!")) || holds(UInt8(ascii: "?"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func endsSentence(periodAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let next = index + 1
        // Only a period followed by white space, the end, or a glued capitalized
        // word can end a sentence: decimals and inner periods stop here.
        guard
            next >= bytes.count || isSpace(bytes[next])
                || (next + 1 < bytes.count && isUpper(bytes[next]) && isLower(bytes[next + 1]))
        else { return false }
        let wordStart = startOfWord(before: index, in: bytes)
        if let key = packed(bytes[wordStart..<index]), abbreviationKeys.contains(key) { return false }
        // An initial, "J. Smith", follows a capitalized word or nothing; "arm B." ends a sentence.
        if index - wordStart == 1, isUpper(bytes[wordStart]), !followsLowercaseWord(index - 1, in: bytes) {
            return false
        }
        if followedBySentenceStart(index + 1, in: bytes, needsSpace: true) { return true }
        // "(SLE).Methods Twelve": a capitalized word glued to the period.
        guard next + 1 < bytes.count, isUpper(bytes[next]), isLower(bytes[next + 1]), index > 0 else { return false }
        let previous = bytes[index - 1]
        return isLower(previous) || previous == UInt8(ascii: ")")
    }

    /// Whether the word before the one starting at `index` is lower-case.
    private static func followsLowercaseWord(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = index - 1
        while cursor >= 0, bytes[cursor] == 0x20 { cursor -= 1 }
        var start = cursor
        while start > 0, isUpper(bytes[start - 1]) || isLower(bytes[start - 1]) { start -= 1 }
        return cursor >= 0 && cursor > start - 1 && isLower(bytes[max(start, 0)])
    }

    private static func followedBySentenceStart(
        _ index: Int, in bytes: UnsafeBufferPointer<UInt8>, needsSpace: Bool
    ) -> Bool {
        var next = index
        while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0A { next += 1 }
        if needsSpace, next == index { return next >= bytes.count }
        guard next < bytes.count else { return true }
        let byte = bytes[next]
        return isUpper(byte) || isDigit(byte) || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "\"") || byte >= 0xC0
    }

    /// Where the letters and dots just before `index` start, e.g. `i.v` before `i.v.`.
    private static func startOfWord(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = index
        while start > 0 {
            let byte = bytes[start - 1]
            guard isUpper(byte) || isLower(byte) || byte == UInt8(ascii: ".") else { break }
            start -= 1
        }
        return start
    }

    /// Letters (made lower-case) and dots packed into an integer, one byte
    /// each; nil when there are more than eight.
    private static func packed(_ word: some Collection<UInt8>) -> UInt64? {
        guard word.count <= 8 else { return nil }
        return word.reduce(0) { key, byte in key << 8 | UInt64(isUpper(byte) ? byte | 0x20 : byte) }
    }

    private static func endsWithStop(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous = index - 1
        while previous >= 0, bytes[previous] == 0x20 || bytes[previous] == 0x0D || bytes[previous] == 0x09 {
            previous -= 1
        }
        guard previous >= 0 else { return false }
        return [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[previous])
    }

    /// Whether the line after the break at `index` is blank.
    private static func nextNonSpaceLineBreak(after index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var next = index + 1
        while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0D { next += 1 }
        return next < bytes.count && bytes[next] == 0x0A
    }
}
