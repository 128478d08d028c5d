/// PMC JATS articles (`.nxml`): one record per `article` (a file may wrap several
/// in `pmc-articleset`). Only the article's own `front/article-meta` counts, not
/// references or sub-articles: the PMID is `article-id` with `pub-id-type="pmid"`,
/// the title `title-group/article-title`, and the abstract every paragraph of each
/// `abstract` without an `abstract-type` (graphical abstracts, teasers and author
/// summaries are skipped), a section's `title` labelling its first paragraph.
struct JATSSchema: XMLRecordSchema {
    func role(ofElement path: [String], attributes: [String: String]) -> XMLFieldRole? {
        guard let articleIndex = path.lastIndex(of: "article") else { return nil }
        let inArticle = path[(articleIndex + 1)...]
        if inArticle.isEmpty { return .record }
        guard inArticle.starts(with: ["front", "article-meta"]) else { return nil }
        let parent = path.dropLast().last
        let inAbstract = inArticle.contains("abstract")
        switch path.last {
        case "article-id" where attributes["pub-id-type"] == "pmid": return .identifier
        case "article-title" where parent == "title-group": return .title
        case "abstract" where attributes["abstract-type"] != nil: return .ignoredSubtree
        case "title" where parent == "sec" && inAbstract: return .sectionLabel
        case "p" where inAbstract: return .abstractParagraph(label: nil)
        default: return nil
        }
    }
}
