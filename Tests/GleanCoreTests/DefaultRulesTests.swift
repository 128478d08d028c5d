import Foundation
import GleanDigest
import GleanRules
import XCTest

@testable import GleanCore

/// The rules built into the executable are the repository's `Rules/`.
final class DefaultRulesTests: XCTestCase {
    static let rulesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Rules").standardized

    func testBuiltInRulesAreTheFilesOfTheRulesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.rulesFolder.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".terms") }.sorted()
        let onDisk = try names.map {
            ($0, try String(contentsOf: Self.rulesFolder.appendingPathComponent($0), encoding: .utf8))
        }
        XCTAssertEqual(
            DefaultRules.sources.map(\.path) + DefaultRules.termFiles.keys.sorted(),
            names.filter { !$0.hasSuffix(".terms") }.map { "Rules/" + $0 } + names.filter { $0.hasSuffix(".terms") })
        XCTAssertEqual(
            DefaultRules.sources.map(\.text) + DefaultRules.termFiles.keys.sorted().map { DefaultRules.termFiles[$0]! },
            onDisk.filter { !$0.0.hasSuffix(".terms") }.map(\.1) + onDisk.filter { $0.0.hasSuffix(".terms") }.map(\.1),
            "rebuild: the built-in rules differ from Rules/")
        let ruleSet = try DefaultRules.load()
        // The digest worked out at build time is the files' digest, and the
        // same files read from the folder give it too.
        XCTAssertEqual(ruleSet.digest, DefaultRules.digest)
        let files = DefaultRuleFiles.files
        XCTAssertEqual(
            RuleDigest.of(files.filter { !$0.name.hasSuffix(".terms") } + files.filter { $0.name.hasSuffix(".terms") }),
            DefaultRules.digest)
        XCTAssertEqual(try RuleLoader().load(directories: [Self.rulesFolder.path]).digest, DefaultRules.digest)
        XCTAssertEqual(Array(ruleSet.fields.keys), ["cohort_size", "dose", "cycle_count", "sledai_change", "ae_grade"])
    }

    func testTheDigestChangesWithAnyFileAndNotOtherwise() {
        let files = [(name: "a.yaml", text: "rules: []"), (name: "b.terms", text: "aspirin\n")]
        XCTAssertEqual(RuleDigest.of(files), RuleDigest.of(files))
        XCTAssertEqual(RuleDigest.of(files).count, 16)
        XCTAssertNotEqual(
            RuleDigest.of(files), RuleDigest.of([files[0], (name: "b.terms", text: "aspirin\nheparin\n")]))
        XCTAssertNotEqual(RuleDigest.of(files), RuleDigest.of([(name: "c.yaml", text: "rules: []"), files[1]]))
    }
}
