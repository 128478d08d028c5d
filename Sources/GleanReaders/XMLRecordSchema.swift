/// What an element means to an XML record reader.
enum XMLFieldRole: Equatable {
    /// The element is one record (`PubmedArticle`, `article`).
    case record
    /// Its text is the record's PMID (the first one in a record wins).
    case identifier
    /// Its text is the record's title (the first one wins).
    case title
    /// Its text is the title when the record has no `title` element (a book's title).
    case fallbackTitle
    /// Its text is a paragraph of the abstract, written `label: text` when labelled.
    case abstractParagraph(label: String?)
    /// Its text labels the next abstract paragraph (a JATS section title).
    case sectionLabel
    /// Nothing inside it counts (a graphical abstract, say).
    case ignoredSubtree
}

/// Which elements of an XML format hold records, and which of their
/// descendants hold the PMID, the title and the abstract.
protocol XMLRecordSchema {
    /// The role of an element that starts, or nil when it has none. `path`
    /// holds the names of its ancestors from the root, then its own name.
    /// Elements inside a field are inline markup and are not asked about.
    func role(ofElement path: [String], attributes: [String: String]) -> XMLFieldRole?
}
