import Foundation
import XCTest

/// The executable needs nothing beside it: the rules are built in, and
/// `--version` says which build and which rules.
final class StandaloneBinaryTests: XCTestCase {
    func testVersionNamesReleaseCommitAndRuleDigest() throws {
        let result = try GleanProcess.run(["--version"])
        XCTAssertEqual(result.status, 0)
        let pattern = #"^glean [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}|unknown), rules [0-9a-f]{16}\)\n$"#
        XCTAssertNotNil(result.standardOutput.range(of: pattern, options: .regularExpression), result.standardOutput)
    }

    /// The run summary names the release and the rules' digest, the one
    /// --version gives for the built-in rules.
    func testTheSummaryNamesReleaseAndRules() throws {
        let version = try GleanProcess.run(["--version"]).standardOutput
        let digest = try XCTUnwrap(version.split(separator: " ").last?.dropLast(2))
        let run = try GleanProcess.run(["extract", "-"], input: "Twelve patients were enrolled.")
        XCTAssertEqual(run.status, 0, run.standardError)
        let release = try XCTUnwrap(version.split(separator: " ").dropFirst().first)
        XCTAssertTrue(run.standardError.hasSuffix("glean \(release), rules \(digest)\n"), run.standardError)
    }

    func testCompletionScriptsArePrintedForEachShell() throws {
        for (shell, start) in [("bash", "#!/bin/bash"), ("zsh", "#compdef glean"), ("fish", "")] {
            let result = try GleanProcess.run(["completions", shell])
            XCTAssertEqual(result.status, 0, shell)
            XCTAssertTrue(result.standardOutput.hasPrefix(start), "\(shell): \(result.standardOutput.prefix(40))")
            XCTAssertTrue(result.standardOutput.contains("extract"), shell)
        }
        let unknown = try GleanProcess.run(["completions", "tcsh"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.standardError, "glean: no completions for 'tcsh': choose bash, zsh or fish\n")
    }

    func testTheExecutableCopiedAloneExtracts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("glean")
        try FileManager.default.copyItem(at: GleanProcess.glean, to: copy)
        try Data("Twelve patients received bortezomib 1.3 mg/m2 intravenously.".utf8).write(
            to: folder.appendingPathComponent("a.txt"))

        let result = try GleanProcess.run(["extract", "--quiet", "a.txt"], program: copy, in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let facts = try XCTUnwrap(try result.records().first?["facts"] as? [[String: Any]])
        XCTAssertEqual(facts.map { $0["field"] as? String }, ["cohort_size", "dose"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.txt", "glean"])
    }
}
