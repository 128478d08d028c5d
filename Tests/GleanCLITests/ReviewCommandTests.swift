import Foundation
import XCTest

/// `glean review` run as a program on a temp copy of Rules/ and of a seed
/// fixture: a rule change breaks the fixture, `--check` fails, `--accept`
/// fixes it and keeps the fixture's comments, and with CI set nothing is written.
final class ReviewCommandTests: XCTestCase {
    var folder: URL!
    var fixture: URL { folder.appendingPathComponent("fixtures/000.yaml") }
    var rules: String { folder.appendingPathComponent("rules").path }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-review-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try manager.createDirectory(at: folder.appendingPathComponent("fixtures"), withIntermediateDirectories: true)
        let repository = ExtractCommandTests.repository
        for name in try manager.contentsOfDirectory(atPath: repository.appendingPathComponent("Rules").path)
        where name.hasSuffix(".yaml") || name.hasSuffix(".terms") {
            try manager.copyItem(
                at: repository.appendingPathComponent("Rules/\(name)"),
                to: folder.appendingPathComponent("rules/\(name)"))
        }
        let seeds = repository.appendingPathComponent("Fixtures/seeds")
        try manager.copyItem(
            at: seeds.appendingPathComponent("000_dbd1125ded003d7a.txt"),
            to: folder.appendingPathComponent("fixtures/000_dbd1125ded003d7a.txt"))
        try manager.copyItem(at: seeds.appendingPathComponent("000_dbd1125ded003d7a.yaml"), to: fixture)
        // The rules in Rules/ change while others work on them: start from a fixture that passes.
        let baseline = try review(["--accept"])
        XCTAssertNotEqual(baseline.status, 2, baseline.standardError)
        XCTAssertEqual(try review(["--check"]).status, 0)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func review(
        _ arguments: [String], input: String = "", environment: [String: String] = [:]
    ) throws -> GleanProcess.Result {
        try GleanProcess.run(
            ["review", fixture.path, "--rules", rules, "--no-color"] + arguments, input: input, environment: environment
        )
    }

    /// A rule that finds a cycle count in the word "acroesthesia", which the seed text holds once.
    private func breakTheFixture() throws {
        try """
        rules:
          - id: test.acroesthesia-cycles
            field: cycle_count
            pattern: \\b acroesthesia \\b
            values: {count: {value: 99}}
            examples: {no_match: ["none"]}
        """.write(
            to: URL(fileURLWithPath: rules).appendingPathComponent("zz_test.yaml"), atomically: true, encoding: .utf8)
    }

    private var fixtureText: String { get throws { try String(contentsOf: fixture, encoding: .utf8) } }

