/// A rule's match that passed its context conditions, with the value sets
/// it yields (one per fact; several for a list such as `1, 2 or 4 mg`).
struct Candidate {
    let ruleIndex: Int
    let range: Range<Int>
    var facts: [FactValues]

    func overlaps(_ other: Range<Int>) -> Bool { range.overlaps(other) }
}

/// Why a rule's match did not become a fact; `glean explain` lists these.
public struct Rejection: Sendable, Hashable {
    public let rule: String
    /// The match, as UTF-8 byte range into the document text; empty when the
    /// rule did not run in the document at all (a document condition failed).
    public let range: Range<Int>
    public let reason: String
}
