/// Reads text saved or copied from a PubMed abstract web page: the title is the
/// first non-empty line and the abstract the paragraphs after the page's header
/// (after an `Abstract` heading when there is one, else after the citation and
/// ID lines under the title), up to the first trailing section: keywords,
/// "MeSH terms", substances, publication types, copyright and the like.
/// A `PMID: 123` line supplies the ID.
struct PubMedWebPageReader: RecordReader {
    /// A journal citation: `Lupus. 2017 Aug;26(9):952-958. doi: ...`.
    private static var citationLine: Regex<Substring> { /^\S.{0,160}?\. (?:1[89]|20)\d\d(?: [A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?: \d{1,2})?)?[;:.]/ }
    private static var pmidLine: Regex<(Substring, Substring)> { /^PMID: ?(\d+)/ }
    /// Prefixes of header lines that carry IDs and links, not text.
    private static let metadataPrefixes = ["PMID:", "PMCID:", "DOI:", "doi:", "Epub ", "Free article", "Free PMC article"]
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
        let lines = TextLayout.paragraphs(text)
        if lines.count > 1, lines[1].contains(citationLine) { return true }
        return lines.contains { $0 == "MeSH terms" || $0.contains(pmidLine) }
    }

    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        var reader = LineReader(input)
        var lines: [String] = []
        while let line = try reader.next() { lines.append(TextLayout.collapsingWhitespace(line)) }
        sink.record(Self.record(fromLines: lines))
    }

    private static func record(fromLines lines: [String]) -> ParsedRecord {
        guard let titleIndex = lines.firstIndex(where: { !$0.isEmpty }) else { return ParsedRecord() }
        let body = lines[(titleIndex + 1)...]
        let pmid = body.lazy.compactMap { $0.firstMatch(of: pmidLine) }.first.map { String($0.1) }
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
        metadataPrefixes.contains { line.hasPrefix($0) } || line.contains(citationLine)
    }

    private static func isTrailingSection(_ line: String) -> Bool {
        trailingHeadings.contains(line) || trailingPrefixes.contains { line.hasPrefix($0) }
    }
}
