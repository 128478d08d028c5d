import XCTest
@testable import GleanCore

/// Each kind of rule-file mistake is reported at its file, line and column.
final class RuleLoaderErrorTests: XCTestCase {
    private let fields = """
        fields:
          dose:
            keys: [amount, unit]
            attributes: [drug]
            requires: [[amount], [unit]]
        """

    private func diagnostics(_ rules: String, extra: [(String, String)] = []) -> [Diagnostic] {
        do {
            _ = try RuleLoader().load(sources: [("fields.yaml", fields), ("dose.yaml", rules)] + extra)
            XCTFail("expected the load to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Asserts a load reports exactly one problem, at `line`:`column`, whose message starts with `message`.
    private func assertOneDiagnostic(
        _ found: [Diagnostic], line: Int, column: Int, startingWith message: String,
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) {
        XCTAssertEqual(found.count, 1, file: file, line: lineNumber)
        XCTAssertEqual(found.first?.location.line, line, file: file, line: lineNumber)
        XCTAssertEqual(found.first?.location.column, column, file: file, line: lineNumber)
        XCTAssertTrue(
            found.first?.message.hasPrefix(message) ?? false, found.first?.message ?? "none", file: file,
            line: lineNumber)
    }

    /// The problems of the simple rule with `line` added after its field.
    private func diagnostics(withRuleLine line: String) -> [Diagnostic] {
        diagnostics("rules:\n" + rule().replacingOccurrences(of: "field: dose", with: "field: dose\n    " + line))
    }

    private func rule(
        id: String = "dose.simple", key: String = "pattern", pattern: String = #"(?<amount>\d+) \s* (?<unit>mg)"#,
        values: String = "{amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}"
    ) -> String {
        """
          - id: \(id)
            field: dose
            \(key): '\(pattern)'
            values: \(values)
            examples:
              match:
                - {text: "20 mg", values: {amount: 20, unit: mg}}
        """
    }

    func testMalformedYAMLIsReportedWhereTheParserStopped() {
        let found = diagnostics("rules:\n  - id: [unclosed\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.location.file, "dose.yaml")
        XCTAssertEqual(found.first?.location.line, 3)
        XCTAssertTrue(found.first?.message.hasPrefix("malformed YAML") ?? false, found.first?.message ?? "")
    }

    func testAnUnlessKeyThatIsNoValueKeyIsReportedWithASuggestion() {
        let found = diagnostics(
            """
            links:
              drug:
                pattern: '(?<value> aspirin )'
                unless: {units: [Gy]}
            """)
        assertOneDiagnostic(
            found, line: 4, column: 14, startingWith: "unknown key 'units' in unless (did you mean 'unit'?)")
    }

    func testUnknownKeyIsReportedWithASuggestion() {
        let found = diagnostics("rules:\n" + rule(key: "patern"))
        let unknown = found.first { $0.message.contains("unknown key 'patern'") }
        XCTAssertEqual(unknown?.location.line, 4)
        XCTAssertEqual(unknown?.location.column, 5)
        XCTAssertTrue(unknown?.message.contains("did you mean 'pattern'?") ?? false)
    }

    func testDuplicateIDNamesBothPlaces() {
        let found = diagnostics("rules:\n" + rule() + "\n" + rule())
        assertOneDiagnostic(
            found, line: 9, column: 5, startingWith: "duplicate rule id 'dose.simple' (first defined at dose.yaml:2:5)")
    }

    func testUnknownFieldIsReported() {
        let found = diagnostics("rules:\n" + rule().replacingOccurrences(of: "field: dose", with: "field: doses"))
        assertOneDiagnostic(found, line: 3, column: 12, startingWith: "unknown field 'doses' (did you mean 'dose'?)")
    }

    /// A field's amount_unit must name two of its keys: one that names an attribute is reported where it is.
    func testAnAmountUnitThatNamesNoKeysIsReported() {
        let found: [Diagnostic]
        do {
            _ = try RuleLoader().load(sources: [
                ("fields.yaml", fields + "\n    amount_unit: [amount, drug]\n"), ("dose.yaml", "rules:\n" + rule()),
            ])
            XCTFail("expected the load to fail")
            return
        } catch {
            found = error.diagnostics
        }
        assertOneDiagnostic(found, line: 6, column: 18, startingWith: "field 'dose': amount_unit names two of its keys")
    }

    /// A call of an unknown definition is named where it is, with the name it
    /// was probably meant to be (PCRE2 alone says "non-existent subpattern").
    func testUnknownDefinitionIsNamedWithASuggestion() {
        let found = diagnostics(
            "rules:\n" + rule(pattern: #"(?<amount>(?&nmu)) \s* (?<unit>mg)"#),
            extra: [("definitions.yaml", "definitions:\n  num: '\\d+'\n")])
        assertOneDiagnostic(found, line: 4, column: 25, startingWith: "unknown definition 'nmu' (did you mean 'num'?)")
    }

    /// The column counts characters, not bytes: `µ` and `²` before the call take one column each.
    func testUnknownDefinitionColumnCountsCharacters() {
        let found = diagnostics(
            "rules:\n" + rule(pattern: #"(?<amount>\d+) \s* (?<unit>µg/m²) (?&nmu)"#),
            extra: [("definitions.yaml", "definitions:\n  num: '\\d+'\n")])
        assertOneDiagnostic(found, line: 4, column: 49, startingWith: "unknown definition 'nmu' (did you mean 'num'?)")
    }

    /// Values on a no_match example used to be ignored without a word.
    func testValuesOnANoMatchExampleAreAnError() {
        let rules =
            "rules:\n" + rule() + "\n      no_match:\n        - {text: \"20 mL\", values: {amount: 20, unit: mL}}"
        assertOneDiagnostic(
            diagnostics(rules), line: 10, column: 27,
            startingWith: "a no_match example has no values: its text must not match at all")
    }

    func testUnknownAnchorIsReported() {
        let found = diagnostics(withRuleLine: "anchor: counts")
        assertOneDiagnostic(
            found, line: 4, column: 13,
            startingWith: "anchor must be 'count' or {words: [prefixes], whole_words: [words]}")
    }

    func testAnchorWordsMustBeLetters() {
        let found = diagnostics(withRuleLine: "anchor: {words: [gave, a total]}")
        assertOneDiagnostic(
            found, line: 4, column: 21,
            startingWith:
                "anchor words must be ASCII letters (a prefix of the word a match starts with, or the whole word)")
    }

    func testPrefilterOnlyOnASentenceRequirement() {
        let found = diagnostics(withRuleLine: "forbid: [{in: sentence, pattern: daily, prefilter: true}]")
        assertOneDiagnostic(
            found, line: 4, column: 56, startingWith: "prefilter: true belongs to a require in: sentence")
        let onDocument = diagnostics(withRuleLine: "require: [{in: document, pattern: daily, prefilter: true}]")
        assertOneDiagnostic(
            onDocument, line: 4, column: 57, startingWith: "prefilter: true belongs to a require in: sentence")
    }

    func testAFlagMustBeTrueOrFalse() {
        assertOneDiagnostic(
            diagnostics(withRuleLine: "veto: yes"), line: 4, column: 11, startingWith: "veto must be true or false")
        let found = diagnostics(
            """
            links:
              route:
                pattern: '(?<value> oral )'
                carries_over: True
            """)
        assertOneDiagnostic(found, line: 4, column: 19, startingWith: "carries_over must be true or false")
    }

    func testWordsConditionOnlyInTheDocument() {
        let found = diagnostics(withRuleLine: "require: [{in: sentence, words: [daily]}]")
        assertOneDiagnostic(found, line: 4, column: 37, startingWith: "words belongs to a condition in: document")
        let notWords = diagnostics(withRuleLine: "require: [{in: document, words: [once daily]}]")
        assertOneDiagnostic(
            notWords, line: 4, column: 37, startingWith: "words must be a list of words of ASCII letters")
        let prefiltered = diagnostics(withRuleLine: "require: [{in: document, words: [daily], prefilter: true}]")
        assertOneDiagnostic(
            prefiltered, line: 4, column: 57, startingWith: "prefilter: true belongs to a require in: sentence")
    }

    func testUnknownNormalizerIsReported() {
        let found = diagnostics(
            "rules:\n"
                + rule(values: "{amount: {group: amount, normalize: numbr}, unit: {group: unit, normalize: unit}}"))
        assertOneDiagnostic(
            found, line: 5, column: 49, startingWith: "unknown normalizer 'numbr' (did you mean 'number'?)")
    }

    func testValueFromAGroupThePatternLacksIsReported() {
        let found = diagnostics(
            "rules:\n" + rule(values: "{amount: {group: amt, normalize: number}, unit: {group: unit, normalize: unit}}")
        )
        assertOneDiagnostic(found, line: 5, column: 30, startingWith: "the pattern defines no group 'amt'")
    }

    func testPCRE2ErrorIsMappedIntoAQuotedPattern() {
        let found = diagnostics("rules:\n" + rule(pattern: #"(?<amount>\d+ \s* (?<unit>mg)"#))
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].message, "invalid pattern: missing closing parenthesis")
        // The quoted scalar starts at column 14 of line 4; the pattern is 29 characters long.
        XCTAssertEqual(found[0].location.line, 4)
        XCTAssertEqual(found[0].location.column, 15 + 29)
    }

    func testPCRE2ErrorIsMappedIntoALiteralBlock() {
        let rules = """
            rules:
              - id: dose.block
                field: dose
                pattern: |
                  (?<amount> \\d+ )
                  \\s* (?<unit> mg [ )
                values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
                examples:
                  no_match: ["x"]
            """
        let found = diagnostics(rules)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].message, "invalid pattern: missing terminating ] for character class")
        XCTAssertEqual(found[0].location.line, 6)
        XCTAssertEqual(found[0].location.column, 26)
    }

    /// A definition no pattern calls is still checked, and its error named where it is written.
    func testErrorInAnUnusedDefinitionIsReported() {
        let definitions = ("definitions.yaml", "definitions:\n  spare: 'mg | (g'\n")
        let found = diagnostics("rules:\n" + rule(), extra: [definitions])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.location.file, "definitions.yaml")
        XCTAssertEqual(found.first?.location.line, 2)
        XCTAssertEqual(found.first?.message, "invalid pattern in definition 'spare': missing closing parenthesis")
    }

    func testErrorInADefinitionIsReportedInItsFile() {
        let definitions = ("definitions.yaml", "definitions:\n  unit_word: 'mg | (g'\n")
        let found = diagnostics(
            "rules:\n" + rule(pattern: #"(?<amount>\d+) \s* (?<unit>(?&unit_word))"#), extra: [definitions])
        let inDefinition = found.first { $0.location.file == "definitions.yaml" }
        XCTAssertEqual(inDefinition?.location.line, 2)
        XCTAssertEqual(inDefinition?.location.column, 22)
        XCTAssertEqual(inDefinition?.message, "invalid pattern in definition 'unit_word': missing closing parenthesis")
    }

    func testGroupNamedLikeADefinitionIsReported() {
        let definitions = ("definitions.yaml", "definitions:\n  amount: '\\d+'\n")
        let found = diagnostics(
            "rules:\n" + rule(pattern: #"(?<amount>(?&amount)) \s* (?<unit>mg)"#), extra: [definitions])
        assertOneDiagnostic(
            found, line: 4, column: 18,
            startingWith: "group 'amount' has the name of a shared definition; give the group another name")
    }

    func testEveryProblemOfALoadIsReported() {
        let found = diagnostics(
            "rules:\n" + rule(key: "patern") + "\n"
                + rule(id: "dose.other").replacingOccurrences(of: "field: dose", with: "field: cohort"))
        // In the order of their places in the file (rules are read side by side, in no fixed order).
        XCTAssertEqual(found.map(\.location.line), [2, 4, 10])
        XCTAssertEqual(
            found.map(\.message),
            [
                "rule 'dose.simple' has no pattern",
                "unknown key 'patern' in rule (did you mean 'pattern'?)",
                "unknown field 'cohort' (expected one of: dose)",
            ])
    }

    func testDescriptionIsTheEditorFormat() {
        let diagnostic = Diagnostic(SourceLocation(file: "Rules/dose.yaml", line: 12, column: 7), "unknown key 'x'")
        XCTAssertEqual(diagnostic.description, "Rules/dose.yaml:12:7: error: unknown key 'x'")
    }

    func testWordListWithPatternCharactersIsReportedAtTheCharacter() {
        let definitions = "definitions:\n  units:\n    words: [mg, 'µg/kg', g]\n"
        let found = diagnostics(definitions + "rules:\n" + rule())
        // Line 3 `    words: [mg, 'µg/kg', g]`: the word starts at column 17, its slash is character 2 of it.
        assertOneDiagnostic(found, line: 3, column: 20, startingWith: "'/' in a word of definition 'units'")
    }

    func testWordListMustHaveWords() {
        let found = diagnostics("definitions:\n  units:\n    words: []\n" + "rules:\n" + rule())
        assertOneDiagnostic(
            found, line: 3, column: 5, startingWith: "definition 'units' must be a pattern or {words: [word, ...]}")
        let bareList = diagnostics("definitions:\n  units: [mg, g]\n" + "rules:\n" + rule())
        assertOneDiagnostic(
            bareList, line: 2, column: 10, startingWith: "definition 'units' must be a pattern or {words: [word, ...]}")
    }
}
