import Foundation
@testable import GleanReaders
import XCTest

/// The byte-level helpers that the readers run on every file and line.
final class ReadingHelpersTests: XCTestCase {
    func testFileNameParts() {
        let export = FileName("/data/baseline/pubmed24n0001.xml.gz")
        XCTAssertEqual(export.base, "pubmed24n0001.xml.gz")
        XCTAssertEqual(export.stem, "pubmed24n0001")
        XCTAssertEqual(export.formatExtension, "xml")
        XCTAssertEqual(FileName("refs/Export.NBIB").formatExtension, "nbib")
        XCTAssertEqual(FileName("refs/Export.NBIB").stem, "Export")
        XCTAssertEqual(FileName("folder/export.ris//").base, "export.ris")
        XCTAssertEqual(FileName("///").base, "///")
        XCTAssertEqual(FileName("-").base, "stdin")
    }

    func testFileNameExtensionEdgeCases() {
        // No extension, or only `.gz`: none. The part before the first dot never counts.
        XCTAssertEqual(FileName("notes").formatExtension, "")
        XCTAssertEqual(FileName("notes.gz").formatExtension, "")
        XCTAssertEqual(FileName("notes.GZ").stem, "notes")
        XCTAssertEqual(FileName(".txt").formatExtension, "txt")
        XCTAssertEqual(FileName(".txt").stem, ".txt")
        XCTAssertEqual(FileName("a..gz").formatExtension, "")
        XCTAssertEqual(FileName("a.tar.gz").formatExtension, "tar")
        XCTAssertEqual(FileName("résumé.TXT").formatExtension, "txt")
        XCTAssertEqual(FileName("résumé.TXT").stem, "résumé")
    }

    func testCollapsingWhitespace() {
        // Text that only needs trimming, and text whose inner spaces change.
        XCTAssertEqual(
            TextLayout.collapsingWhitespace("  Cisplatin 75 mg/m2 on day 1.\t"), "Cisplatin 75 mg/m2 on day 1.")
        XCTAssertEqual(TextLayout.collapsingWhitespace("a  b\tc\r\n d"), "a b c d")
        XCTAssertEqual(TextLayout.collapsingWhitespace("10\u{00A0}mg and\u{2009}5 mg"), "10 mg and 5 mg")
        XCTAssertEqual(TextLayout.collapsingWhitespace("naïve  cohort "), "naïve cohort")
        XCTAssertEqual(TextLayout.collapsingWhitespace(" \t\n "), "")
        XCTAssertEqual(TextLayout.collapsingWhitespace(""), "")
        XCTAssertEqual(TextLayout.collapsingWhitespace("x"), "x")
        // A substring is read in place, with the same result.
        let line = "AB  -  Patients   (n = 12) were treated."
        XCTAssertEqual(TextLayout.collapsingWhitespace(line.dropFirst(6)), "Patients (n = 12) were treated.")
        XCTAssertEqual(TextLayout.paragraphs("Title  one\n\n  Body\u{2028}two  "), ["Title one", "Body", "two"])
        // Long text, read eight bytes at a time: two spaces across and inside
        // an eight-byte word, a tab, a control character, DEL, non-ASCII.
        XCTAssertEqual(TextLayout.collapsingWhitespace("Patient  s were treated."), "Patient s were treated.")
        XCTAssertEqual(
            TextLayout.collapsingWhitespace("Patients were  treated with drug."), "Patients were treated with drug.")
        XCTAssertEqual(
            TextLayout.collapsingWhitespace("Patients were\ttreated with drug."), "Patients were treated with drug.")
        XCTAssertEqual(
            TextLayout.collapsingWhitespace("Patients\u{1}were treated\u{7F}with drug."),
            "Patients\u{1}were treated\u{7F}with drug.")
        XCTAssertEqual(
            TextLayout.collapsingWhitespace("  Patients were treated with 5 µg/kg of drug.  "),
            "Patients were treated with 5 µg/kg of drug.")
        XCTAssertEqual(
            TextLayout.collapsingWhitespace("Patients were treated with drug A at 5 mg."),
            "Patients were treated with drug A at 5 mg.")
    }

    func testEndOfLine() {
        let text = Array("ab\r\ncd\nef".utf8)
        text.withUnsafeBufferPointer { bytes in
            XCTAssertEqual(TextLayout.endOfLine(from: 0, in: bytes), 2)
            XCTAssertEqual(TextLayout.endOfLine(from: 3, in: bytes), 3)
            XCTAssertEqual(TextLayout.endOfLine(from: 4, in: bytes), 6)
            XCTAssertEqual(TextLayout.endOfLine(from: 7, in: bytes), 9)
            XCTAssertEqual(TextLayout.endOfLine(from: 9, in: bytes), 9)
        }
    }

    func testReadAheadGivesTheFileOutcomesInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glean-read-ahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("export.nbib").path
        let records = (1...5).map { "PMID- \($0)\nTI  - Title \($0).\nAB  - Abstract \($0).\n" }
        try records.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        // Capacity 1: the reading thread waits for every outcome to be taken.
        var taken: [ReadOutcome] = []
        FileReadAhead(path: path, capacity: 1).forEach { taken.append($0) }
        XCTAssertEqual(taken, TestSupport.outcomes(ofFile: path))
        let ids = taken.map { outcome -> String in
            guard case let .document(document) = outcome else { return "failure" }
            return document.id
        }
        XCTAssertEqual(ids, ["1", "2", "3", "4", "5"])
    }

    func testReadAheadOfAMissingFileGivesItsFailure() {
        var taken: [ReadOutcome] = []
        FileReadAhead(path: "/nonexistent/glean/export.nbib").forEach { taken.append($0) }
        XCTAssertEqual(
            taken,
            [
                .failure(
                    ReadFailure(
                        id: "export", source: "/nonexistent/glean/export.nbib",
                        message: "cannot read file: no such file"))
            ])
    }
}
