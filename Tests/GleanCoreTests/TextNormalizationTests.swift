import GleanRegex
import XCTest
@testable import GleanCore

/// Rules match text in normalization form C; offsets and quoted text stay
/// those of the document as given.
final class TextNormalizationTests: XCTestCase {
    func testADecomposedLetterMatchesAsTheComposedOne() throws {
        let decomposed = "96 treatment-nai\u{308}ve patients were enrolled."
        XCTAssertEqual(
            decomposed.unicodeScalars.count, decomposed.precomposedStringWithCanonicalMapping.unicodeScalars.count + 1)
        let document = DocumentText(decomposed)
        XCTAssertEqual(document.text(0..<document.bytes.count), decomposed.precomposedStringWithCanonicalMapping)

        let facts = Extractor(ruleSet: try FixtureCorpus.rules()).extract(decomposed, matcher: Matcher()).facts
        let cohort = try XCTUnwrap(facts.first { $0.field == "cohort_size" })
        XCTAssertEqual(cohort.values["n"], .number(96))
        XCTAssertEqual(cohort.start, 0)
        XCTAssertEqual(cohort.end, 42)
        // The quoted words are the document's own, and the end counts both code points of "i" and its mark.
        let scalars = Array(decomposed.unicodeScalars)
        XCTAssertEqual(cohort.text, String(String.UnicodeScalarView(scalars[cohort.start..<cohort.end])))
        XCTAssertTrue(cohort.text.unicodeScalars.contains("\u{308}"))
    }

    func testAUnicodeHyphenMatchesAsTheASCIIOne() throws {
        let text = "In all, 637 MTX\u{2010}naive adult patients received 800 mg once\u{2011}daily RBV."
        let document = DocumentText(text)
        XCTAssertEqual(
            document.text(0..<document.bytes.count),
            "In all, 637 MTX-naive adult patients received 800 mg once-daily RBV.")

        let facts = Extractor(ruleSet: try FixtureCorpus.rules()).extract(text, matcher: Matcher()).facts
        let cohort = try XCTUnwrap(facts.first { $0.field == "cohort_size" })
        XCTAssertEqual(cohort.values["n"], .number(637))
        XCTAssertEqual(cohort.text, "637 MTX\u{2010}naive adult patients")
        XCTAssertEqual(cohort.start, 8)
        let dose = try XCTUnwrap(facts.first { $0.field == "dose" })
        XCTAssertEqual(dose.values["unit"], .text("mg/d"))
        XCTAssertEqual(dose.values["drug"], .text("rbv"))
        // Offsets after a three-byte hyphen written as one byte still count code points.
        let scalars = Array(text.unicodeScalars)
        XCTAssertEqual(dose.text, String(String.UnicodeScalarView(scalars[dose.start..<dose.end])))
        XCTAssertTrue(dose.text.hasPrefix("800 mg once\u{2011}daily"))
    }

    /// A fact whose words hold a rewritten character is found again in its
    /// document (as ``ExtractionDiff`` and fixture review do): its quoted
    /// words are the document's own, not the matching form's.
    func testAFactOverARewrittenCharacterIsFoundAgain() throws {
        let text = "In all, 637 MTX\u{2010}naive adult patients were enrolled."
        let document = DocumentText(text)
        let facts = Extractor(ruleSet: try FixtureCorpus.rules()).extract(text, matcher: Matcher()).facts
        let cohort = try XCTUnwrap(facts.first { $0.field == "cohort_size" })
        XCTAssertEqual(cohort.values["n"], .number(637))
        XCTAssertTrue(cohort.text.hasPrefix("637 MTX\u{2010}naive adult patients"), cohort.text)
        let range = try XCTUnwrap(document.range(of: cohort))
        XCTAssertEqual(document.originalText(range), cohort.text)
    }

    func testTextWithoutCombiningMarksIsLeftAsIs() {
        let text = "Zoledronic acid 4 mg, naïve patients (composed)."
        XCTAssertEqual(DocumentText(text).bytes, Array(text.utf8))
    }

    /// Byte offsets and code point offsets convert both ways on text with
    /// two-, three- and four-byte characters, at every character start.
    func testByteAndCodePointOffsetsConvertBothWays() {
        let text = "Dose 5 µg ± 1 — naïve 😀 patients (n = 12), plain ASCII after."
        let document = DocumentText(text)
        var byte = 0
        for (codePoint, scalar) in text.unicodeScalars.enumerated() {
            XCTAssertEqual(document.codePointOffset(ofByte: byte), codePoint, "byte \(byte)")
            XCTAssertEqual(document.byteOffset(ofCodePoint: codePoint), byte, "code point \(codePoint)")
            byte += String(scalar).utf8.count
        }
        XCTAssertEqual(document.codePointOffset(ofByte: byte), text.unicodeScalars.count)
        XCTAssertEqual(document.byteOffset(ofCodePoint: text.unicodeScalars.count), byte)
        let ascii = DocumentText("Twelve patients.")
        XCTAssertEqual(ascii.codePointOffset(ofByte: 7), 7)
        XCTAssertEqual(ascii.byteOffset(ofCodePoint: 7), 7)
    }
}
