import GleanRegex
import XCTest
@testable import GleanCore

/// A prefilter is a sentence requirement that also limits where the rule is
/// searched; the limit must change nothing but speed. Explaining searches
/// everywhere and checks the prefilter like any requirement, so on every
/// fixture the facts of the two must agree.
final class PrefilterTests: XCTestCase {
    func testPrefilteredRulesFindTheFactsOfASearchEverywhereOnEveryFixture() throws {
        let rules = try FixtureCorpus.rules()
        let prefiltered = rules.rules.filter { rule in rule.conditions.contains { $0.limitsSearch } }
        XCTAssertGreaterThanOrEqual(prefiltered.count, 5)
        let extractor = Extractor(ruleSet: rules)
        let matcher = Matcher()
        var facts = 0
        for (name, text) in try FixtureCorpus.texts() {
            let fast = extractor.extract(text, matcher: matcher).facts
            var explaining = RejectionCollector()
            let everywhere = extractor.extract(text, matcher: matcher, observer: &explaining).facts
            XCTAssertEqual(fast, everywhere, name)
            facts += fast.filter { fact in prefiltered.contains { $0.id == fact.rule } }.count
        }
        // The comparison covers facts of the prefiltered rules, not only documents without them.
        XCTAssertGreaterThan(facts, 30)
    }

    func testAMatchWhoseStartMovedPastTheSentenceOfItsAttemptIsExplainedAsItIsExtracted() throws {
        // sledai.anaphor's attempt starts at the instrument's name, in a sentence that passes the rule's
        // prefilter; \K moves the match into the next sentence, which names no instrument.
        let extractor = Extractor(ruleSet: try FixtureCorpus.rules())
        let matcher = Matcher()
        let text = "A case series\n\nWe used the SELENA-SLEDAI at each visit. Case 2 went from 14 to 6 by month 3."
        let fast = extractor.extract(text, matcher: matcher).facts
        var explaining = RejectionCollector()
        let everywhere = extractor.extract(text, matcher: matcher, observer: &explaining).facts
        XCTAssertEqual(fast.map(\.rule), ["sledai.anaphor"])
        XCTAssertEqual(fast.first?.text, "Case 2 went from 14 to 6")
        XCTAssertEqual(fast, everywhere)
    }
}
