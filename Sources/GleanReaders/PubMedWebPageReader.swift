import Foundation

/// Reads text saved or copied from a PubMed abstract web page: the title is the
/// first non-empty line and the abstract the paragraphs after the page's header
/// (after an `Abstract` heading when there is one, else after the citation and
/// ID lines under the title), up to the first trailing section: keywords,
/// "MeSH terms", substances, publication types, copyright and the like.
/// A `PMID: 123` line supplies the ID.
struct PubMedWebPageReader: RecordReader {
    /// Prefixes of header lines that carry IDs and links, not text.
    private static let metadataPrefixes = [
        "PMID:", "PMCID:", "DOI:", "doi:", "Epub ", "Free article", "Free PMC article",
    ]
    /// Headings of the page sections that follow the abstract.
    private static let trailingHeadings: Set<String> = [
        "MeSH terms", "Substances", "Publication types", "Supplementary concepts", "Similar articles",
        "Cited by", "References", "Related information", "LinkOut - more resources", "Grants and funding",
        "Comment in", "Comment on", "Figures", "Full text links", "Conflict of interest statement",
    ]
    /// Prefixes of lines that follow the abstract.
    private static let trailingPrefixes = ["Keywords:", "Copyright", "©"]

    /// Whether text looks like a PubMed page rather than a bare abstract: the line
    /// after the title is a citation, or the text has a "MeSH terms" or `PMID:` line.
    static func looksLikeWebPage(_ text: String) -> Bool {
        // The section and ID lines can only be there if a cheap search finds
        // them; without them only a citation on the second line can tell, and
        // it must be within the first 2 KB.
        guard containsBytes("MeSH terms", in: text) || containsBytes("PMID:", in: text) else {
            return secondLineIsCitation(in: text, within: 2048)
        }
        let lines = TextLayout.paragraphs(text)
        if lines.count > 1, isCitation(lines[1]) { return true }
        return lines.contains { $0 == "MeSH terms" || pmid(in: $0) != nil }
    }

