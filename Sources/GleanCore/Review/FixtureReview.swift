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
        let comparison: FixtureComparison
        do {
            comparison = try FixtureComparison(fixture, extractor: extractor, matcher: matcher)
        } catch {
            difference.error = error.description
            return difference
        }
        difference.text = comparison.text
        var added: [FixtureDifference.Change] = []
        for field in comparison.fields {
            difference.changes += missedOrChanged(field, in: comparison.text)
            added += unexpected(field, in: comparison.text)
        }
        difference.changes += added.sorted { ($0.span?.lowerBound ?? 0) < ($1.span?.lowerBound ?? 0) }
        return difference
    }

    /// Expectations the rules miss, or find with other attributes. A known
    /// miss (`todo: true`) is recorded: not a difference while the rules miss it.
    private func missedOrChanged(_ field: FixtureComparison.Field, in text: DocumentText) -> [FixtureDifference.Change]
    {
        var changes: [FixtureDifference.Change] = []
        for wanted in field.expected where !wanted.isKnownMiss {
            let finders = field.finders(of: wanted.values)
            var change = FixtureDifference.Change(
                kind: .removed, field: field.name, expected: wanted.values, line: wanted.location.line)
            if finders.isEmpty {
                change.mention = Validator.sentence(mentioning: wanted.values, in: text, keys: field.schema.keys)
                changes.append(change)
                continue
            }
            let attributesRight = field.schema.attributes.allSatisfy {
                field.attributeRight($0, of: wanted.values, among: finders) ?? true
            }
            guard !attributesRight, let finder = finders.first, let fact = field.sources(of: finder).first else {
                continue
            }
            change.kind = .changed
            change.extracted = finder
            change.rule = fact.rule
            change.span = text.range(of: fact)
            changes.append(change)
        }
        return changes
    }

    /// Facts the fixture neither expects nor rejects (a fact it rejects,
    /// `reject:`, is recorded as false: not a difference either).
    private func unexpected(_ field: FixtureComparison.Field, in text: DocumentText) -> [FixtureDifference.Change] {
        let known = field.expected.map(\.values) + field.rejected.map(\.values)
        return field.emitted.filter { !field.finds($0, oneOf: known) }.map { values in
            let fact = field.sources(of: values).first
            return FixtureDifference.Change(
                kind: .added, field: field.name, extracted: values, rule: fact?.rule,
                span: fact.flatMap(text.range(of:)))
        }
    }
}
