import GleanRegex

/// Fills linked attributes of one document's facts: for each linker, its
/// pattern's matches in the document are found once and normalized, then
/// each fact takes the nearest one in its scope. A candidate before the fact
/// counts its distance as is; one after it counts it times the linker's
/// `after_penalty`, and in sentence scope may not lie beyond the next fact
/// of the same field (that one's words belong to it).
final class AttributeLinker {
    private let ruleSet: RuleSet
    private let document: DocumentText
    private let matcher: Matcher
    private var found: [String: [(range: Range<Int>, value: FactValue)]] = [:]

    init(ruleSet: RuleSet, document: DocumentText, matcher: Matcher) {
        self.ruleSet = ruleSet
        self.document = document
        self.matcher = matcher
    }

    func value(for name: String, near fact: Range<Int>, sameFieldMatches: [Range<Int>]) -> FactValue? {
        guard let linker = ruleSet.linkers[name] else { return nil }
        let candidates = matches(of: linker)
        let scope = linker.scope == .sentence ? document.sentence(containing: fact.lowerBound) : 0..<document.bytes.count
        let fence = sameFieldMatches.map(\.lowerBound).filter { $0 >= fact.upperBound && scope.contains($0) }.min() ?? scope.upperBound
        var best: (distance: Double, value: FactValue)?
        for candidate in candidates where scope.contains(candidate.range.lowerBound) {
            let distance: Double
            if candidate.range.upperBound <= fact.lowerBound {
                distance = Double(fact.lowerBound - candidate.range.upperBound)
            } else if candidate.range.lowerBound >= fact.upperBound {
                guard candidate.range.lowerBound < fence else { continue }
                distance = Double(candidate.range.lowerBound - fact.upperBound) * linker.afterPenalty
            } else {
                distance = 0
            }
            if best == nil || distance < best!.distance { best = (distance, candidate.value) }
        }
        return best?.value
    }

    private func matches(of linker: Linker) -> [(range: Range<Int>, value: FactValue)] {
        if let cached = found[linker.name] { return cached }
        var result: [(range: Range<Int>, value: FactValue)] = []
        document.bytes.withUnsafeBufferPointer { subject in
            try? matcher.forEachMatch(of: linker.pattern, in: subject) { match in
                let range = match.range(ofGroup: linker.pattern.groupNumber(named: "value") ?? 0) ?? match.range
                if case let .success(values) = linker.normalizer.normalize(document.text(range), matcher: matcher),
                   let value = values.first {
                    result.append((range, value))
                }
            }
        }
        found[linker.name] = result
        return result
    }
}
