import Foundation
import XCTest

/// `glean test` on part of the rules, and rules added on top of the built-in ones.
final class TestCommandTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    /// A rule of a new field, with one example that holds and one that does not.
    private let followUpRules = FollowUpRuleFile.text(
        pattern: #"followed \s+ (?: up \s+ )? for \s+ (?<months>\d+) \s+ months"#,
        examples: [
            #"{text: "Patients were followed for 24 months.", values: {months: 24}}"#,
            #"{text: "Patients were followed up for 12 months.", values: {months: 13}}"#,
        ])

    func testOneRuleByID() throws {
        let result = try run(["test", "--rule", "dose.list"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasSuffix("examples passed in 1 rules\n"), result.standardOutput)
        let typo = try run(["test", "--rule", "dose.lst"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertEqual(typo.standardError, "glean: no rule 'dose.lst' (did you mean 'dose.list'?)\n")
    }

    func testTheRulesOfOneFile() throws {
        let result = try run(["test", "--rules", "Rules", "Rules/cycle_count.yaml"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let rules =
            try String(contentsOf: Self.repository.appendingPathComponent("Rules/cycle_count.yaml"), encoding: .utf8)
            .components(separatedBy: "\n  - id: ").count - 1
        XCTAssertTrue(result.standardOutput.hasSuffix("examples passed in \(rules) rules\n"), result.standardOutput)
        let absent = try run(["test", "mine.yaml"])
        XCTAssertEqual(absent.status, 2)
        XCTAssertTrue(
            absent.standardError.hasPrefix("glean: mine.yaml is not among the loaded rule files"), absent.standardError)
    }

    /// `--add-rules` puts a rule file on top of the built-in rules: its
    /// examples run, the built-in ones still load, and extraction uses both.
    func testAddedRulesJoinTheBuiltInOnes() throws {
        let file = folder.appendingPathComponent("follow_up.yaml")
        try followUpRules.write(to: file, atomically: true, encoding: .utf8)
        let tested = try run(["test", "--add-rules", file.path, file.path])
        XCTAssertEqual(tested.status, 1)
        XCTAssertEqual(
            tested.standardOutput,
            "\(file.path):13: follow_up.months: expected {months: 13} got {months: 12}\n"
                + "1 of 2 examples passed in 1 rules; 1 failed\n")

        try Data("Twelve patients were enrolled and followed for 24 months.".utf8).write(
            to: folder.appendingPathComponent("a.txt"))
        let extracted = try run([
            "extract", "--quiet", "--add-rules", file.path, folder.appendingPathComponent("a.txt").path,
        ])
        XCTAssertEqual(extracted.status, 0, extracted.standardError)
        let facts = try XCTUnwrap(try extracted.records().first?["facts"] as? [[String: Any]])
        XCTAssertEqual(facts.map { $0["field"] as? String }, ["cohort_size", "follow_up"])
    }

    private func run(_ arguments: [String]) throws -> GleanProcess.Result {
        try GleanProcess.run(arguments, in: Self.repository)
    }
}