    /// Whether the second non-blank line among the first `limit` bytes of
    /// `text` is a citation (``isCitation(_:)``), judged by its start: at
    /// most 200 bytes, whitespace collapsed.
    private static func secondLineIsCitation(in text: String, within limit: Int) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let bytes = UnsafeBufferPointer(rebasing: bytes.prefix(limit))
            var nonBlankLines = 0
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = TextLayout.endOfLine(from: lineStart, in: bytes)
                let head = UnsafeBufferPointer(rebasing: bytes[lineStart..<min(lineEnd, lineStart + 200)])
                lineStart = lineEnd + 1
                // Only the second line is made a string, and only when it may be
                // a citation: the first, and blank lines, are just told blank or
                // not where their bytes tell, and a line without ". 1" or ". 2"
                // is no citation (``isCitation(_:)``).
                let blank = TextLayout.isASCIIBlank(head)
                if let blank, nonBlankLines == 0 || blank {
                    if !blank { nonBlankLines = 1 }
                    continue
                }
                if nonBlankLines == 1, blank == false, !mayHoldStopAndYear(head) { return false }
                let start = TextLayout.collapsingWhitespace(String(decoding: head, as: UTF8.self))
                if !start.isEmpty {
                    nonBlankLines += 1
                    if nonBlankLines == 2 { return isCitation(start) }
                }
            }
            return false
        }
    }

    /// Whether `bytes` may read ". 1" or ". 2" once white space is
    /// collapsed, as a citation's journal name and year do: a `.`, white
    /// space (any non-ASCII byte may be part of some), then `1` or `2`.
    private static func mayHoldStopAndYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        func mayBeSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 || byte >= 0x80 }
        var index = 0
        while index < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: ".")), bytes.count - index) {
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            var next = index
            while next < bytes.count, mayBeSpace(bytes[next]) { next += 1 }
            if next > index, next < bytes.count, bytes[next] == UInt8(ascii: "1") || bytes[next] == UInt8(ascii: "2") {
                return true
            }
        }
        return false
    }

    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        var reader = LineReader(input)
        var lines: [String] = []
        while let line = try reader.next() {
            // One document: a line that is not UTF-8, or too long, fails the whole of it.
            if let problem = line.problem { throw problem }
            lines.append(TextLayout.collapsingWhitespace(line.text))
        }
        sink.record(Self.record(fromLines: lines))
    }

    private static func record(fromLines lines: [String]) -> ParsedRecord {
        guard let titleIndex = lines.firstIndex(where: { !$0.isEmpty }) else { return ParsedRecord() }
        let body = lines[(titleIndex + 1)...]
        let pmid = body.lazy.compactMap(pmid(in:)).first
        let abstractStart = body.firstIndex(of: "Abstract").map { $0 + 1 } ?? body.startIndex
        var paragraphs: [String] = []
        for line in body[abstractStart...] {
            if isTrailingSection(line) { break }
            if line.isEmpty || isMetadata(line) { continue }
            paragraphs.append(line)
        }
        return ParsedRecord(pmid: pmid, title: lines[titleIndex], abstractParagraphs: paragraphs)
    }

    private static func isMetadata(_ line: String) -> Bool {
        metadataPrefixes.contains { line.hasPrefix($0) } || isCitation(line)
    }

    private static func isTrailingSection(_ line: String) -> Bool {
        trailingHeadings.contains(line) || trailingPrefixes.contains { line.hasPrefix($0) }
    }

    /// The ID of a `PMID: 28058980` line.
    static func pmid(in line: String) -> String? {
        guard line.hasPrefix("PMID:") else { return nil }
        let digits = line.dropFirst(5).drop(while: { $0 == " " }).prefix(while: \.isASCIIDigit)
        return digits.isEmpty ? nil : String(digits)
    }

    /// A journal citation line: `Lupus. 2017 Aug;26(9):952-958. doi: ...` — a
    /// journal name, then within its first 160 characters `. ` and a year from
    /// 1800 to 2099, optionally a month (`Aug`, `Jul-Aug`) and a day, then `;`, `:` or `.`.
    static func isCitation(_ line: String) -> Bool {
        // Quick test on bytes first, in place: a citation has ". " and a year's first digit.
        var line = line
        let mayBeCitation = line.withUTF8 { bytes in
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(4 * 180))
            return head.indices.dropLast(2).contains {
                head[$0] == UInt8(ascii: ".") && head[$0 + 1] == UInt8(ascii: " ")
                    && (head[$0 + 2] == UInt8(ascii: "1") || head[$0 + 2] == UInt8(ascii: "2"))
            }
        }
        guard mayBeCitation else { return false }
        let characters = Array(line.prefix(180))
        guard let first = characters.first, !first.isWhitespace else { return false }
        for index in 1..<max(characters.count - 1, 1)
        where index <= 161 && characters[index] == "." && characters[index + 1] == " " {
            if yearThenStop(characters[(index + 2)...]) { return true }
        }
        return false
    }

    private static func yearThenStop(_ rest: ArraySlice<Character>) -> Bool {
        let year = rest.prefix(4)
        guard year.count == 4, year.allSatisfy(\.isASCIIDigit), let value = Int(String(year)),
            (1800...2099).contains(value)
        else { return false }
        var cursor = rest.dropFirst(4)
        if cursor.first == " ", let month = monthLength(cursor.dropFirst()) {
            cursor = cursor.dropFirst(1 + month)
            if cursor.first == " " {
                let day = cursor.dropFirst().prefix(while: \.isASCIIDigit)
                if (1...2).contains(day.count) { cursor = cursor.dropFirst(1 + day.count) }
            }
        }
        return cursor.first.map { ";:.".contains($0) } ?? false
    }

    /// `Aug` or `Jul-Aug`: a capital and two lower-case letters, maybe twice.
    private static func monthLength(_ text: ArraySlice<Character>) -> Int? {
        func isMonth(_ part: ArraySlice<Character>) -> Bool {
            part.count == 3 && part.first!.isUppercase && part.dropFirst().allSatisfy(\.isLowercase)
        }
        guard isMonth(text.prefix(3)) else { return nil }
        let second = text.dropFirst(3)
        return second.first == "-" && isMonth(second.dropFirst().prefix(3)) ? 7 : 3
    }
}

extension PubMedWebPageReader {
    /// Whether `needle` occurs in `text`, compared as UTF-8 bytes (Foundation's
    /// search is far slower, and this runs on every plain-text file).
    static func containsBytes(_ needle: String, in text: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { bytes in
            needle.withUTF8 { wanted in
                guard let base = bytes.baseAddress, let first = wanted.first else { return wanted.isEmpty }
                // memchr finds each candidate first byte (memmem is a GNU extension Swift does not see).
                var index = 0
                while index + wanted.count <= bytes.count,
                    let found = memchr(base + index, Int32(first), bytes.count - wanted.count + 1 - index)
                {
                    index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, wanted.baseAddress!, wanted.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
