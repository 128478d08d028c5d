import Foundation
import XCTest

/// `glean validate` as CI uses it: quality gates per field and per attribute.
final class ValidateCommandTests: XCTestCase {
    private let repository = ExtractCommandTests.repository
    private var seeds: String { repository.appendingPathComponent("Fixtures/seeds").path }
    private var rules: String { repository.appendingPathComponent("Rules").path }

    private func validate(_ gates: [String]) throws -> GleanProcess.Result {
        try GleanProcess.run(["validate", "--rules", rules, "--summary", seeds] + gates)
    }

    func testGatesThatHoldExitZero() throws {
        let result = try validate(["--min-f1", "0.95", "--min-f1", "cohort_size=1", "--min-accuracy", "dose.drug=1"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("field "), result.standardOutput)
    }

    func testAGateThatFailsExitsOneAndNamesItsFieldOrAttribute() throws {
        // No field has a `colour` attribute, so that gate fails as not scored.
        let result = try validate([
            "--min-f1", "cohort_size=1", "--min-accuracy", "dose.colour=0.5", "--min-accuracy", "dose.drug=1",
        ])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardError, "glean: accuracy of dose.colour (not scored) below 0.5\n")
    }

    func testAScoreOutsideZeroToOneIsAUsageError() throws {
        let result = try validate(["--min-f1", "cohort_size=95"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("--min-f1"), result.standardError)
    }

    /// A field `follow_up` whose rule fires in the seeds.
    private func followUpRules() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glean-follow-up-\(UUID().uuidString).yaml")
        try FollowUpRuleFile.text(
            pattern: #"(?<months>\d+) \s+ (?:months|weeks)"#,
            examples: [#"{text: "followed for 24 months", values: {months: 24}}"#]
        )
        .write(to: file, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        return file
    }

    /// A field added to the rules changes no score: fixtures annotate the
    /// contract's fields unless they list their own.
    func testAnAddedFieldScoresTheFixturesExactlyAsBefore() throws {
        let added = try followUpRules()
        let extracted = try GleanProcess.run(["extract", "--quiet", "--rules", rules, "--add-rules", added.path, seeds])
        XCTAssertTrue(extracted.standardOutput.contains("\"follow_up\""), "the added rule fires in the seeds")
        let before = try GleanProcess.run(["validate", "--rules", rules, seeds])
        let after = try GleanProcess.run(["validate", "--rules", rules, "--add-rules", added.path, seeds])
        XCTAssertEqual(after.status, before.status)
        XCTAssertEqual(after.standardOutput, before.standardOutput)
    }

    /// A fixture that lists its fields is scored on those alone; --field narrows the report.
    func testAFixtureScoresTheFieldsItLists() throws {
        let added = try followUpRules()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-fields-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try "Twelve patients received 20 mg of drug X and were followed for 24 months.".write(
            to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "source: a.txt\nfields: [follow_up]\nexpect:\n  - {field: follow_up, months: 24}\n".write(
            to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let result = try GleanProcess.run([
            "validate", "--rules", rules, "--add-rules", added.path, "--summary", folder.path,
        ])
        XCTAssertEqual(result.status, 0, result.standardError)
        let rows = result.standardOutput.split(separator: "\n").prefix(3).map {
            $0.split(separator: " ").joined(separator: " ")
        }
        XCTAssertEqual(
            rows,
            [
                "field expected emitted found precision recall F1",
                "follow_up 1 1 1 1.000 1.000 1.000", "overall 1 1 1 1.000 1.000 1.000",
            ])
        let narrowed = try GleanProcess.run(["validate", "--rules", rules, "--summary", "--field", "dose", seeds])
        XCTAssertEqual(
            narrowed.standardOutput.split(separator: "\n").prefix(3).map { String($0.split(separator: " ")[0]) },
            ["field", "dose", "overall"])
    }
}
