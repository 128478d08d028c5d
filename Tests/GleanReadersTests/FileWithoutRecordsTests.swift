import Foundation
import GleanReaders
import XCTest

/// Every non-empty file yields a document or a failure saying why, and text
/// outside tagged records is not dropped (issue #13, part 2).
final class FileWithoutRecordsTests: XCTestCase {
    func testRISRecordWithoutTYIsRead() {
        let ris = "TI  - No type line\nAB  - Ten patients were enrolled.\nER  - \n"
        XCTAssertEqual(
            TestSupport.outcomes(ofText: ris, name: "noty.ris"),
            [.document(Document(id: "noty", source: "noty.ris", text: "No type line\n\nTen patients were enrolled."))])
    }

    func testMedlineWithoutPMIDIsRead() {
        let medline = "TI  - No PMID\nAB  - Ten patients were enrolled.\n\nTI  - Second\n"
        XCTAssertEqual(
            TestSupport.outcomes(ofText: medline, name: "nopmid.nbib"),
            [
                .document(
                    Document(id: "nopmid#1", source: "nopmid.nbib", text: "No PMID\n\nTen patients were enrolled.")),
                .document(Document(id: "nopmid#2", source: "nopmid.nbib", text: "Second")),
            ])
    }

    func testRISFileWithoutTagsIsReadAsText() {
        XCTAssertEqual(
            TestSupport.outcomes(ofText: "Just some words\nwithout any tags.\n", name: "notags.ris"),
            [.document(Document(id: "notags", source: "notags.ris", text: "Just some words\nwithout any tags."))])
    }

    func testProseBeforeAndBetweenRISRecordsIsADocument() {
        let text = """

            Twelve patients were enrolled.

            Second paragraph.
            TY  - JOUR
            TI  - Cited
            ER  - 
            Between the records.
            TY  - JOUR
            TI  - Also cited
            ER  - 
            """
        XCTAssertEqual(
            TestSupport.outcomes(ofText: text, name: "prose.txt"),
            [
                .document(
                    Document(
                        id: "prose#1", source: "prose.txt", text: "Twelve patients were enrolled.\n\nSecond paragraph.")
                ),
                .document(Document(id: "prose#2", source: "prose.txt", text: "Cited")),
                .document(Document(id: "prose#3", source: "prose.txt", text: "Between the records.")),
                .document(Document(id: "prose#4", source: "prose.txt", text: "Also cited")),
            ])
    }

    func testWhitespaceOnlyTaggedFileIsAFailure() {
        XCTAssertEqual(
            TestSupport.outcomes(ofText: "\n  \n", name: "blank.ris"),
            [.failure(ReadFailure(id: "blank", source: "blank.ris", message: "no records found"))])
    }

    func testStrayEndTagIsAFailure() {
        XCTAssertEqual(
            TestSupport.outcomes(ofText: "ER  - \n", name: "end.ris"),
            [.failure(ReadFailure(id: "end", source: "end.ris", message: "no records found"))])
    }

    func testXMLWithoutArticlesIsAFailure() {
        XCTAssertEqual(
            TestSupport.outcomes(
                ofText: "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n", name: "none.xml"),
            [.failure(ReadFailure(id: "none", source: "none.xml", message: "no records found"))])
    }
}
