import Foundation
import GleanReaders
import XCTest

/// One bad record fails alone, and record IDs are unique within a file (issue #13, part 1).
final class RecordIsolationTests: XCTestCase {
    /// `text` with `\u{F6}` (ö) written as the Windows-1252 byte 0xF6, which is not UTF-8.
    private func windows1252(_ text: String) -> Data {
        Data(text.unicodeScalars.map { UInt8($0.value) })
    }

    func testRISRecordWithWindows1252ByteFailsAloneAndLaterRecordsAreRead() throws {
        let ris =
            "TY  - JOUR\nTI  - A\nAB  - Twelve patients were enrolled.\nER  - \n"
            + "TY  - JOUR\nTI  - Sj\u{F6}gren\nER  - \n"
            + "TY  - JOUR\nTI  - C\nAB  - Ten patients were enrolled.\nER  - \n"
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(windows1252(ris), to: "a.ris", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [
                .document(Document(id: "a#1", source: path, text: "A\n\nTwelve patients were enrolled.")),
                .failure(ReadFailure(id: "a#2", source: path, message: "invalid UTF-8 on line 6")),
                .document(Document(id: "a#3", source: path, text: "C\n\nTen patients were enrolled.")),
            ])
    }

    func testMedlineRecordWithInvalidUTF8FailsUnderItsPMID() throws {
        let medline =
            "PMID- 1\nTI  - Good title\nAB  - Good abstract.\n\nPMID- 2\nTI  - Bad \u{FF}\u{FE} title\n\nPMID- 3\nTI  - Third\n"
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(windows1252(medline), to: "mixed.nbib", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [
                .document(Document(id: "1", source: path, text: "Good title\n\nGood abstract.")),
                .failure(ReadFailure(id: "2", source: path, message: "invalid UTF-8 on line 6")),
                .document(Document(id: "3", source: path, text: "Third")),
            ])
    }

    func testJSONLinesLineWithInvalidUTF8FailsAlone() throws {
        let jsonLines =
            "{\"pmid\": \"1\", \"title\": \"A\"}\n{\"pmid\": \"2\", \"title\": \"Sj\u{F6}gren\"}\n{\"title\": \"C\"}\n"
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(windows1252(jsonLines), to: "c.jsonl", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [
                .document(Document(id: "1", source: path, text: "A")),
                .failure(ReadFailure(id: "2", source: path, message: "invalid UTF-8 on line 2")),
                .document(Document(id: "c#3", source: path, text: "C")),
            ])
    }

    func testFlattenedRISRecordWithInvalidUTF8FailsAlone() throws {
        let ris =
            "TY - JOUR T1 - First N2 - One. ER -\nTY - JOUR T1 - Sj\u{F6}gren N2 - Two. ER -\nTY - JOUR T1 - Third ER -\n"
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(windows1252(ris), to: "flat.txt", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [
                .document(Document(id: "flat#1", source: path, text: "First\n\nOne.")),
                .failure(ReadFailure(id: "flat#2", source: path, message: "invalid UTF-8 on line 2")),
                .document(Document(id: "flat#3", source: path, text: "Third")),
            ])
    }

    func testRepeatedPMIDGetsRecordNumber() {
        let medline = "PMID- 7\nTI  - First copy\n\nPMID- 8\nTI  - Other\n\nPMID- 7\nTI  - Second copy\n"
        XCTAssertEqual(TestSupport.outcomes(ofText: medline, name: "dup.nbib").documents.map(\.id), ["7", "8", "7#3"])
    }

    func testIDTakenByAnotherRecordIsNotReused() {
        let jsonLines =
            "{\"id\": \"batch#2\", \"title\": \"Named like the next\"}\n{\"title\": \"No ID\"}\n{\"id\": \"batch#2\", \"title\": \"Again\"}\n"
        XCTAssertEqual(
            TestSupport.outcomes(ofText: jsonLines, name: "batch.jsonl").documents.map(\.id),
            ["batch#2", "batch#2#2", "batch#2#3"])
    }

    func testFileFailureAfterOnlyRecordGetsItsOwnID() {
        let xml =
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><ArticleTitle>No PMID</ArticleTitle>"
            + "</Article></MedlineCitation></PubmedArticle><PubmedArticle><broken"
        XCTAssertEqual(
            TestSupport.outcomes(ofText: xml, name: "cut.xml").map { $0.document?.id ?? $0.failure!.id },
            ["cut", "cut#2"])
    }
}
