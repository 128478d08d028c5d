import Foundation
import Testing
@testable import GleanCore

/// The examples of every rule in Rules/, one generated test per rule, as
/// `glean test` runs them: a rule whose examples fail names itself here.
@Suite struct RuleExampleTests {
    static let extractor = (try? RuleLoader().load(directories: [DefaultRulesTests.rulesFolder.path])).map(
        Extractor.init)

    @Test("Each rule's examples pass", arguments: extractor?.ruleSet.rules.map(\.id) ?? [])
    func examples(ofRule id: String) throws {
        let report = ExampleRunner(extractor: try #require(Self.extractor)).run { $0.id == id }
        #expect(report.examples > 0, "every rule has examples")
        for failure in report.failures { Issue.record(Comment(rawValue: failure.description)) }
    }

    @Test func theRulesLoad() throws {
        #expect(Self.extractor != nil, "Rules/ does not load: run glean test --rules Rules")
        #expect((Self.extractor?.ruleSet.rules.count ?? 0) > 40)
    }
}
