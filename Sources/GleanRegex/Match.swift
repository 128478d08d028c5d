/// One successful match: the whole match and each capture group, as UTF-8
/// byte ranges into the subject.
public struct Match: Sendable, Hashable {
    /// The matched bytes.
    public var range: Range<Int> { groups[0]! }
    /// Group 0 is the whole match; a group that did not take part is `nil`.
    public let groups: [Range<Int>?]
    /// The name of the last `(*MARK:name)` passed on the matching path.
    public let mark: String?
    /// Where the successful attempt started: before the match's start when
    /// `\K` moved the start on (`anchor \K rest` matches `rest`, the
    /// attempt started at `anchor`).
    public let attemptStart: Int

    public init(groups: [Range<Int>?], mark: String?, attemptStart: Int? = nil) {
        precondition(groups.first.flatMap { $0 } != nil, "group 0 must be set")
        self.groups = groups
        self.mark = mark
        self.attemptStart = attemptStart ?? groups[0]!.lowerBound
    }

    /// The range of capture group `number`, if it took part in the match.
    public func range(ofGroup number: Int) -> Range<Int>? {
        number < groups.count ? groups[number] : nil
    }
}
