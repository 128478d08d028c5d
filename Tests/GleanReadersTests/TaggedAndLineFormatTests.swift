import Foundation
import GleanReaders
import XCTest

/// MEDLINE, RIS, JSON Lines, plain text and PubMed page text, on small inputs
/// that show one rule each.
final class TaggedAndLineFormatTests: XCTestCase {
    func testMedlineContinuationLinesAndRecordWithoutText() {
        let medline = """
            PMID- 101
            TI  - A title that is long enough to
                  wrap onto a second line.
            AB  - First line of the abstract
                  and its continuation,   with spaces.
            FAU - Doe, Jane

            PMID- 102
            FAU - Roe, Richard

            """
        let outcomes = TestSupport.outcomes(ofText: medline, name: "records.nbib")
        XCTAssertEqual(
            outcomes,
            [
                .document(
                    Document(
                        id: "101", source: "records.nbib",
                        text:
                            "A title that is long enough to wrap onto a second line.\n\nFirst line of the abstract and its continuation, with spaces."
                    )),
                .failure(
                    ReadFailure(id: "102", source: "records.nbib", message: "record has no title and no abstract")),
            ])
    }

    func testRISRecordsUseT1AndN2AndPMIDNotes() {
        let ris = """
            TY  - JOUR
            T1  - Title from T1
            N2  - Abstract from N2
            N1  - PMID: 555
            ER  - 

            TY  - JOUR
            AU  - Nobody
            ER  - 
            """
        let outcomes = TestSupport.outcomes(ofText: ris, name: "export.ris")
        XCTAssertEqual(
            outcomes,
            [
                .document(Document(id: "555", source: "export.ris", text: "Title from T1\n\nAbstract from N2")),
                .failure(
                    ReadFailure(id: "export#2", source: "export.ris", message: "record has no title and no abstract")),
            ])
    }

    func testFlattenedRISRecordsOnePerLine() {
        let ris = """
            TY - JOUR T1 - First trial AU - A Author N2 - First abstract, with a hyphen - here. ER -
            TY - JOUR T1 - Second trial N2 - Second abstract. ER -
            """
        let outcomes = TestSupport.outcomes(ofText: ris, name: "flat.txt")
        XCTAssertEqual(outcomes.documents.map(\.id), ["flat#1", "flat#2"])
        XCTAssertEqual(
            outcomes.documents.map(\.text),
            [
                "First trial\n\nFirst abstract, with a hyphen - here.",
                "Second trial\n\nSecond abstract.",
            ])
    }

    func testJSONLinesMalformedLineFailsAlone() {
        let jsonLines = """
            {"pmid": 123, "title": "First", "text": "Body one."}
            {"pmid": "124", "title": "Broken"
            {"id": "abc", "title": "Third", "abstract": "Para one.\\nPara   two."}

            {"pmid": "126"}
            """
        let outcomes = TestSupport.outcomes(ofText: jsonLines, name: "batch.jsonl")
        XCTAssertEqual(
            outcomes,
            [
                .document(Document(id: "123", source: "batch.jsonl", text: "First\n\nBody one.")),
                .failure(
                    ReadFailure(
                        id: "batch#2", source: "batch.jsonl", message: "line 2: not a JSON object with string fields")),
                .document(Document(id: "abc", source: "batch.jsonl", text: "Third\n\nPara one.\nPara two.")),
                .failure(ReadFailure(id: "126", source: "batch.jsonl", message: "record has no title and no abstract")),
            ])
    }

    func testUnicodeLineAndSpaceSeparatorsInJSONLinesText() {
        // U+2028 and U+0085 end paragraphs; no-break, ideographic and thin
        // spaces collapse; µ, é, ² and a 4-byte emoji stay as they are.
        let json =
            #"{"id": "u", "title": "T\u00a0 title", "text": "2\u00a0mg/m² caf\u00e9\u2028Next\u3000\u2009µg \ud83d\udc8a\u0085Last"}"#
        XCTAssertEqual(
            TestSupport.outcomes(ofText: json, name: "u.jsonl"),
            [
                .document(Document(id: "u", source: "u.jsonl", text: "T title\n\n2 mg/m² café\nNext µg 💊\nLast"))
            ])
    }

    func testPlainTextIsWholeFileWithoutBOMAndWithLF() {
        let outcomes = TestSupport.outcomes(
            ofText: "\u{FEFF}Twelve patients\r\nreceived  drug.\r\n", name: "abstract.txt")
        XCTAssertEqual(
            outcomes,
            [.document(Document(id: "abstract", source: "abstract.txt", text: "Twelve patients\nreceived  drug."))])
    }

    func testWhitespaceOnlyPlainTextIsAFailure() {
        let outcomes = TestSupport.outcomes(ofText: " \n\t\n", name: "blank.txt")
        XCTAssertEqual(outcomes, [.failure(ReadFailure(id: "blank", source: "blank.txt", message: "no text"))])
    }

    func testPubMedPageWithAbstractHeadingAndPMID() {
        let page = """
            Bortezomib in refractory lupus

            Lupus. 2017 Aug;26(9):952-958. doi: 10.1177/0961203316686703.

            Jane Doe 1, John Roe 2
            PMID: 28059024 DOI: 10.1177/0961203316686703

            Abstract
            Objective We tested bortezomib.
            Results Five patients responded.

            Copyright © 2017 The Authors.

            Similar articles
            Another article
            """
        let outcomes = TestSupport.outcomes(ofText: page, name: "page.txt")
        XCTAssertEqual(
            outcomes,
            [
                .document(
                    Document(
                        id: "28059024", source: "page.txt",
                        text:
                            "Bortezomib in refractory lupus\n\nObjective We tested bortezomib.\nResults Five patients responded."
                    ))
            ])
    }
}
