import Foundation
import GleanReaders
import XCTest

/// Text longer than any abstract or article (over 16 MB in a line, a
/// document or an XML record) is a failure of its own, read past without
/// being held: memory stays bounded, and the records around it are read.
final class OversizedInputTests: XCTestCase {
    /// Just over the 16 MB that readers keep.
    private let oversized = String(repeating: "x ", count: 8 << 20 + 10)
    private let tooLarge = "the text is longer than 16 MB, more than any abstract or article: not read"

    /// Each outcome as its ID and its failure message or text (short texts
    /// only: a failing comparison must not print 16 MB).
    private func summary(ofFile path: String) -> [String] {
        TestSupport.outcomes(ofFile: path).map { outcome in
            switch outcome {
            case .document(let document):
                "\(document.id): " + (document.text.count > 100 ? "\(document.text.count) characters" : document.text)
            case .failure(let failure): "\(failure.id): \(failure.message)"
            }
        }
    }

    func testAOneDocumentFileOverTheLimitFails() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(Data(oversized.utf8), to: "huge.txt", in: folder)
        XCTAssertEqual(summary(ofFile: path), ["huge: \(tooLarge)"])
    }

    func testALineOverTheLimitFailsAloneInJSONLinesAndMedline() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let jsonLines = "{\"pmid\": \"1\", \"title\": \"\(oversized)\"}\n{\"pmid\": \"2\", \"title\": \"B\"}\n"
        let jsonPath = try TestSupport.write(Data(jsonLines.utf8), to: "big.jsonl", in: folder)
        XCTAssertEqual(
            summary(ofFile: jsonPath),
            ["big#1: line 1 is longer than 16 MB, more than any abstract or article: not read", "2: B"])
        let medline = "PMID- 1\nTI  - A\nAB  - \(oversized)\n\nPMID- 2\nTI  - B\n"
        let medlinePath = try TestSupport.write(Data(medline.utf8), to: "big.nbib", in: folder)
        XCTAssertEqual(
            summary(ofFile: medlinePath),
            ["1: line 3 is longer than 16 MB, more than any abstract or article: not read", "2: B"])
    }

    func testAnXMLRecordOverTheLimitFailsAlone() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        func article(_ pmid: String, _ abstract: String) -> String {
            "<PubmedArticle><MedlineCitation><PMID>\(pmid)</PMID><Article><ArticleTitle>T\(pmid)</ArticleTitle>"
                + "<Abstract><AbstractText>\(abstract)</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>"
        }
        let xml =
            "<?xml version=\"1.0\"?>\n<PubmedArticleSet>" + article("1", oversized) + article("2", "Short.")
            + "</PubmedArticleSet>\n"
        let path = try TestSupport.write(Data(xml.utf8), to: "big.xml", in: folder)
        XCTAssertEqual(summary(ofFile: path), ["1: \(tooLarge)", "2: T2\n\nShort."])
    }
}
