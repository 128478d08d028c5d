import Foundation
import GleanReaders
import XCTest

/// Files that cannot be read become failures, and never stop the reading of others.
final class FileFailureTests: XCTestCase {
    func testEmptyFileIsAFailure() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write("", to: "empty.txt", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.failure(ReadFailure(id: "empty", source: path, message: "empty file"))])
    }

    func testBinaryFileIsAFailure() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(
            Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]), to: "image.txt", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.failure(ReadFailure(id: "image", source: path, message: "binary content (NUL byte), not text"))])
    }

    func testInvalidUTF8PlainTextIsAFailure() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write(
            Data("Line one\nLine \u{E9}".utf8.dropLast(2) + [0xE9, 0x0A]), to: "latin1.txt", in: folder)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.failure(ReadFailure(id: "latin1", source: path, message: "invalid UTF-8 on line 2"))])
    }

    func testMissingFileIsAFailure() {
        let outcomes = TestSupport.outcomes(ofFile: "/nonexistent/folder/gone.xml")
        XCTAssertEqual(
            outcomes,
            [
                .failure(
                    ReadFailure(
                        id: "gone", source: "/nonexistent/folder/gone.xml", message: "cannot read file: no such file"))
            ])
    }

    func testFolderReadAsFileIsAFailure() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: folder.path).map(\.failure?.message), ["cannot read file: is a folder"])
    }

    func testUnreadableFileIsAFailure() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let path = try TestSupport.write("Some text.", to: "locked.txt", in: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        guard !FileManager.default.isReadableFile(atPath: path) else {
            throw XCTSkip("running with permission to read any file (root)")
        }
        XCTAssertEqual(
            TestSupport.outcomes(ofFile: path),
            [.failure(ReadFailure(id: "locked", source: path, message: "cannot read file: permission denied"))])
    }

    func testErrorThrownByCallerStopsReadingAndIsRethrown() throws {
        struct Enough: Error {}
        var seen: [String] = []
        // Outside the assertion, so a missing shared folder skips the test instead of failing it.
        let path = try TestSupport.sharedFile("formats/medline/biopython_pubmed_result2.txt")
        XCTAssertThrowsError(
            try DocumentReader().read(file: path) { outcome in
                seen.append(outcome.document?.id ?? "failure")
                if seen.count == 2 { throw Enough() }
            }
        ) { XCTAssertTrue($0 is Enough) }
        XCTAssertEqual(seen, ["16403221", "16377612"])
    }

    func testFolderOfGoodAndBadFilesReadsEverything() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        try TestSupport.write("", to: "a-empty.txt", in: folder)
        try TestSupport.write("PMID- 7\nTI  - Seven\n", to: "b.nbib", in: folder)
        try TestSupport.write(Data([0, 1, 2]), to: "c.txt", in: folder)
        try TestSupport.write("Plain words.", to: "d.txt", in: folder)
        var outcomes: [ReadOutcome] = []
        DocumentReader().read(paths: [folder.path]) { outcomes.append($0) }
        XCTAssertEqual(
            outcomes.map { $0.document?.id ?? "failure:\($0.failure!.id)" }, ["failure:a-empty", "7", "failure:c", "d"])
    }
}
