import GleanRegex

/// A fixture's document run through the rules and set beside the fixture's
/// expectations, field by field, as FIELDS.md "Matching" says: the one
/// comparison that `glean validate` scores and `glean review` shows.
public struct FixtureComparison {
    /// One annotated field of the fixture.
    public struct Field {
        public let name: String
        public let schema: FieldSchema
        /// The facts the rules extracted for the field.
        public let facts: [Fact]
        /// Those facts as FIELDS.md counts them: facts with the same key
        /// values and no conflicting attribute are one.
        public let emitted: [FactValues]
        /// The fixture's expectations of the field, in fixture order.
        public let expected: [Fixture.ExpectedFact]
        /// The facts the fixture rejects (`reject:`).
        public let rejected: [Fixture.ExpectedFact]
        let matching: FactMatching

        /// The emitted facts that find `expected` (same key values).
        public func finders(of expected: FactValues) -> [FactValues] { emitted.filter { matching.finds($0, expected) } }

        /// Whether one of `finders` has the attribute value `expected`
        /// states; nil when it states none.
        public func attributeRight(_ name: String, of expected: FactValues, among finders: [FactValues]) -> Bool? {
            guard let value = expected[name] else { return nil }
            return finders.contains { $0[name].map(value.matches) ?? false }
        }

        /// Whether an emitted fact finds one of `facts`.
        public func finds(_ emitted: FactValues, oneOf facts: [FactValues]) -> Bool {
            facts.contains { matching.finds(emitted, $0) }
        }

        /// The extracted facts an emitted fact stands for (those with its key values).
        public func sources(of values: FactValues) -> [Fact] { facts.filter { matching.sameKeys($0.values, values) } }
    }

    public let fixture: Fixture
    public let text: DocumentText
    /// Every fact the rules extracted from the document.
    public let facts: [Fact]
    /// The fields the fixture annotates (of those asked for), in rule-set order.
    public let fields: [Field]

    /// Reads the fixture's document and runs the rules over it; `scoring`
    /// limits the fields compared. Throws the reason when the document
    /// cannot be read.
    public init(
        _ fixture: Fixture, extractor: Extractor, scoring: Set<String>? = nil,
        matcher: Matcher = Matcher()
    ) throws(DocumentProblem) {
        let (documents, problems) = DocumentFile.read(fixture.sourcePath)
        guard let document = documents.first else {
            throw DocumentProblem(description: problems.first ?? "no document in \(fixture.sourcePath)")
        }
        self.fixture = fixture
        text = DocumentText(document.text)
        let facts = extractor.extract(document.text, matcher: matcher).facts
        self.facts = facts
        let annotated = fixture.annotatedFields(in: extractor.ruleSet).intersection(
            scoring ?? Set(extractor.ruleSet.fields.keys))
        fields = extractor.ruleSet.fields.filter { annotated.contains($0.key) }.map { name, schema in
            let matching = FactMatching(schema: schema)
            let extracted = facts.filter { $0.field == name }
            return Field(
                name: name, schema: schema, facts: extracted, emitted: matching.merged(extracted.map(\.values)),
                expected: fixture.expected.filter { $0.field == name },
                rejected: fixture.rejected.filter { $0.field == name }, matching: matching)
        }
    }

    /// Why a fixture's document could not be compared.
    public struct DocumentProblem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }
}
