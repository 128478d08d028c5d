/// A rule as the extractor runs it: with its value builder and its
/// document-wide conditions and prefilters as indices into the extractor's
/// shared lists (each distinct condition is checked once per document).
struct PreparedRule {
    let rule: Rule
    /// The rule's place in the rule set.
    let index: Int
    let builder: ValueBuilder
    /// Its `in: document` conditions.
    let documentConditions: [Int]
    /// Its sentence requirements marked `prefilter: true`.
    let prefilters: [Int]
}
