/// Finding a fact of a record again in its document's text.
extension DocumentText {
    /// The byte range of `fact`, when this text still holds the fact's words
    /// at its code point offsets (the file may have changed since the run).
    public func range(of fact: Fact) -> Range<Int>? {
        guard fact.start >= 0, fact.end >= fact.start else { return nil }
        let lower = byteOffset(ofCodePoint: fact.start)
        let upper = byteOffset(ofCodePoint: fact.end)
        guard lower <= upper, upper <= bytes.count, originalText(lower..<upper) == fact.text else { return nil }
        return lower..<upper
    }

    /// The sentence or sentences around a byte range.
    public func sentences(around range: Range<Int>) -> Range<Int> {
        let first = sentence(containing: range.lowerBound)
        let last = sentence(containing: max(range.lowerBound, range.upperBound - 1))
        return min(first.lowerBound, range.lowerBound)..<max(last.upperBound, range.upperBound)
    }
}
