import GleanRegex

/// Runs the rules over each fixture's document and scores the facts as
/// FIELDS.md "Matching" says.
public struct Validator {
    public let extractor: Extractor

    public init(extractor: Extractor) { self.extractor = extractor }

    /// Scores `fixtures`, each on the fields it annotates
    /// (``Fixture/annotatedFields(in:)``), and of those only `onlyFields` when given.
    public func validate(_ fixtures: [Fixture], onlyFields: Set<String>? = nil, matcher: Matcher = Matcher()) -> ValidationReport {
        var report = ValidationReport()
        // Fields no fixture annotates are left out, so a field added to the rules changes no score or row.
        let annotated = fixtures.reduce(into: Set<String>()) { $0.formUnion($1.annotatedFields(in: extractor.ruleSet)) }
        let fields = extractor.ruleSet.fields.filter { annotated.contains($0.key) && (onlyFields?.contains($0.key) ?? true) }
        for name in fields.keys { report.fields[name] = .init() }
        for (field, schema) in fields {
            for attribute in schema.attributes { report.attributes["\(field).\(attribute)"] = .init() }
        }
        for rule in extractor.ruleSet.rules where !rule.isVeto && fields[rule.field] != nil { report.rules[rule.id] = .init() }
        for fixture in fixtures {
            report.fixtures.append(score(fixture, fields: Set(fields.keys), into: &report, matcher: matcher))
        }
        return report
    }

    private func score(_ fixture: Fixture, fields scored: Set<String>, into report: inout ValidationReport,
                       matcher: Matcher) -> ValidationReport.FixtureResult {
        var result = ValidationReport.FixtureResult(fixture: fixture.path, source: fixture.sourcePath)
        let (documents, problems) = DocumentFile.read(fixture.sourcePath)
        guard let document = documents.first else {
            result.error = problems.first ?? "no document in \(fixture.sourcePath)"
            return result
        }
        let text = DocumentText(document.text)
        let facts = extractor.extract(document.text, matcher: matcher).facts
        for fact in facts { report.rules[fact.rule]?.fixtures.insert(fixture.path) }

        let annotated = fixture.annotatedFields(in: extractor.ruleSet).intersection(scored)
        for (field, schema) in extractor.ruleSet.fields where annotated.contains(field) {
            let matching = FactMatching(schema: schema)
            let emittedFacts = facts.filter { $0.field == field }
            let emitted = matching.merged(emittedFacts.map(\.values))
            let expected = matching.merged(fixture.expected.filter { $0.field == field }.map(\.values))
            var score = ValidationReport.FieldScore()
            score.expected = expected.count
            score.emitted = emitted.count
            for wanted in expected {
                let finders = emitted.filter { matching.finds($0, wanted) }
                guard !finders.isEmpty else {
                    result.discrepancies.append(.init(kind: .missed, field: field, values: wanted,
                                                      sentence: Validator.sentence(mentioning: wanted, in: text, keys: schema.keys)))
                    continue
                }
                score.found += 1
                for attribute in schema.attributes {
                    guard let value = wanted[attribute] else { continue }
                    let right = finders.contains { $0[attribute].map(value.matches) ?? false }
                    report.attributes["\(field).\(attribute)", default: .init()].checked += 1
                    if right { report.attributes["\(field).\(attribute)"]!.right += 1 } else {
                        let got = finders.compactMap { $0[attribute]?.description }.joined(separator: ", ")
                        result.discrepancies.append(.init(kind: .missed, field: field, values: wanted,
                                                          note: "\(attribute): expected \(value), got \(got.isEmpty ? "none" : got)"))
                    }
                }
            }
            for fact in emitted {
                let isRight = expected.contains { matching.finds(fact, $0) }
                if isRight { score.correct += 1 }
                let sources = emittedFacts.filter { matching.sameKeys($0.values, fact) }
                for source in sources {
                    if isRight { report.rules[source.rule]?.right += 1 } else { report.rules[source.rule]?.wrong += 1 }
                }
                if !isRight, let source = sources.first {
                    let byteStart = text.byteOffset(ofCodePoint: source.start)
                    result.discrepancies.append(.init(kind: .unexpected, field: field, values: fact, rule: source.rule,
                                                      sentence: text.text(text.sentence(containing: byteStart))))
                }
            }
            report.fields[field, default: .init()].add(score)
        }
        return result
    }

    /// The first sentence that contains the fact's first key value as written.
    static func sentence(mentioning values: FactValues, in text: DocumentText, keys: [String]) -> String? {
        guard let first = keys.compactMap({ values[$0] }).first else { return nil }
        let needle = first.description.split(separator: "-").first.map(String.init) ?? first.description
        return text.sentences.map(text.text).first { $0.contains(needle) }
    }
}
