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
        let result = try validate(["--min-f1", "cohort_size=1", "--min-accuracy", "dose.colour=0.5", "--min-accuracy", "dose.drug=1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardError, "glean: accuracy of dose.colour (not scored) below 0.5\n")
    }

    func testAScoreOutsideZeroToOneIsAUsageError() throws {
        let result = try validate(["--min-f1", "cohort_size=95"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("--min-f1"), result.standardError)
    }
}
