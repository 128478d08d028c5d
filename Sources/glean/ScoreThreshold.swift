import ArgumentParser

/// A quality gate for `glean validate`: a lowest score, for every field
/// (`0.95`) or for one field or attribute (`cohort_size=0.92`, `dose.drug=0.9`).
struct ScoreThreshold: ExpressibleByArgument {
    /// The field or attribute it applies to; nil for every field.
    let name: String?
    let minimum: Double

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard let minimum = Double(parts.last ?? ""), (0...1).contains(minimum) else { return nil }
        self.name = parts.count == 2 ? parts[0] : nil
        self.minimum = minimum
    }

    /// The names among `scores` that fall below the gate; an unknown name fails as itself.
    func failing(_ scores: [String: Double]) -> [String] {
        guard let name else { return scores.filter { $0.value < minimum }.keys.sorted() }
        guard let score = scores[name] else { return ["\(name) (not scored)"] }
        return score < minimum ? [name] : []
    }
}
