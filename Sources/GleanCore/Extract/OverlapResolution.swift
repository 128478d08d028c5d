/// The third stage of extraction: of the candidates of one field that
/// overlap, one wins. Vetoes first remove the candidates of their field they
/// overlap; then the longest match wins, then the higher rule priority, then
/// the earlier start, then the earlier rule.
struct OverlapResolution {
    let rules: [Rule]

    /// The winners, in text order (they do not overlap within a field).
    /// Losers are reported to `observer` with the reason when it explains.
    func winners<Observer: ExtractionObserver>(
        of candidates: [Candidate], vetoes: [(field: String, range: Range<Int>)],
        observer: inout Observer
    ) -> [Candidate] {
        let vetoed = Dictionary(grouping: vetoes, by: \.field).mapValues { DisjointRanges(covering: $0.map(\.range)) }
        var accepted: [Candidate] = []
        var claimed: [String: DisjointRanges] = [:]
        for candidate in ranked(candidates) {
            let field = rules[candidate.ruleIndex].field
            let isVetoed = vetoed[field]?.overlaps(candidate.range) ?? false
            // The first accepted candidate it overlaps (tags are acceptance order).
            let winner = isVetoed ? nil : claimed[field]?.tags(overlapping: candidate.range).min().map { accepted[$0] }
            guard isVetoed || winner != nil else {
                claimed[field, default: DisjointRanges()].insert(candidate.range, tag: accepted.count)
                accepted.append(candidate)
                continue
            }
            if observer.explainsRejections {
                let reason =
                    winner.map { "overlaps the fact of rule \(rules[$0.ruleIndex].id)" }
                    ?? "vetoed by an overlapping veto rule"
                observer.rejected(
                    Rejection(rule: rules[candidate.ruleIndex].id, range: candidate.range, reason: reason))
            }
        }
        return accepted.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Candidates in the order they claim the text.
    private func ranked(_ candidates: [Candidate]) -> [Candidate] {
        candidates.sorted { a, b in
            // Properties read in place: copying whole rules here was a hot spot.
            let priorityA = rules[a.ruleIndex].priority
            let priorityB = rules[b.ruleIndex].priority
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            if priorityA != priorityB { return priorityA > priorityB }
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            return a.ruleIndex < b.ruleIndex
        }
    }
}
