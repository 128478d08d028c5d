import XCTest
import GleanRegex

final class MatchTraceTests: XCTestCase {
    private func trace(_ pattern: Pattern, _ text: String, definitionsStart: Int? = nil) throws -> MatchTrace {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer {
            try Matcher().trace(of: pattern, in: $0, definitionsStart: definitionsStart)
        }
    }

    func testFailedMatchStopsAtTheItemThatCouldNotMatch() throws {
        let source = #"\d+ \s* mg \s+ per \s+ kg"#
        let pattern = try Pattern(source, options: [.extended, .autoCallout])
        XCTAssertFalse(pattern.isJITCompiled)
        let result = try trace(pattern, "dose 1.3 mg per day")
        XCTAssertNil(result.match)
        let best = try XCTUnwrap(result.best)
        XCTAssertEqual(best.start, 7, "the attempt at \"3 mg per day\" gets furthest")
        XCTAssertEqual(best.furthestSubjectOffset, 16, "stopped before \"day\"")
        let structure = PatternStructure(pattern)
        XCTAssertEqual(structure.item(at: best.furthest.patternOffset, length: best.furthest.itemLength), "kg")
        XCTAssertEqual(best.furthest.patternOffset, Array(source.utf8).count - 2)
    }

    func testSuccessfulMatchIsReturned() throws {
        let pattern = try Pattern(#"(?<n>\d+) \s* mg"#, options: [.extended, .autoCallout])
        let result = try trace(pattern, "take 20 mg")
        XCTAssertEqual(result.match?.range, 5..<10)
        XCTAssertEqual(result.attempts.last?.start, 5)
        XCTAssertEqual(result.attempts.last?.furthestSubjectOffset, 10)
    }

    func testEveryStartPositionIsTriedEvenWhenARequiredByteIsMissing() throws {
        // PCRE2 would normally give up at once: no "z" in the subject.
        let pattern = try Pattern("ab+z", options: .autoCallout)
        let result = try trace(pattern, "xabbbc")
        XCTAssertNil(result.match)
        XCTAssertEqual(result.attempts.map(\.start), [0, 1, 2, 3, 4, 5, 6])
        XCTAssertEqual(result.best?.start, 1)
        XCTAssertEqual(result.best?.furthestSubjectOffset, 5)
    }

    func testStepsInsideSubroutineDefinitionsAreCreditedToTheCallingItem() throws {
        let main = #"(?&num) \s+ (?<u> (?&unit) )"#
        let source = main + #"\n(?(DEFINE)(?<num>\d+)(?<unit> mg (?: \s+ per \s+ kg )? ))"#
        let pattern = try Pattern(source, options: [.extended, .autoCallout])
        let result = try trace(pattern, "12 mg per day", definitionsStart: main.utf8.count)
        let best = try XCTUnwrap(result.best)
        XCTAssertEqual(best.furthestSubjectOffset, 10, "inside the definition, before \"day\"")
        XCTAssertGreaterThanOrEqual(best.furthest.patternOffset, main.utf8.count)
        XCTAssertLessThan(best.mainItem.patternOffset, main.utf8.count)
        XCTAssertEqual(
            PatternStructure(pattern).item(at: best.mainItem.patternOffset, length: best.mainItem.itemLength),
            "(?&unit)")
        XCTAssertEqual(best.mainItem.subjectOffset, 3)
    }

    func testAFailingLookaheadIsTheStepNotWhatItPeekedAt() throws {
        let source = #"\d+ \s* mg (?![\w/])"#
        let pattern = try Pattern(source, options: [.extended, .autoCallout])
        let result = try trace(pattern, "5 mg/dL")
        XCTAssertNil(result.match)
        let best = try XCTUnwrap(result.best)
        XCTAssertEqual(best.furthestSubjectOffset, 4)
        XCTAssertEqual(
            PatternStructure(pattern).item(at: best.furthest.patternOffset, length: best.furthest.itemLength),
            #"(?![\w/])"#)
    }

    func testStructureSkipsClassesEscapesAndComments() {
        let structure = PatternStructure(#"[(] \( (?<a> x ) # a (comment"# + "\n" + #"(?= y )"#, extended: true)
        XCTAssertEqual(structure.groups.count, 2)
        XCTAssertEqual(structure.item(at: 7, length: 5), "(?<a> x )")
        XCTAssertTrue(structure.groups[1].isLookaround)
        XCTAssertEqual(PatternStructure("(ab){2,3}? c", extended: false).item(at: 0, length: 1), "(ab){2,3}?")
    }
}
