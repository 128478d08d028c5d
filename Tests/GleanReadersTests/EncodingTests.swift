import Foundation
import GleanReaders
import XCTest

/// Byte-order marks, UTF-16 input and line ends (issue #13, part 3).
final class EncodingTests: XCTestCase {
    private static let risRecord =
        "TY  - JOUR\r\nTI  - Sjögren trial\r\nAB  - Ten patients were enrolled.\r\nER  - \r\n"

    /// `text` as UTF-16 with a byte-order mark.
    private func utf16(_ text: String, bigEndian: Bool) -> Data {
        var data = Data(bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
        for unit in text.utf16 {
            let bytes = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            data.append(contentsOf: bigEndian ? bytes.reversed() : bytes)
        }
        return data
    }

    func testUTF16LittleEndianRISIsDecoded() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(utf16(Self.risRecord, bigEndian: false), to: "endnote.ris", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.document(Document(id: "endnote", source: path, text: "Sjögren trial\n\nTen patients were enrolled."))])
    }

    func testUTF16BigEndianRISIsDecoded() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(
            utf16(Self.risRecord + Self.risRecord, bigEndian: true), to: "export.ris", in: folder)
        XCTAssertEqual(TestSupport.outcomes(ofFile: path).documents.map(\.id), ["export#1", "export#2"])
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path).documents.map(\.text),
            Array(repeating: "Sjögren trial\n\nTen patients were enrolled.", count: 2))
    }

    func testUTF16SurrogatePairAcrossChunksIsKept() throws {
        // After the mark and the filler, the emoji's high surrogate ends the
        // first 64 KiB chunk and its low surrogate starts the next.
        let filler = String(repeating: "a", count: (65_536 - 2) / 2 - 1)
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(
            utf16(filler + "\u{1F48A}\r\nEnd", bigEndian: false), to: "long.txt", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.document(Document(id: "long", source: path, text: filler + "\u{1F48A}\nEnd"))])
    }

    func testUTF16OddByteAtEndIsReplacementCharacter() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(utf16("Cut", bigEndian: false) + [0x41], to: "cut.txt", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path), [.document(Document(id: "cut", source: path, text: "Cut\u{FFFD}"))])
    }

    func testUTF16PubMedXMLDeclaringUTF16IsRead() throws {
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation>"
            + "<PMID>5</PMID><Article><ArticleTitle>Sjögren XML</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n"
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(utf16(xml, bigEndian: false), to: "wide.xml", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path), [.document(Document(id: "5", source: path, text: "Sjögren XML"))])
    }

    func testUTF8ByteOrderMarkDoesNotHideMedlineFormat() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(
            Data([0xEF, 0xBB, 0xBF]) + Data("PMID- 9\nTI  - Marked\n".utf8), to: "bom.txt", in: folder)
        XCTAssertEqual(TestSupport.outcomes(ofFile: path), [.document(Document(id: "9", source: path, text: "Marked"))])
    }

    func testGzippedUTF16IsDecoded() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let plain = try TestSupport.write(utf16(Self.risRecord, bigEndian: false), to: "zipped.ris", in: folder)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let path = plain + ".gz"
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.document(Document(id: "zipped", source: path, text: "Sjögren trial\n\nTen patients were enrolled."))])
    }

    func testLoneCarriageReturnsEndMedlineLines() {
        let medline = "PMID- 11\rTI  - Old Mac\rAB  - Ten patients.\r\rPMID- 12\rTI  - Second\r"
        XCTAssertEqual(
            TestSupport.outcomes(ofText: medline, name: "mac.nbib"),
            [
                .document(Document(id: "11", source: "mac.nbib", text: "Old Mac\n\nTen patients.")),
                .document(Document(id: "12", source: "mac.nbib", text: "Second")),
            ])
    }

    func testLoneCarriageReturnsBecomeLineFeedsInPlainText() {
        XCTAssertEqual(
            TestSupport.outcomes(ofText: "First line\rSecond line\r\nThird\r", name: "mac.txt"),
            [.document(Document(id: "mac", source: "mac.txt", text: "First line\nSecond line\nThird"))])
    }

    func testCRLFSplitAcrossChunksIsOneLineEnd() throws {
        // The CR is the last byte of the first 64 KiB chunk, its LF the first of
        // the next: read as two line ends, the blank line would end the record.
        let title = "TI  - " + String(repeating: "x", count: 65_535 - "PMID- 5\r\n".utf8.count - 6)
        let medline = "PMID- 5\r\n" + title + "\r\nAB  - Abstract after the boundary.\r\n"
        XCTAssertEqual(Array(medline.utf8)[65_535], UInt8(ascii: "\r"))
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(medline, to: "split.nbib", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [
                .document(
                    Document(
                        id: "5", source: path, text: String(title.dropFirst(6)) + "\n\nAbstract after the boundary."))
            ])
    }
}
