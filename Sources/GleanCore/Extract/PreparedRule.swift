/// A rule as the extractor runs it: with its value builder and its
/// document-wide conditions and prefilters as indices into the extractor's
/// shared lists (each distinct condition is checked once per document). A
/// class: every document walks the list, and a reference costs one retain
/// where a struct of arrays is copied field by field.
final class PreparedRule: Sendable {
    let rule: Rule
    /// The rule's place in the rule set.
    let index: Int
    let builder: ValueBuilder
    /// Its `in: document` conditions.
    let documentConditions: [Int]
    /// Its sentence requirements marked `prefilter: true`.
    let prefilters: [Int]

    init(rule: Rule, index: Int, builder: ValueBuilder, documentConditions: [Int], prefilters: [Int]) {
        self.rule = rule
        self.index = index
        self.builder = builder
        self.documentConditions = documentConditions
        self.prefilters = prefilters
    }
}
