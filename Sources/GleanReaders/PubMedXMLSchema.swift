/// PubMed XML (efetch and baseline `PubmedArticleSet` files): one record per
/// `PubmedArticle` or `PubmedBookArticle`; the PMID is the record's first
/// `PMID` (MedlineCitation's, before any cited article's); the title is
/// `ArticleTitle` (else `BookTitle`); the abstract is the `AbstractText` elements
/// of `Abstract` (not `OtherAbstract`), each labelled with its `Label` attribute.
struct PubMedXMLSchema: XMLRecordSchema {
    func role(ofElement path: [String], attributes: [String: String]) -> XMLFieldRole? {
        switch path.last {
        case "PubmedArticle", "PubmedBookArticle": .record
        case "PMID": .identifier
        case "ArticleTitle": .title
        case "BookTitle": .fallbackTitle
        case "AbstractText" where path.dropLast().last == "Abstract":
            .abstractParagraph(label: attributes["Label"].flatMap { $0 == "UNLABELLED" ? nil : $0 })
        default: nil
        }
    }
}
