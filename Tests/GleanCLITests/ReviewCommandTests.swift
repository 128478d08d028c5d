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
        for name in try manager.contentsOfDirectory(atPath: repository.appendingPathComponent("Rules").path) where name.hasSuffix(".yaml") || name.hasSuffix(".terms") {
            try manager.copyItem(at: repository.appendingPathComponent("Rules/\(name)"), to: folder.appendingPathComponent("rules/\(name)"))
        }
        let seeds = repository.appendingPathComponent("Fixtures/seeds")
        try manager.copyItem(at: seeds.appendingPathComponent("000_dbd1125ded003d7a.txt"),
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

    private func review(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> GleanProcess.Result {
        try GleanProcess.run(["review", fixture.path, "--rules", rules, "--no-color"] + arguments, input: input, environment: environment)
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
            """.write(to: URL(fileURLWithPath: rules).appendingPathComponent("zz_test.yaml"), atomically: true, encoding: .utf8)
    }

    private var fixtureText: String { get throws { try String(contentsOf: fixture, encoding: .utf8) } }

    func testCheckFailsAfterARuleChangeAndAcceptFixesItKeepingComments() throws {
        let before = try fixtureText
        let comments = before.split(separator: "\n").filter { $0.contains("#") }
        XCTAssertFalse(comments.isEmpty)
        try breakTheFixture()

        let check = try review(["--check"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.standardOutput.contains("+ cycle_count {count: 99}  by test.acroesthesia-cycles"), check.standardOutput)
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
        let rejected = try review(["--interactive"], input: "x\ni\nr\n")
        XCTAssertEqual(rejected.status, 1)
        XCTAssertTrue(rejected.standardOutput.contains("answer one of: a r s A R i q"), rejected.standardOutput)
        XCTAssertTrue(rejected.standardOutput.contains("in: Adverse events were of grades 1-2 and included transient thrombocytopenia, gastrointestinal symptoms and [[acroesthesia]]."),
                      rejected.standardOutput)
        XCTAssertTrue(rejected.standardOutput.contains("1 of 1 fixture differs: 1 rejected"), rejected.standardOutput)
        XCTAssertEqual(try fixtureText, before)

        let endOfInput = try review(["--interactive"], input: "")
        XCTAssertEqual(endOfInput.status, 1)
        XCTAssertEqual(try fixtureText, before)

        let accepted = try review(["--interactive"], input: "a\n")
        XCTAssertEqual(accepted.status, 0, accepted.standardOutput)
        XCTAssertTrue(try fixtureText.contains("  - {field: cycle_count, count: 99}\n"))
    }
}
