import Foundation
import XCTest
@testable import GleanCore

/// The repository's default rules and fixture abstracts, for tests that run
/// the real rule set over every fixture.
enum FixtureCorpus {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The rules in `Rules/`.
    static func rules() throws -> RuleSet {
        try RuleLoader().load(directories: [repository.appendingPathComponent("Rules").path])
    }

    /// Every fixture abstract (`Fixtures/corpus/*.txt`) with its file name; fails when there are few.
    static func texts() throws -> [(name: String, text: String)] {
        let folder = repository.appendingPathComponent("Fixtures/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        XCTAssertGreaterThan(names.count, 50)
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }
}
