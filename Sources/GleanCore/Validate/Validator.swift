import GleanRegex

/// Runs the rules over each fixture's document and scores the facts as
/// FIELDS.md "Matching" says.
public struct Validator {
    public let extractor: Extractor

    public init(extractor: Extractor) { self.extractor = extractor }

    /// Scores `fixtures`, each on the fields it annotates
    /// (``Fixture/annotatedFields(in:)``), and of those only `onlyFields` when given.
    public func validate(
        _ fixtures: [Fixture], onlyFields: Set<String>? = nil, matcher: Matcher = Matcher()
    ) -> ValidationReport {
        var report = ValidationReport()
        // Fields no fixture annotates are left out, so a field added to the rules changes no score or row.
        let annotated = fixtures.reduce(into: Set<String>()) { $0.formUnion($1.annotatedFields(in: extractor.ruleSet)) }
        let fields = extractor.ruleSet.fields.filter {
            annotated.contains($0.key) && (onlyFields?.contains($0.key) ?? true)
        }
        for name in fields.keys { report.fields[name] = .init() }
        for (field, schema) in fields {
            for attribute in schema.attributes { report.attributes["\(field).\(attribute)"] = .init() }
        }
        for rule in extractor.ruleSet.rules where !rule.isVeto && fields[rule.field] != nil {
            report.rules[rule.id] = .init()
        }
        for fixture in fixtures {
            report.fixtures.append(score(fixture, fields: Set(fields.keys), into: &report, matcher: matcher))
        }
        return report
    }

    private func score(
        _ fixture: Fixture, fields scored: Set<String>, into report: inout ValidationReport,
        matcher: Matcher
    ) -> ValidationReport.FixtureResult {
        var result = ValidationReport.FixtureResult(fixture: fixture.path, source: fixture.sourcePath)
        let comparison: FixtureComparison
        do {
            comparison = try FixtureComparison(fixture, extractor: extractor, scoring: scored, matcher: matcher)
        } catch {
            result.error = error.description
            return result
        }
        for fact in comparison.facts { report.rules[fact.rule]?.fixtures.insert(fixture.path) }
        for field in comparison.fields {
            report.fields[field.name, default: .init()].add(
                score(field, in: comparison.text, into: &report, result: &result))
        }
        return result
    }

    /// One field of one fixture: what was expected, emitted and found, each
    /// found fact's attributes, and each rule's right and wrong facts.
    private func score(
        _ field: FixtureComparison.Field, in text: DocumentText, into report: inout ValidationReport,
        result: inout ValidationReport.FixtureResult
    ) -> ValidationReport.FieldScore {
        let expected = field.matching.merged(field.expected.map(\.values))
        var score = ValidationReport.FieldScore()
        score.expected = expected.count
        score.emitted = field.emitted.count
        for wanted in expected {
            let finders = field.finders(of: wanted)
            guard !finders.isEmpty else {
                result.discrepancies.append(
                    .init(
                        kind: .missed, field: field.name, values: wanted,
                        sentence: Validator.sentence(mentioning: wanted, in: text, keys: field.schema.keys)))
                continue
            }
            score.found += 1
            for attribute in field.schema.attributes {
                guard let right = field.attributeRight(attribute, of: wanted, among: finders) else { continue }
                let name = "\(field.name).\(attribute)"
                report.attributes[name, default: .init()].checked += 1
                if right {
                    report.attributes[name]!.right += 1
                } else {
                    let got = finders.compactMap { $0[attribute]?.description }.joined(separator: ", ")
                    result.discrepancies.append(
                        .init(
                            kind: .missed, field: field.name, values: wanted,
                            note: "\(attribute): expected \(wanted[attribute]!), got \(got.isEmpty ? "none" : got)"))
                }
            }
        }
        for fact in field.emitted {
            let isRight = field.finds(fact, oneOf: expected)
            if isRight { score.correct += 1 }
            let sources = field.sources(of: fact)
            for source in sources {
                if isRight { report.rules[source.rule]?.right += 1 } else { report.rules[source.rule]?.wrong += 1 }
            }
            if !isRight, let source = sources.first {
                let byteStart = text.byteOffset(ofCodePoint: source.start)
                result.discrepancies.append(
                    .init(
                        kind: .unexpected, field: field.name, values: fact, rule: source.rule,
                        sentence: text.text(text.sentence(containing: byteStart))))
            }
        }
        return score
    }

    /// The first sentence that contains the fact's first key value as written.
    static func sentence(mentioning values: FactValues, in text: DocumentText, keys: [String]) -> String? {
        guard let first = keys.compactMap({ values[$0] }).first else { return nil }
        let needle = first.description.split(separator: "-").first.map(String.init) ?? first.description
        return text.sentences.map(text.text).first { $0.contains(needle) }
    }
}
