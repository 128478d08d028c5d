import XCTest
import GleanRegex
import Synchronization

final class PatternTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testMatchRangesAreUTF8ByteOffsetsOnNonASCIIText() throws {
        let pattern = try Pattern(#"\d+(?:\.\d+)?\s*µg/m²"#)
        let subject = bytes("dose ≥ 2 – then 1.5 µg/m² daily")
        let matches = try Matcher().matches(of: pattern, in: subject)
        XCTAssertEqual(matches.count, 1)
        let range = try XCTUnwrap(matches.first?.range)
        XCTAssertEqual(String(decoding: subject[range], as: UTF8.self), "1.5 µg/m²")
        // "dose ≥ 2 – then " is 16 characters but 20 bytes (≥ and – take 3 each).
        XCTAssertEqual(range.lowerBound, 20)
        XCTAssertEqual(range.upperBound, 20 + "1.5 µg/m²".utf8.count)
    }

    func testAnchoredPatternMatchesOnlyAtTheStartOffsetAndIsJITCompiled() throws {
        let pattern = try Pattern(#"\d+\s+mg"#, options: .anchored)
        XCTAssertTrue(pattern.isJITCompiled)
        let subject = bytes("gave 20 mg")
        try subject.withUnsafeBufferPointer { buffer in
            let matcher = Matcher()
            XCTAssertNil(try matcher.firstMatch(of: pattern, in: buffer, from: 0))
            XCTAssertEqual(try matcher.firstMatch(of: pattern, in: buffer, from: 5)?.range, 5..<10)
        }
    }

    func testMatchesStartingBeforeALimitSeeTheWholeSubject() throws {
        // Words followed by a space: the lookahead looks past the limit, the
        // lookbehind before the start.
        let source = #"(?<=\s)\w+(?=\s)"#
        let subject = bytes("one two three four five")
        for options in [RegexOptions.offsetLimit, []] {
            let pattern = try Pattern(source, options: options)
            XCTAssertTrue(pattern.isJITCompiled)
            var found: [String] = []
            try subject.withUnsafeBufferPointer { buffer in
                // From inside "one" up to a limit inside "three": "two" and
                // "three" start before it; "four" does not.
                try Matcher().forEachMatch(of: pattern, in: buffer, from: 2, startingBefore: 10) { match in
                    found.append(String(decoding: subject[match.range], as: UTF8.self))
                }
                XCTAssertNil(try Matcher().firstMatch(of: pattern, in: buffer, from: 9, startingBefore: 9))
            }
            XCTAssertEqual(found, ["two", "three"], "options \(options)")
        }
    }

    func testUnicodePropertiesAreOn() throws {
        let pattern = try Pattern(#"\bgrade\s+(\w+)"#, options: .caseless)
        let match = try XCTUnwrap(Matcher().matches(of: pattern, in: bytes("Grade Ⅲ events")).first)
        XCTAssertEqual(
            match.range(ofGroup: 1).map { String(decoding: bytes("Grade Ⅲ events")[$0], as: UTF8.self) }, "Ⅲ")
    }

    func testEmptyMatchesAdvanceAndTerminate() throws {
        let pattern = try Pattern("x*")
        let matches = try Matcher().matches(of: pattern, in: bytes("aµxxb"))
        // As Perl and Python do: empty at 0, empty at 1 (before µ, 2 bytes),
        // "xx" at 3..<5, then empty before "b" and at the end.
        XCTAssertEqual(matches.map(\.range), [0..<0, 1..<1, 3..<5, 5..<5, 6..<6])
    }

    func testEmptyPatternOnEmptySubjectMatchesOnce() throws {
        let matches = try Matcher().matches(of: Pattern(""), in: [])
        XCTAssertEqual(matches.map(\.range), [0..<0])
    }

    func testNamedGroupsAndUnsetGroups() throws {
        let pattern = try Pattern(#"(?<amount>\d+)\s*(?<unit>mg|g)(?:/(?<per>kg))?"#)
        XCTAssertEqual(pattern.captureCount, 3)
        XCTAssertEqual(pattern.groupNumber(named: "amount"), 1)
        XCTAssertEqual(pattern.groupNumber(named: "unit"), 2)
        XCTAssertEqual(pattern.groupNumber(named: "per"), 3)
        XCTAssertNil(pattern.groupNumber(named: "drug"))
        let match = try XCTUnwrap(Matcher().matches(of: pattern, in: bytes("take 20 mg now")).first)
        XCTAssertEqual(match.range(ofGroup: 1), 5..<7)
        XCTAssertEqual(match.range(ofGroup: 2), 8..<10)
        XCTAssertNil(match.range(ofGroup: 3))
    }

    func testDuplicateNamesInBranchResetMapToOneNumber() throws {
        let pattern = try Pattern(#"(?|(?<n>\d+) patients|n\s*=\s*(?<n>\d+))"#)
        XCTAssertEqual(pattern.groupNumbers["n"], [1])
    }

    func testMarkNamesTheAlternativeThatMatched() throws {
        let pattern = try Pattern(#"(?:\d+ cycles(*MARK:cycles)|grade \d(*MARK:grade))"#)
        let marks = try Matcher().matches(of: pattern, in: bytes("4 cycles, grade 3")).map(\.mark)
        XCTAssertEqual(marks, ["cycles", "grade"])
    }

    func testCompileErrorCarriesMessageAndOffset() {
        XCTAssertThrowsError(try Pattern("ab(cd")) { error in
            let error = error as! PatternError
            XCTAssertEqual(error.message, "missing closing parenthesis")
            XCTAssertEqual(error.offset, 5)
        }
        XCTAssertThrowsError(try Pattern(#"\d+(?&nothing)"#)) { error in
            let error = error as! PatternError
            XCTAssertEqual(error.message, "reference to non-existent subpattern")
            XCTAssertEqual(error.offset, 6)
        }
    }

    func testExtendedModeIgnoresSpaceAndComments() throws {
        let pattern = try Pattern(
            """
            (?<n> \\d+ )   # the count
            \\s+ cycles
            """, options: .extended)
        let match = try XCTUnwrap(Matcher().matches(of: pattern, in: bytes("six or 6 cycles")).first)
        XCTAssertEqual(match.range, 7..<15)
    }

    func testMatchLimitExceededIsAnError() throws {
        let pattern = try Pattern("(a+)+$")
        let subject = bytes(String(repeating: "a", count: 32) + "b")
        XCTAssertThrowsError(try Matcher(matchLimit: 10_000).matches(of: pattern, in: subject)) { error in
            XCTAssertEqual(error as? MatchError, .matchLimitExceeded)
        }
    }

    func testPatternIsSharedAcrossThreads() throws {
        let pattern = try Pattern(#"(?<n>\d+) patients"#)
        let subject = bytes(String(repeating: "We enrolled 120 patients. ", count: 200))
        let counts = Mutex([Int](repeating: 0, count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let found = (try? Matcher().matches(of: pattern, in: subject).count) ?? -1
            counts.withLock { $0[index] = found }
        }
        XCTAssertEqual(counts.withLock { $0 }, Array(repeating: 200, count: 8))
    }

    func testThreadsMatchingWhileThePatternIsJITCompiledFindWhatTheJITFinds() throws {
        // A pattern whose JIT compilation takes a while: the threads that reach it meanwhile match in the
        // interpreter, with a copy of its code, and must find the same matches as the JIT code afterwards.
        let words = (0..<3000).map { "w\($0)x" }.joined(separator: "|")
        let source = #"\b(?:"# + words + #")\s+(?<n>\d+)"#
        let subject = bytes((0..<400).map { "w\($0 * 7)x \($0) and more " }.joined())
        let expected = try Matcher().matches(of: try Pattern(source), in: subject).map(\.range)
        XCTAssertEqual(expected.count, 400)
        for _ in 0..<3 {
            let pattern = try Pattern(source)
            let results = Mutex([[Range<Int>]](repeating: [], count: 8))
            DispatchQueue.concurrentPerform(iterations: 8) { index in
                let matcher = Matcher()
                // Many small searches, so that some run while another thread compiles.
                var found: [Range<Int>] = []
                subject.withUnsafeBufferPointer { buffer in
                    var start = 0
                    while let match = try? matcher.firstMatch(of: pattern, in: buffer, from: start) {
                        found.append(match.range)
                        start = match.range.upperBound
                    }
                }
                results.withLock { $0[index] = found }
            }
            let found = results.withLock { $0 }
            XCTAssertEqual(found.map(\.count), Array(repeating: 400, count: 8))
            XCTAssertTrue(found.allSatisfy { $0 == expected })
            XCTAssertTrue(pattern.isJITCompiled)
        }
    }
}
