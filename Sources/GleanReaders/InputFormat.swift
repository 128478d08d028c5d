/// The input formats glean reads.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Any other text: the whole file is one document.
    case plainText
    /// MEDLINE tagged records (`.nbib`, PubMed's "MEDLINE" export): `PMID- `, `TI  - `, `AB  - `.
    case medline
    /// PubMed XML (`PubmedArticleSet` from efetch or the baseline), `.xml` or `.xml.gz`.
    case pubmedXML
    /// RIS and EndNote-tagged exports (`TY  - ` ... `ER  - `), also a record flattened onto one line.
    case ris
    /// Text saved or copied from a PubMed abstract web page.
    case pubmedWebPage
    /// A PMC JATS article (`.nxml`).
    case jats
    /// JSON Lines: one object per line with `pmid`/`id`, `title`, `text`/`abstract`.
    case jsonLines

    /// How many bytes at the start of an input `detect` needs to look at.
    public static let detectionPrefixLength = 1 << 16

    /// The format of an input, from its file name and the text at its start.
    ///
    /// Extensions that name one format decide it (`.nbib`, `.ris`, `.jsonl`,
    /// `.ndjson`, `.nxml`); `.xml` (also gzipped) is PubMed XML unless its root is
    /// a JATS `article`. Everything else (`.txt`, no extension, standard input)
    /// is told by content: XML, a JSON object, `PMID- ` at a line start (MEDLINE),
    /// `TY  - ` tags or a one-line `TY - ... ER -` record (RIS), a PubMed web
    /// page, or else plain text.
    /// - Parameters:
    ///   - fileName: the file's name or path; `-` for standard input.
    ///   - prefix: the start of the content (`detectionPrefixLength` bytes are enough), decompressed.
    public static func detect(fileName: String, prefix: String) -> InputFormat {
        switch FileName(fileName).formatExtension {
        case "nbib": return .medline
        case "ris": return .ris
        case "jsonl", "ndjson": return .jsonLines
        case "nxml": return .jats
        case "xml": return xmlFormat(of: prefix) ?? .pubmedXML
        default: return detect(content: prefix)
        }
    }

    private static func detect(content: String) -> InputFormat {
        let start = content.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if start.hasPrefix("<"), let format = xmlFormat(of: content) { return format }
        if start.hasPrefix("{") { return .jsonLines }
        if let format = taggedFormat(of: content) { return format }
        if PubMedWebPageReader.looksLikeWebPage(content) { return .pubmedWebPage }
        return .plainText
    }

    /// PubMed XML or JATS, by the elements near the start; nil when neither shows.
    private static func xmlFormat(of content: String) -> InputFormat? {
        if content.contains("<PubmedArticleSet") || content.contains("<PubmedArticle")
            || content.contains("<PubmedBookArticle")
        {
            return .pubmedXML
        }
        if content.contains("<article ") || content.contains("<article>") { return .jats }
        return nil
    }

    /// MEDLINE when a line of `content` starts with `PMID- `, else RIS when
    /// one starts with `TY  - ` (or `TY - `, a record flattened onto one line),
    /// else nil. One pass over the UTF-8 bytes: detection runs once per file
    /// and must stay cheap.
    private static func taggedFormat(of content: String) -> InputFormat? {
        var content = content
        return content.withUTF8 { bytes in
            var showsRIS = false
            var lineStart = 0
            while lineStart < bytes.count {
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart...])
                switch line[0] {
                case UInt8(ascii: "P") where line.starts(with: medlineTag): return .medline
                case UInt8(ascii: "T") where risTags.contains(where: line.starts(with:)): showsRIS = true
                default: break
                }
                lineStart = TextLayout.endOfLine(from: lineStart, in: bytes) + 1
            }
            return showsRIS ? .ris : nil
        }
    }

    private static let medlineTag = Array("PMID- ".utf8)
    private static let risTags = [Array("TY  - ".utf8), Array("TY - ".utf8)]
}
