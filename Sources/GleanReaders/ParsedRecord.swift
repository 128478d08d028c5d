/// What a reader found in one record, before it becomes a `Document`.
struct ParsedRecord {
    /// The PubMed ID when the record carries one.
    var pmid: String?
    /// The title, whitespace collapsed; empty when the record has none.
    var title: String
    /// The abstract's paragraphs (or sections, labels included), whitespace collapsed.
    var abstractParagraphs: [String]

    init(pmid: String? = nil, title: String = "", abstractParagraphs: [String] = []) {
        self.pmid = pmid.flatMap { $0.isEmpty ? nil : $0 }
        self.title = title
        self.abstractParagraphs = abstractParagraphs
    }
}
