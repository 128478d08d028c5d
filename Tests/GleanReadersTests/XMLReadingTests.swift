import Foundation
@testable import GleanReaders
import XCTest

/// PubMed XML details: markup, entities, external entities, corruption, gzip.
final class XMLReadingTests: XCTestCase {
    private func pubmedSet(_ articles: String...) -> String {
        "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" + articles.joined(separator: "\n") + "\n</PubmedArticleSet>\n"
    }

    private func article(pmid: String, title: String, abstract: String) -> String {
        """
        <PubmedArticle><MedlineCitation><PMID Version="1">\(pmid)</PMID><Article>
        <ArticleTitle>\(title)</ArticleTitle><Abstract>\(abstract)</Abstract>
        </Article></MedlineCitation></PubmedArticle>
        """
    }

    func testInlineMarkupIsFlattened() {
        let xml = pubmedSet(
            article(
                pmid: "1", title: "Effect of <i>drug</i> on H<sub>2</sub>O",
                abstract:
                    "<AbstractText Label=\"METHODS\">Patients got   1.3 mg/m<sup>2</sup> of <b>bortezomib</b>\n on day 1.</AbstractText>"
            ))
        let documents = TestSupport.outcomes(ofText: xml, name: "markup.xml").documents
        XCTAssertEqual(
            documents.map(\.text), ["Effect of drug on H2O\n\nMETHODS: Patients got 1.3 mg/m2 of bortezomib on day 1."])
    }

