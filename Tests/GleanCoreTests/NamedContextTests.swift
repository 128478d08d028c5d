import GleanRegex
import XCTest
@testable import GleanCore

/// Conditions written once as `contexts:` and named by rules, and a file's
/// `defaults:` given to each of its rules.
final class NamedContextTests: XCTestCase {
    private let fields = """
        fields:
          dose:
            keys: [amount, unit]
            requires: [[amount], [unit]]
        contexts:
          eligibility:
            description: Who could take part, not what was given.
            in: sentence
            pattern: \\b eligib
          milligram-sentence:
            in: sentence
            pattern: mg
            prefilter: true
        """

    private func rule(_ id: String, unit: String, extra: String = "") -> String {
        """
          - id: \(id)
            field: dose
            pattern: (?<amount>\\d+) \\s* (?<unit>\(unit))
            values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
        \(extra)
            examples: {no_match: ["none"]}
        """
    }

    private func load(_ rules: String, more: [(String, String)] = []) throws(RuleLoadError) -> RuleSet {
        try RuleLoader().load(sources: [("contexts.yaml", fields), ("dose.yaml", rules)] + more)
    }

    func testRulesNameAContextAndShareOneCompiledCondition() throws {
        let rules = try load(
            "rules:\n" + rule("dose.mg", unit: "mg", extra: "    forbid: [eligibility]")
                + "\n"
                + rule("dose.g", unit: "g", extra: "    forbid: [eligibility]\n    require: [milligram-sentence]"))
        let mg = try XCTUnwrap(rules.rule(withID: "dose.mg"))
        let g = try XCTUnwrap(rules.rule(withID: "dose.g"))
        XCTAssertEqual(mg.conditions.map(\.effect), [.forbid])
        XCTAssertTrue(mg.conditions[0] === g.conditions.last, "one condition object for both rules")
        XCTAssertEqual(g.conditions.first?.isPrefilter, true)
        XCTAssertEqual(mg.conditions[0].location.file, "contexts.yaml")
        let extractor = Extractor(ruleSet: rules)
        let amounts = { (text: String) in extractor.extract(text, matcher: Matcher()).facts.map { $0.values["amount"] }
        }
        XCTAssertEqual(amounts("Patients got 20 mg. Those eligible got 30 mg."), [.number(20)])
        XCTAssertEqual(amounts("They took 5 g with 20 mg. Then 7 g."), [.number(5), .number(20)])
    }

    func testAFilesDefaultsComeBeforeEachOfItsRulesOwnConditionsAndStayInTheFile() throws {
        let rules = try load(
            "defaults:\n  forbid: [eligibility]\nrules:\n"
                + rule("dose.mg", unit: "mg", extra: "    require: [{in: sentence, pattern: given}]"),
            more: [("other.yaml", "rules:\n" + rule("dose.g", unit: "g"))])
        XCTAssertEqual(try XCTUnwrap(rules.rule(withID: "dose.mg")).conditions.map(\.effect), [.forbid, .require])
        XCTAssertEqual(try XCTUnwrap(rules.rule(withID: "dose.g")).conditions.count, 0)
    }

    func testAWhenMatchConditionConcernsOnlyTheMatchesItsPatternFindsIn() throws {
        let forbid = "    forbid: [{in: before, chars: 40, pattern: 'fev1 [^.]* $', when_match: ml}]"
        let rules = try load("rules:\n" + rule("dose.any", unit: "mg|ml", extra: forbid))
        let extractor = Extractor(ruleSet: rules)
        let amounts = { (text: String) in extractor.extract(text, matcher: Matcher()).facts.map { $0.values["amount"] }
        }
        // A volume after the measured word is ruled out; milligrams after it, and volumes elsewhere, are not.
        XCTAssertEqual(amounts("FEV1 rose with tiotropium 110 ml and 18 mg. Saline 5 ml."), [.number(18), .number(5)])
        XCTAssertEqual(amounts("They took 20 ml of it."), [.number(20)])
        func problem(_ condition: String) -> [String] {
            do {
                _ = try load("rules:\n" + rule("dose.mg", unit: "mg", extra: "    forbid: [\(condition)]"))
                return []
            } catch {
                return error.diagnostics.map(\.message)
            }
        }
        XCTAssertEqual(
            problem("{in: document, pattern: x, when_match: ml}"),
            [
                "when_match belongs to a condition around a match (in: sentence, before, after or match), not to a document, words or prefilter condition"
            ])
    }

    func testMistakesAreReportedWhereTheyAre() {
        func problems(_ rules: String) -> [String] {
            do {
                _ = try load(rules)
                return []
            } catch {
                return error.diagnostics.map {
                    "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message)"
                }
            }
        }
        XCTAssertEqual(
            problems("rules:\n" + rule("dose.mg", unit: "mg", extra: "    forbid: [eligibilty]")),
            ["dose.yaml:6:14: unknown context 'eligibilty' (did you mean 'eligibility'?)"])
        XCTAssertEqual(
            problems("rules:\n" + rule("dose.mg", unit: "mg", extra: "    forbid: [milligram-sentence]")),
            ["dose.yaml:6:14: context 'milligram-sentence' is a prefilter, which only a require can name"])
        XCTAssertEqual(
            problems("contexts:\n  eligibility: {pattern: x}\n"),
            ["dose.yaml:2:3: duplicate context 'eligibility' (first defined at contexts.yaml:7:5)"])
        XCTAssertEqual(problems("contexts:\n  broken: {in: sentence, pattern: \"(x\"}\n").count, 1)
    }
}
