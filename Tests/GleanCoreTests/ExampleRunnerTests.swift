import GleanRegex
import XCTest
@testable import GleanCore

/// Examples that mark their spans, and known failures.
final class ExampleRunnerTests: XCTestCase {
    private func report(_ examples: String) throws -> ExampleRunner.Report {
        let rules = """
            fields:
              cycle_count:
                keys: [count]
                requires: [[count]]
            rules:
              - id: cycles.count
                field: cycle_count
                pattern: (?<count>\\d+) \\s+ cycles
                values: {count: {group: count, normalize: quantity}}
                examples:
            \(examples)
            """
        return ExampleRunner(extractor: Extractor(ruleSet: try RuleLoader().load(sources: [("rules.yaml", rules)])))
            .run()
    }

    func testMarkedSpansMustBeTheSpansTheFactsCover() throws {
        let right = try report(
            """
                  match:
                    - {text: "They had ↓4 cycles↓ and then ↓2 cycles↓.", facts: [{count: 4}, {count: 2}]}
            """)
        XCTAssertEqual(right.failures.count, 0)
        XCTAssertEqual(right.outcomes.first?.example.text, "They had 4 cycles and then 2 cycles.")
        XCTAssertEqual(right.outcomes.first?.spans, [9..<17, 27..<35])
        let wrong = try report(
            """
                  match:
                    - {text: "They had ↓4 cycles of↓ therapy.", values: {count: 4}}
            """)
        XCTAssertEqual(
            wrong.failures.map(\.description),
            [
                #"rules.yaml:12: cycles.count: expected the spans "They had ↓4 cycles of↓ therapy." got "They had ↓4 cycles↓ of therapy.""#
            ])
    }

    func testAKnownFailureCountsAsTodoUntilItPasses() throws {
        let stillFailing = try report(
            """
                  match:
                    - {text: "They had four cycles.", values: {count: 4}, todo: true}
                  no_match:
                    - {text: "They had 3 cycles.", todo: true}
            """)
        XCTAssertEqual(stillFailing.failures.count, 0)
        XCTAssertEqual(stillFailing.todo, 2)
        XCTAssertEqual(stillFailing.passed, 0)
        let nowPassing = try report(
            """
                  match:
                    - {text: "They had 4 cycles.", values: {count: 4}, todo: true}
            """)
        XCTAssertEqual(nowPassing.failures.map(\.got), ["a pass: remove 'todo: true'"])
    }

    func testAnUnpairedMarkIsReportedWhereItIs() {
        XCTAssertThrowsError(
            try report(
                """
                      match:
                        - {text: "They had ↓4 cycles.", values: {count: 4}}
                      no_match: ["none"]
                """)
        ) { error in
            XCTAssertEqual(
                (error as? RuleLoadError)?.diagnostics.map(\.message),
                ["↓ marks come in pairs, around each span the rule must match"])
            XCTAssertEqual((error as? RuleLoadError)?.diagnostics.first?.location.line, 12)
        }
    }

    func testMarksAreTakenOutAndSpansCountCodePoints() throws {
        let read = try XCTUnwrap(ExampleReader.spans(in: "Naïve ↓4 cycles↓ — then ↓2↓."))
        XCTAssertEqual(read.text, "Naïve 4 cycles — then 2.")
        XCTAssertEqual(read.spans, [6..<14, 22..<23])
        XCTAssertNil(ExampleReader.spans(in: "one ↓mark"), "a mark without its partner")
        XCTAssertEqual(ExampleReader.spans(in: "no marks, ïn")?.text, "no marks, ïn")
        XCTAssertNil(ExampleReader.spans(in: "no marks")?.spans)
    }
}