    /// `<?target?>` (no data) made Foundation's XMLParser read a null pointer
    /// and crash the process (found by fuzzing); it is read as `<?target ?>`,
    /// also when a chunk boundary falls inside it.
    func testProcessingInstructionsWithoutDataAreRead() throws {
        let abstract = "<AbstractText>Twelve patients<?linebreak?> were enrolled.</AbstractText>"
        let xml = pubmedSet(article(pmid: "1", title: "<?properties?>A", abstract: abstract))
        let documents = TestSupport.outcomes(ofText: xml, name: "instructions.xml").documents
        XCTAssertEqual(documents.map(\.text), ["A\n\nTwelve patients were enrolled."])
        // In a file, read 64 KiB at a time: the instruction across the end of the first chunk.
        let head = "<?xml version=\"1.0\"?>\n<PubmedArticleSet><!--"
        let second = article(pmid: "2", title: "<?p?>B", abstract: abstract)
        let instruction = second.utf8.count - second.drop { $0 != "?" }.utf8.count - 1
        let padding = String(repeating: "x", count: 65_536 - 2 - head.utf8.count - 3 - instruction)
        let split = head + padding + "-->" + second + "</PubmedArticleSet>\n"
        XCTAssertEqual(String(decoding: Array(split.utf8)[65_534..<65_538], as: UTF8.self), "<?p?")
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(Data(split.utf8), to: "split.xml", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path).documents.map(\.text), ["B\n\nTwelve patients were enrolled."])
        let fixed = ByteInputStream.givingInstructionsData(
            Data("<?a?><?xml version=\"1.0\"?><b>?></b><?c d?><?e?>".utf8))
        XCTAssertEqual(String(decoding: fixed, as: UTF8.self), "<?a ?><?xml version=\"1.0\"?><b>?></b><?c d?><?e ?>")
    }

    func testEntitiesAreDecoded() {
        let xml = pubmedSet(
            article(
                pmid: "2", title: "A &amp; B",
                abstract:
                    "<AbstractText>p &lt; 0.05 &#x3b1; &#946; &quot;quoted&quot; &apos;x&apos; &gt;3</AbstractText>"))
        let documents = TestSupport.outcomes(ofText: xml, name: "entities.xml").documents
        XCTAssertEqual(documents.map(\.text), ["A & B\n\np < 0.05 \u{3B1} \u{3B2} \"quoted\" 'x' >3"])
    }

    func testOtherAbstractAndCitedPMIDsAreIgnored() {
        let xml = pubmedSet(
            """
            <PubmedArticle><MedlineCitation><PMID>10</PMID><Article><ArticleTitle>Title</ArticleTitle>
            <Abstract><AbstractText>English.</AbstractText></Abstract></Article>
            <OtherAbstract Language="fr"><AbstractText>French.</AbstractText></OtherAbstract>
            <CommentsCorrectionsList><CommentsCorrections><PMID>99</PMID></CommentsCorrections></CommentsCorrectionsList>
            </MedlineCitation></PubmedArticle>
            """)
        let documents = TestSupport.outcomes(ofText: xml, name: "other.xml").documents
        XCTAssertEqual(documents, [Document(id: "10", source: "other.xml", text: "Title\n\nEnglish.")])
    }

    func testBookArticleIsRead() {
        let xml = pubmedSet(
            """
            <PubmedBookArticle><BookDocument><PMID>20301295</PMID><Book><BookTitle>GeneReviews</BookTitle></Book>
            <ArticleTitle>Lupus Overview</ArticleTitle><Abstract><AbstractText Label="SUMMARY">A chapter.</AbstractText></Abstract>
            </BookDocument></PubmedBookArticle>
            """)
        let documents = TestSupport.outcomes(ofText: xml, name: "book.xml").documents
        XCTAssertEqual(documents.map(\.id), ["20301295"])
        XCTAssertEqual(documents.map(\.text), ["Lupus Overview\n\nSUMMARY: A chapter."])
    }

    func testExternalEntityIsNotExpanded() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let secret = try TestSupport.write("TOP-SECRET-CONTENT", to: "secret.txt", in: folder)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE PubmedArticleSet [<!ENTITY secret SYSTEM "file://\(secret)">]>
            <PubmedArticleSet>
            \(article(pmid: "3", title: "Before &secret; after", abstract: "<AbstractText>Text &secret; here.</AbstractText>"))
            </PubmedArticleSet>
            """
        let path = try TestSupport.write(xml, to: "xxe.xml", in: folder)
        let outcomes = TestSupport.outcomes(ofFile: path)
        XCTAssertEqual(outcomes.documents.map(\.id), ["3"])
        XCTAssertFalse(outcomes.documents.contains { $0.text.contains("TOP-SECRET") })
        XCTAssertTrue(outcomes.documents[0].text.hasPrefix("Before"))
    }

    func testCorruptXMLKeepsEarlierRecordsThenFails() throws {
        let xml = pubmedSet(
            article(pmid: "11", title: "First", abstract: "<AbstractText>One.</AbstractText>"),
            article(pmid: "12", title: "Second", abstract: "<AbstractText>Two.</AbstractText>"),
            article(pmid: "13", title: "Third", abstract: "<AbstractText>Broken.</Abstract>"),
            article(pmid: "14", title: "Fourth", abstract: "<AbstractText>Never read.</AbstractText>"))
        let folder = try TestSupport.temporaryFolder(for: self)
        let outcomes = TestSupport.outcomes(ofFile: try TestSupport.write(xml, to: "corrupt.xml", in: folder))
        XCTAssertEqual(outcomes.count, 3)
        XCTAssertEqual(outcomes.prefix(2).map(\.document?.text), ["First\n\nOne.", "Second\n\nTwo."])
        let failure = try XCTUnwrap(outcomes.last?.failure)
        XCTAssertEqual(failure.id, "corrupt")
        XCTAssertTrue(failure.message.hasPrefix("malformed XML near line"), failure.message)
    }

    func testTruncatedXMLKeepsEarlierRecordsThenFails() {
        let xml = pubmedSet(
            article(pmid: "21", title: "Whole", abstract: "<AbstractText>Kept.</AbstractText>"),
            article(pmid: "22", title: "Cut", abstract: "<AbstractText>Lost.</AbstractText>"))
        let truncated = String(xml.prefix(xml.count - "ubmedArticle>\n</PubmedArticleSet>\n".count))
        let outcomes = TestSupport.outcomes(ofText: truncated, name: "cut.xml")
        XCTAssertEqual(outcomes.documents.map(\.id), ["21"])
        XCTAssertEqual(outcomes.failures.count, 1)
        XCTAssertTrue(outcomes.last?.failure?.message.contains("malformed XML") ?? false)
    }

    func testGzippedPubMedXMLIsDecompressed() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let original = try TestSupport.sharedFile("formats/pubmed_xml/biopython_pubmed4.xml")
        let compressed = folder.appendingPathComponent("pubmed4.xml.gz").path
        try Self.gzip(original, to: compressed)

        let outcomes = TestSupport.outcomes(ofFile: compressed)
        XCTAssertEqual(outcomes.failures, [])
        XCTAssertEqual(outcomes.documents.map(\.id), ["27797938"])
        XCTAssertEqual(outcomes.documents.map(\.text), TestSupport.outcomes(ofFile: original).documents.map(\.text))
    }

    func testTruncatedGzipIsAFailure() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let compressed = folder.appendingPathComponent("medline.txt.gz").path
        try Self.gzip(try TestSupport.sharedFile("formats/medline/biopython_pubmed_result2.txt"), to: compressed)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: compressed))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: compressed))

        let outcomes = TestSupport.outcomes(ofFile: compressed)
        let failure = try XCTUnwrap(outcomes.last?.failure)
        XCTAssertEqual(failure.id, "medline")
        XCTAssertTrue(failure.message.hasPrefix("cannot decompress"), failure.message)
    }

    private static func gzip(_ source: String, to destination: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", source]
        XCTAssertTrue(FileManager.default.createFile(atPath: destination, contents: nil))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
