import GleanRegex
import XCTest
@testable import GleanCore

final class WordListTests: XCTestCase {
    func testWordsShareTheirPrefixesAndLongerWordsComeFirst() {
        XCTAssertEqual(
            WordList.pattern(["patient", "patients", "people", "women"]),
            "(?:p(?:atient(?:s)?|eople)|women)")
        XCTAssertEqual(
            WordList.pattern(["folic acid", "folic  acid", "folate"], caseless: true), #"(?i:fol(?:ate|ic\s+acid))"#)
    }

    func testAWordListMatchesWhatTheAlternationOfItsWordsMatches() throws {
        let words = ["mg", "mcg", "g", "gram", "grams", "international units", "iu", "u", "units"]
        let tree = try Pattern(#"\b"# + WordList.pattern(words) + #"\b"#, options: [.caseless, .extended])
        let alternation = try Pattern(
            #"\b(?:"#
                + words.sorted { $0.count > $1.count }
                .map { $0.replacingOccurrences(of: " ", with: #"\s+"#) }.joined(separator: "|") + #")\b"#,
            options: [.caseless, .extended])
        let text = Array("20 mg, 5 MCG; 2 grams or 1 gram g; 400 International  Units and 10 u of units mgs".utf8)
        let matcher = Matcher()
        let expected = try matcher.matches(of: alternation, in: text).map(\.range)
        XCTAssertEqual(expected.count, 8)
        XCTAssertEqual(try matcher.matches(of: tree, in: text).map(\.range), expected)
    }

    func testARuleCallsAWordListDefinition() throws {
        let ruleSet = try RuleLoader().load(sources: [
            (
                "rules.yaml",
                """
                fields:
                  dose:
                    keys: [amount, unit]
                    requires: [[amount], [unit]]
                definitions:
                  unit_word:
                    words: [milligrams, milligram, mg, international units]
                    caseless: true
                rules:
                  - id: dose.words
                    field: dose
                    pattern: (?<amount>\\d+) \\s* (?<unit>(?&unit_word)) \\b
                    values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
                    examples:
                      match:
                        - {text: "20 Milligrams daily", values: {amount: 20, unit: mg}}
                        - {text: "400 international units", values: {amount: 400, unit: IU}}
                      no_match: ["20 milligramme"]
                """
            )
        ])
        let report = ExampleRunner(extractor: Extractor(ruleSet: ruleSet)).run()
        XCTAssertEqual(report.examples, 3)
        XCTAssertEqual(report.failures.map { "\($0.expected) / \($0.got)" }, [])
    }
}
