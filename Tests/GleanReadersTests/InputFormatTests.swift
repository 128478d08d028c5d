import GleanReaders
import XCTest

final class InputFormatTests: XCTestCase {
    func testExtensionsThatNameOneFormat() {
        XCTAssertEqual(InputFormat.detect(fileName: "export.nbib", prefix: "anything"), .medline)
        XCTAssertEqual(InputFormat.detect(fileName: "export.ris", prefix: "anything"), .ris)
        XCTAssertEqual(InputFormat.detect(fileName: "batch.jsonl", prefix: "anything"), .jsonLines)
        XCTAssertEqual(InputFormat.detect(fileName: "PMC101395.nxml", prefix: "<article>"), .jats)
    }

    func testExtensionIsTheLastPathComponents() {
        XCTAssertEqual(InputFormat.detect(fileName: "exports.nbib/refs.ris", prefix: "anything"), .ris)
        XCTAssertEqual(InputFormat.detect(fileName: "/data/exports.nbib/plain", prefix: "anything"), .plainText)
        XCTAssertEqual(InputFormat.detect(fileName: "/data/export.ris//", prefix: "anything"), .ris)
        XCTAssertEqual(InputFormat.detect(fileName: "batch.JSONL", prefix: "anything"), .jsonLines)
    }

    func testXMLByRootElement() {
        XCTAssertEqual(
            InputFormat.detect(fileName: "pubmed.xml", prefix: "<?xml version=\"1.0\"?>\n<PubmedArticleSet>"),
            .pubmedXML)
        XCTAssertEqual(
            InputFormat.detect(fileName: "pubmed25n0001.xml.gz", prefix: "<?xml?><PubmedArticleSet>"), .pubmedXML)
        XCTAssertEqual(
            InputFormat.detect(fileName: "paper.xml", prefix: "<?xml?>\n<article article-type=\"research-article\">"),
            .jats)
        XCTAssertEqual(InputFormat.detect(fileName: "-", prefix: "<?xml?>\n<PubmedArticleSet>"), .pubmedXML)
    }

    func testTextFilesByContent() {
        XCTAssertEqual(InputFormat.detect(fileName: "pubmed.txt", prefix: "\nPMID- 12230038\nOWN - NLM\n"), .medline)
        XCTAssertEqual(InputFormat.detect(fileName: "endnote.txt", prefix: "\nTY  - JOUR\nAB  - Text\n"), .ris)
        XCTAssertEqual(InputFormat.detect(fileName: "seed.txt", prefix: "TY - JOUR T1 - Title N2 - Text ER - "), .ris)
        XCTAssertEqual(
            InputFormat.detect(
                fileName: "page.txt", prefix: "Title\n\nLupus. 2017 Aug;26(9):952-958. doi: 10.1177/x.\n\nText"),
            .pubmedWebPage)
        XCTAssertEqual(InputFormat.detect(fileName: "-", prefix: "{\"pmid\": \"1\", \"text\": \"x\"}\n"), .jsonLines)
        XCTAssertEqual(
            InputFormat.detect(fileName: "abstract.txt", prefix: "Twelve patients received bortezomib 1.3 mg/m2.\n"),
            .plainText)
    }

    func testSeedsAreDetected() throws {
        let webPage = try String(
            contentsOfFile: try TestSupport.sharedFile("seeds/000_dbd1125ded003d7a.txt"), encoding: .utf8)
        let flattenedRIS = try String(
            contentsOfFile: try TestSupport.sharedFile("seeds/001_a63e5c58032e9d28.txt"), encoding: .utf8)
        XCTAssertEqual(InputFormat.detect(fileName: "000_dbd1125ded003d7a.txt", prefix: webPage), .pubmedWebPage)
        XCTAssertEqual(InputFormat.detect(fileName: "001_a63e5c58032e9d28.txt", prefix: flattenedRIS), .ris)
    }
}
