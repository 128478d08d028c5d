import GleanRegex
import XCTest
@testable import GleanCore

/// A prefilter is a sentence requirement that also limits where the rule is
/// searched; the limit must change nothing but speed. Explaining searches
/// everywhere and checks the prefilter like any requirement, so on every
/// fixture the facts of the two must agree.
final class PrefilterTests: XCTestCase {
    func testPrefilteredRulesFindTheFactsOfASearchEverywhereOnEveryFixture() throws {
        let rules = try RuleLoader().load(directories: [MatchAnchorTests.repository.appendingPathComponent("Rules").path])
        let prefiltered = rules.rules.filter { rule in rule.conditions.contains { $0.limitsSearch } }
        XCTAssertGreaterThanOrEqual(prefiltered.count, 5)
        let extractor = Extractor(ruleSet: rules)
        let matcher = Matcher()
        let folder = MatchAnchorTests.repository.appendingPathComponent("Fixtures/corpus")
        let texts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        XCTAssertGreaterThan(texts.count, 50)
        var facts = 0
        for name in texts {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let fast = extractor.extract(text, matcher: matcher).facts
            let everywhere = extractor.extract(text, matcher: matcher, recordingRejections: true).facts
            XCTAssertEqual(fast, everywhere, name)
            facts += fast.filter { fact in prefiltered.contains { $0.id == fact.rule } }.count
        }
        // The comparison covers facts of the prefiltered rules, not only documents without them.
        XCTAssertGreaterThan(facts, 30)
    }
}