    func testCheckFailsAfterARuleChangeAndAcceptFixesItKeepingComments() throws {
        let before = try fixtureText
        let comments = before.split(separator: "\n").filter { $0.contains("#") }
        XCTAssertFalse(comments.isEmpty)
        try breakTheFixture()

        let check = try review(["--check"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(
            check.standardOutput.contains("+ cycle_count {count: 99}  by test.acroesthesia-cycles"),
            check.standardOutput)
        XCTAssertEqual(try fixtureText, before, "--check never writes")

        let accept = try review(["--accept"])
        XCTAssertEqual(accept.status, 0, accept.standardOutput + accept.standardError)
        let after = try fixtureText
        XCTAssertEqual(try review(["--check"]).status, 0)
        for comment in comments { XCTAssertTrue(after.contains(comment), "lost: \(comment)") }
        let lastFact = try XCTUnwrap(before.split(separator: "\n").last { $0.hasPrefix("  - {") })
        XCTAssertTrue(after.contains(lastFact + "\n  - {field: cycle_count, count: 99}\n"), after)
    }

    func testWithCISetNothingIsWritten() throws {
        try breakTheFixture()
        let before = try fixtureText
        let accept = try review(["--accept"], environment: ["CI": "1"])
        XCTAssertEqual(accept.status, 1)
        XCTAssertTrue(accept.standardOutput.contains("not written: CI is set"), accept.standardOutput)
        XCTAssertEqual(try fixtureText, before)
    }

    func testInteractiveAnswersComeFromStandardInput() throws {
        try breakTheFixture()
        let before = try fixtureText
        let endOfInput = try review(["--interactive"], input: "")
        XCTAssertEqual(endOfInput.status, 1)
        XCTAssertEqual(try fixtureText, before)

        // Recording the false fact keeps the fixture's truth and remembers the rejection.
        let recorded = try review(["--interactive"], input: "x\ni\nr\n")
        XCTAssertEqual(recorded.status, 0, recorded.standardOutput)
        XCTAssertTrue(recorded.standardOutput.contains("answer one of: a r s A R i q"), recorded.standardOutput)
        XCTAssertTrue(
            recorded.standardOutput.contains(
                "in: Adverse events were of grades 1-2 and included transient thrombocytopenia, gastrointestinal symptoms and [[acroesthesia]]."
            ),
            recorded.standardOutput)
        XCTAssertTrue(
            recorded.standardOutput.contains("1 of 1 fixture differs (1 difference): 1 recorded"),
            recorded.standardOutput)
        XCTAssertEqual(
            try fixtureText,
            before + "reject:  # extracted by the rules, and wrong (recorded by glean review)\n"
                + "  - {field: cycle_count, count: 99}\n")
        XCTAssertEqual(try review(["--check"]).status, 0, "a recorded difference is no difference")
    }

    /// A veto that makes the rules lose the fixture's cohort size (of "Five
    /// refractory LN patients" and of "three of five patients").
    private func loseTheCohortSize() throws {
        try """
        rules:
          - id: test.no-refractory-cohort
            field: cohort_size
            veto: true
            pattern: \\b [Ff]ive \\b
            examples: {match: [{text: "Five refractory patients", values: {}}]}
        """.write(
            to: URL(fileURLWithPath: rules).appendingPathComponent("zz_veto.yaml"), atomically: true, encoding: .utf8)
    }

    /// Per fact: accepting one difference changes its line alone; a
    /// difference skipped stays one; recording a lost fact marks it todo.
    func testEachDifferenceIsDecidedOnItsOwn() throws {
        try breakTheFixture()
        try loseTheCohortSize()
        let before = try fixtureText
        let check = try review(["--check"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.standardOutput.contains("- cohort_size {n: 5}"), check.standardOutput)

        let oneAccepted = try review(["--interactive"], input: "s\na\n")
        XCTAssertEqual(oneAccepted.status, 1, "the skipped difference is left")
        let cohortLine = try XCTUnwrap(before.split(separator: "\n").first { $0.contains("field: cohort_size") })
        var expected = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastFact = try XCTUnwrap(expected.lastIndex { $0.hasPrefix("  - {") })
        expected.insert("  - {field: cycle_count, count: 99}", at: lastFact + 1)
        XCTAssertEqual(try fixtureText, expected.joined(separator: "\n"), "only the accepted fact's line changed")

        let lossRecorded = try review(["--interactive"], input: "r\n")
        XCTAssertEqual(lossRecorded.status, 0, lossRecorded.standardOutput)
        let recordedText = try fixtureText
        XCTAssertTrue(
            recordedText.contains(String(cohortLine).replacingOccurrences(of: "n: 5}", with: "n: 5, todo: true}")),
            recordedText)
        XCTAssertEqual(try review(["--check"]).status, 0)
    }
}

/// `glean review --check` on the fixtures as committed: every difference is decided.
final class CommittedFixturesReviewTests: XCTestCase {
    func testTheCommittedFixturesHaveNoUndecidedDifference() throws {
        let fixtures = ExtractCommandTests.repository.appendingPathComponent("Fixtures").path
        let rules = ExtractCommandTests.repository.appendingPathComponent("Rules").path
        let check = try GleanProcess.run(["review", "--check", "--rules", rules, "--no-color", fixtures])
        XCTAssertEqual(check.status, 0, check.standardOutput)
        XCTAssertTrue(check.standardOutput.hasSuffix("no differences in 89 fixtures\n"), check.standardOutput)
    }
}
