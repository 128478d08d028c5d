import Foundation
import XCTest

/// `glean explain` run as a program, on its own small rule set.
final class ExplainCommandTests: XCTestCase {
    var folder: URL!
    static let pattern = #"(?<amount> \d+ ) \s+ (?<unit> (?&mass_unit) )"#

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-explain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try """
        fields:
          dose:
            keys: [amount, unit]
            requires: [[amount], [unit]]
        definitions:
          mass_unit: mg\\s+per\\s+kg
        rules:
          - id: dose.test
            field: dose
            pattern: \(Self.pattern)
            values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
            require:
              - pattern: \\b given \\b
            examples: {no_match: ["none"]}
        """.write(to: folder.appendingPathComponent("rules/rules.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private var rules: String { folder.appendingPathComponent("rules").path }

    func testRuleThatMissesShowsWhereItsPatternStopped() throws {
        let document = folder.appendingPathComponent("doc.txt")
        try "Patients got 12 mg per day. Then 20 mg per kg was given.".write(
            to: document, atomically: true, encoding: .utf8)
        let result = try GleanProcess.run([
            "explain", document.path, "--rules", rules, "--rule", "dose.test", "--no-color",
        ])
        XCTAssertEqual(result.status, 0, result.standardError)
        let output = result.standardOutput
        // The match in the second sentence, with its captures and normalized values.
        XCTAssertTrue(output.contains(#"match 1: "20 mg per kg""#), output)
        XCTAssertTrue(output.contains(#"amount: group amount "20" → number → 20"#), output)
        // The first sentence: stopped inside the definition, after "12 mg per ".
        let column =
            14
            + Self.pattern.distance(
                from: Self.pattern.startIndex, to: Self.pattern.range(of: "(?&mass_unit)")!.lowerBound)
        XCTAssertTrue(
            output.contains(
                "stopped at \(rules)/rules.yaml:10:\(column), expecting `(?&mass_unit)`, after matching `12 mg per `, before `day.`"
            ), output)
        XCTAssertTrue(output.contains("inside definition mass_unit (\(rules)/rules.yaml:6:"), output)
        XCTAssertTrue(output.contains("expecting `kg`"), output)
        XCTAssertTrue(output.contains("required context not found: \\b given \\b"), output)
    }

    func testRuleThatDidNotRunSaysWhichDocumentConditionFailed() throws {
        // The bundled grade rules run only in documents with the word "grade" (or "graded").
        let result = try GleanProcess.run([
            "explain", "--text", "The upgrade 3 neutropenia was rare.", "--rule", "grade.event", "--no-color",
        ])
        XCTAssertEqual(result.status, 1, result.standardError)
        XCTAssertTrue(
            result.standardOutput.contains("\nnot run: document require failed: words: [grade, grades, graded]\n"),
            result.standardOutput)
        XCTAssertFalse(result.standardOutput.contains("match 1"), result.standardOutput)
    }

    func testDocumentViewMarksFactsAndListsRejections() throws {
        let result = try GleanProcess.run([
            "explain", "--text", "Then 20 mg per kg was given. Also 5 mg per kg.", "--rules", rules, "--no-color",
        ])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(
            result.standardOutput.hasPrefix("Then [20 mg per kg]{1 dose} was given. Also 5 mg per kg."),
            result.standardOutput)
        XCTAssertTrue(
            result.standardOutput.contains("1. dose {amount: 20, unit: mg/kg}  by dose.test  [5-17]"),
            result.standardOutput)
        XCTAssertTrue(
            result.standardOutput.contains(#"dose.test "5 mg per kg": require failed: \b given \b"#),
            result.standardOutput)
    }

    /// Rules whose document condition failed are counted, not listed as
    /// rejected matches, unless --verbose asks.
    func testRulesThatDidNotRunAreListedOnlyWhenVerbose() throws {
        let text = "Twelve patients received 20 mg of drug X."
        let quiet = try GleanProcess.run(["explain", "--text", text, "--no-color"]).standardOutput
        XCTAssertFalse(quiet.contains("[[]]"), quiet)
        XCTAssertFalse(quiet.contains("not run:"), quiet)
        let count = try XCTUnwrap(
            quiet.split(separator: "\n").last {
                $0.hasSuffix("did not run here (a document condition failed); --verbose lists them")
            })
        let verbose = try GleanProcess.run(["explain", "--text", text, "--no-color", "--verbose"]).standardOutput
        let listed = verbose.split(separator: "\n").filter { $0.contains(": not run: document ") }
        XCTAssertEqual(
            "\(listed.count) rules did not run here (a document condition failed); --verbose lists them", String(count))
        XCTAssertTrue(
            listed.contains {
                $0.hasPrefix("  grade.event: not run: document require failed: words: [grade, grades, graded]")
            },
            verbose)
    }

    func testPatternIsPrintedWithItsDefinitionsAndUnknownRulesFail() throws {
        let result = try GleanProcess.run(["explain", "--pattern", "dose.test", "--rules", rules])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, Self.pattern + "\n(?(DEFINE)(?<mass_unit>mg\\s+per\\s+kg\n))\n")
        let unknown = try GleanProcess.run(["explain", "--text", "x", "--rule", "dose.tset", "--rules", rules])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(
            unknown.standardError.contains("no rule 'dose.tset' (did you mean 'dose.test'?)"), unknown.standardError)
    }
}
