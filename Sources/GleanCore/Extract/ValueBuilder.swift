import GleanRegex

/// Turns a match into value sets as its rule's `values:` section says.
struct ValueBuilder {
    let rule: Rule
    let schema: FieldSchema

    /// One value set per fact, or the reason there are none. A list gives
    /// one set per item; a later list as long as the sets an earlier list
    /// made pairs with them item by item, as a "respectively" sentence does
    /// (`from 11.6, 12.0 and 11.3 ... by 5.4, 4.1 and 2.2`), and any other
    /// list multiplies the sets.
    func values(for match: Match, in text: DocumentText, matcher: Matcher) -> Result<[FactValues], NormalizationFailure>
    {
        var sets: [FactValues] = [FactValues()]
        var comparisons: [(String, String, String)] = []
        for (key, sources) in rule.values {
            var produced: [FactValue]?
            for source in sources {
                switch source {
                case let .group(name, number, normalizer):
                    guard let range = match.range(ofGroup: number) else { continue }
                    switch normalizer.normalize(text.text(range), matcher: matcher) {
                    case let .success(values): produced = values
                    case let .failure(failure):
                        return .failure(
                            NormalizationFailure("\(key) from group '\(name)' (\(normalizer.name)): \(failure.message)")
                        )
                    }
                case let .constant(value, whenGroup):
                    guard whenGroup.map({ match.range(ofGroup: $0) != nil }) ?? true else { continue }
                    produced = [value]
                case let .comparison(earlier, later):
                    comparisons.append((key, earlier, later))
                case let .range(low, high, normalizer):
                    guard let lowRange = match.range(ofGroup: low.number),
                        let highRange = match.range(ofGroup: high.number)
                    else { continue }
                    let joined = text.text(lowRange) + "-" + text.text(highRange)
                    switch normalizer.normalize(joined, matcher: matcher) {
                    case let .success(values): produced = values
                    case let .failure(failure):
                        return .failure(
                            NormalizationFailure(
                                "\(key) from groups '\(low.name)' and '\(high.name)' (\(normalizer.name)): \(failure.message)"
                            ))
                    }
                }
                if produced != nil { break }
            }
            guard let produced else { continue }
            guard produced.count == 1 else {
                if sets.count > 1, produced.count == sets.count {
                    for index in sets.indices { sets[index][key] = produced[index] }
                    continue
                }
                // Several values (a list): one set for each.
                sets = sets.flatMap { set in
                    produced.map { value in
                        var copy = set
                        copy[key] = value
                        return copy
                    }
                }
                continue
            }
            for index in sets.indices { sets[index][key] = produced[0] }
        }
        for index in sets.indices {
            for (key, earlier, later) in comparisons where sets[index][key] == nil {
                guard let from = sets[index][earlier]?.magnitude,
                    let to = sets[index][later]?.magnitude
                else { continue }
                sets[index][key] = .text(from > to ? "decrease" : from < to ? "increase" : "unchanged")
            }
            sets[index] = ValueBuilder.ordered(schema.movingMillions(sets[index]), as: schema)
        }
        // Attributes the rule links come later; count them as present here.
        let complete = sets.filter { schema.isComplete($0, promised: rule.links) }
        guard !complete.isEmpty else {
            let needed = schema.requires.map { $0.joined(separator: " or ") }.joined(separator: "; ")
            return .failure(NormalizationFailure("incomplete fact: \(field) needs \(needed)"))
        }
        return .success(complete)
    }

    private var field: String { schema.name }

    /// Values in the field's declared order (names it does not declare last).
    static func ordered(_ values: FactValues, as schema: FieldSchema) -> FactValues {
        if isOrdered(values, as: schema) { return values }
        var ordered = FactValues(minimumCapacity: values.count)
        schema.forEachValueName { name in if let value = values[name] { ordered[name] = value } }
        for (name, value) in values where ordered[name] == nil { ordered[name] = value }
        return ordered
    }

    /// Whether the names of `values` come in the field's declared order,
    /// all of them declared: most value sets are built so.
    private static func isOrdered(_ values: FactValues, as schema: FieldSchema) -> Bool {
        var names = values.keys.makeIterator()
        var next = names.next()
        schema.forEachValueName { name in if name == next { next = names.next() } }
        return next == nil
    }
}
