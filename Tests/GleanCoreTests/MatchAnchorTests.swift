import Foundation
import GleanRegex
import XCTest
@testable import GleanCore

/// Anchored rules must find exactly the matches a plain search finds.
final class MatchAnchorTests: XCTestCase {
    func testNumberWordStartsFindWordsInAnyCaseAtWordStarts() {
        let text = Array("Twelve patients, twenty-one women and 3 ONE-off; someone, often, tenth, 5seven, Fourty.".utf8)
        let found = text.withUnsafeBufferPointer {
            WordStartScanner.numberWords.positions(among: DocumentWords(in: $0), in: $0, within: nil)
        }
        let words = found.map { start in
            String(decoding: text[start...].prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }, as: UTF8.self)
        }
        XCTAssertEqual(words, ["Twelve", "twenty", "one", "ONE", "Fourty"])
    }

    func testWordsAreRunsOfASCIILettersNotAfterADigitWhereverTheyFallInEightByteSteps() {
        // The words as one byte at a time finds them: runs of ASCII letters, not preceded by a digit.
        func expected(_ text: [UInt8]) -> [Range<Int>] {
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
            var words: [Range<Int>] = []
            var index = 0
            while index < text.count {
                guard isLetter(text[index]) else {
                    index += 1
                    continue
                }
                let start = index
                while index < text.count, isLetter(text[index]) { index += 1 }
                if start == 0 || !(0x30...0x39).contains(text[start - 1]) { words.append(start..<index) }
            }
            return words
        }
        // Letters next to every byte that is none (@, [, `, {, digits, signs, the bytes of é and µ), at every offset.
        let alphabet = Array("aZz@[`{09 .-éµqQ".utf8)
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            for _ in 0..<50 {
                let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                let found = text.withUnsafeBufferPointer { WordStartScanner.words(in: $0) }
                XCTAssertEqual(found, expected(text), String(decoding: text, as: UTF8.self))
            }
        }
        let text = Array("Twelve patients received 5mg of TMZ; 3rd-line ÉTUDE".utf8)
        let words = text.withUnsafeBufferPointer { WordStartScanner.words(in: $0) }
        XCTAssertEqual(
            words.map { String(decoding: text[$0], as: UTF8.self) },
            ["Twelve", "patients", "received", "of", "TMZ", "line", "TUDE"])
    }

    /// The first four bytes at each word start `scanner` finds in `text`
    /// (among the words that start in `regions`, when given).
    private static func wordStarts(
        in text: [UInt8], by scanner: WordStartScanner, within regions: [Range<Int>]? = nil
    ) -> [String] {
        let found = text.withUnsafeBufferPointer {
            scanner.positions(among: DocumentWords(in: $0), in: $0, within: regions)
        }
        return found.map { String(decoding: text[$0..<($0 + 4)], as: UTF8.self) }
    }

    func testWordPrefixesMatchWordStartsInAnyCase() {
        let text = Array("Randomised and re-randomized; a total of 40 (enrolled), reenrolled, 3randomized.".utf8)
        let scanner = WordStartScanner(prefixes: ["randomi", "enrol", "a"])
        XCTAssertEqual(
            Self.wordStarts(in: text, by: scanner),
            ["Rand", "and ", "rand", "a to", "enro"])
    }

    func testWholeWordsMatchOnlyThemselves() {
        let text = Array("A total of 40 and a further 12 were enrolled at a site: Enrolment.".utf8)
        let scanner = WordStartScanner(prefixes: ["enrol"], wholeWords: ["a"])
        XCTAssertEqual(
            Self.wordStarts(in: text, by: scanner),
            ["A to", "a fu", "enro", "a si", "Enro"])
    }

    func testOnlyWordsStartingInTheRegionsAreFound() {
        let text = Array("A total of 40 and a further 12 were enrolled at a site: Enrolment.".utf8)
        let scanner = WordStartScanner(prefixes: ["enrol"], wholeWords: ["a"])
        // "a further" (18) and "enrolled" (36) start in the regions; the second ends where
        // "a site" (48) starts, so that "a" is outside; an empty region and one past the
        // last word find nothing.
        XCTAssertEqual(
            Self.wordStarts(in: text, by: scanner, within: [5..<19, 20..<20, 30..<48, 80..<90]),
            ["a fu", "enro"])
        XCTAssertEqual(Self.wordStarts(in: text, by: scanner, within: []), [])
        XCTAssertEqual(Self.wordStarts(in: text, by: scanner, within: [0..<text.count]).count, 5)
    }

    func testAnchoredSearchFindsThePlainSearchMatchesOnEveryFixture() throws {
        let rules = try FixtureCorpus.rules()
        let anchored = rules.rules.filter { $0.anchor != nil }
        XCTAssertGreaterThanOrEqual(anchored.count, 4)
        let matcher = Matcher()
        var compared = 0
        for (name, text) in try FixtureCorpus.texts() {
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { subject in
                for rule in anchored {
                    var plain: [Range<Int>] = []
                    var fast: [Range<Int>] = []
                    try matcher.forEachMatch(of: rule.pattern, in: subject) { plain.append($0.range) }
                    var numberWords: [Int]?
                    try RuleMatching.forEachMatch(
                        of: rule, in: subject, within: [0..<subject.count + 1],
                        words: DocumentWords(in: subject), numberWords: &numberWords, matcher: matcher
                    ) { fast.append($0.range) }
                    XCTAssertEqual(fast, plain, "\(rule.id) on \(name)")
                    compared += plain.count
                }
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }
}
