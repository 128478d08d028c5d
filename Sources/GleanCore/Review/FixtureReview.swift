import GleanRegex

/// How a fixture's expectations differ from what the rules extract from its
/// document, compared as FIELDS.md "Matching" says (as `glean validate` scores).
public struct FixtureDifference: Sendable {
    public enum Kind: String, Sendable {
        /// Extracted, not expected.
        case added
        /// Expected, not extracted.
        case removed
        /// Expected and found, but a linked attribute differs.
        case changed
    }

    public struct Change: Sendable {
        public var kind: Kind
        public var field: String
        /// The expectation as the fixture states it (removed, changed).
        public var expected: FactValues?
        /// The fixture line the expectation starts on (removed, changed).
        public var line: Int?
        /// What the rules extract (added, changed).
        public var extracted: FactValues?
        /// The rule that extracted it.
        public var rule: String?
        /// The extracted words in the document text (added, changed).
        public var span: Range<Int>?
        /// For a removed fact: a sentence that mentions its first key value.
        public var mention: String?
    }

    /// The fixture file.
    public var fixture: String
    /// Its document.
    public var source: String
    public var text: DocumentText?
    public var changes: [Change] = []
    /// Why the document could not be read.
    public var error: String?
}

/// Compares fixtures with what the rules extract (`glean review`).
public struct FixtureReview {
    public let extractor: Extractor

    public init(extractor: Extractor) { self.extractor = extractor }

    /// The fixture's differences: expectations missed or with other
    /// attributes, in fixture order, then facts it does not expect, in text order.
    public func difference(for fixture: Fixture, matcher: Matcher = Matcher()) -> FixtureDifference {
        var difference = FixtureDifference(fixture: fixture.path, source: fixture.sourcePath)
        let (documents, problems) = DocumentFile.read(fixture.sourcePath)
        guard let document = documents.first else {
            difference.error = problems.first ?? "no document in \(fixture.sourcePath)"
            return difference
        }
        let text = DocumentText(document.text)
        difference.text = text
        let facts = extractor.extract(document.text, matcher: matcher).facts
        var added: [FixtureDifference.Change] = []
        let annotated = fixture.annotatedFields(in: extractor.ruleSet)
        for (field, schema) in extractor.ruleSet.fields where annotated.contains(field) {
            let matching = FactMatching(schema: schema)
            let emittedFacts = facts.filter { $0.field == field }
            let emitted = matching.merged(emittedFacts.map(\.values))
            let expected = fixture.expected.filter { $0.field == field }
            func source(of values: FactValues) -> Fact? { emittedFacts.first { matching.sameKeys($0.values, values) } }
            // A known miss (todo: true) is recorded: not a difference while the rules miss it.
            for wanted in expected where !wanted.isKnownMiss {
                let finders = emitted.filter { matching.finds($0, wanted.values) }
                var change = FixtureDifference.Change(kind: .removed, field: field, expected: wanted.values, line: wanted.location.line)
                if finders.isEmpty {
                    change.mention = Validator.sentence(mentioning: wanted.values, in: text, keys: schema.keys)
                    difference.changes.append(change)
                    continue
                }
                let attributesRight = schema.attributes.allSatisfy { name in
                    guard let value = wanted.values[name] else { return true }
                    return finders.contains { $0[name].map(value.matches) ?? false }
                }
                guard !attributesRight, let finder = finders.first, let fact = source(of: finder) else { continue }
                change.kind = .changed
                change.extracted = finder
                change.rule = fact.rule
                change.span = text.range(of: fact)
                difference.changes.append(change)
            }
            // A fact the fixture rejects (reject:) is recorded as false: not a difference either.
            let rejected = fixture.rejected.filter { $0.field == field }
            for values in emitted where !expected.contains(where: { matching.finds(values, $0.values) })
                && !rejected.contains(where: { matching.finds(values, $0.values) }) {
                let fact = source(of: values)
                added.append(FixtureDifference.Change(kind: .added, field: field, extracted: values, rule: fact?.rule,
                                                      span: fact.flatMap(text.range(of:))))
            }
        }
        difference.changes += added.sorted { ($0.span?.lowerBound ?? 0) < ($1.span?.lowerBound ?? 0) }
        return difference
    }
}

