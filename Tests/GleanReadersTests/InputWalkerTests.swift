import Foundation
import GleanReaders
import XCTest

final class InputWalkerTests: XCTestCase {
    private func files(_ entries: [InputWalker.Entry], relativeTo folder: URL) -> [String] {
        entries.compactMap {
            guard case .file(let path) = $0 else { return nil }
            return String(path.dropFirst(folder.path.count + 1))
        }
    }

    func testFilesComeSortedByPathBytesWithoutHiddenOnes() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        for name in [
            "b.txt", "a/z.txt", "a-c.txt", "B.txt", "a/.hidden.txt", ".git/config", "sub/.cache/x.txt",
            "sub/deep/y.xml",
        ] {
            try TestSupport.write("text", to: name, in: folder)
        }
        let entries = InputWalker(paths: [folder.path]).entries()
        // "-" (0x2D) sorts before "/" (0x2F), and capitals before lower case.
        XCTAssertEqual(files(entries, relativeTo: folder), ["B.txt", "a-c.txt", "a/z.txt", "b.txt", "sub/deep/y.xml"])
    }

    func testPathsKeepCommandLineOrderAndNamedHiddenFilesCount() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let second = try TestSupport.write("x", to: "z.txt", in: folder)
        let hidden = try TestSupport.write("x", to: ".named.txt", in: folder)
        XCTAssertEqual(
            InputWalker(paths: [second, "-", hidden]).entries(), [.file(second), .file("-"), .file(hidden)])
    }

    /// A file found in a folder comes with its size (a link's is its target's); a file named as such without one.
    func testFilesInFoldersComeWithTheirSizes() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        try TestSupport.write("four", to: "a.txt", in: folder)
        try TestSupport.write("eleven byte", to: "sub/b.txt", in: folder)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("c.txt").path,
            withDestinationPath: folder.appendingPathComponent("sub/b.txt").path)
        let named = try TestSupport.write("xy", to: "named.txt", in: TestSupport.temporaryFolder(for: self))
        var sizes: [String: Int?] = [:]
        InputWalker(paths: [folder.path, named]).walk { (entry: InputWalker.Entry, size: Int?) in
            if case .file(let path) = entry { sizes[(path as NSString).lastPathComponent] = size }
        }
        XCTAssertEqual(sizes.count, 4)
        XCTAssertEqual(sizes["a.txt"], 4)
        XCTAssertEqual(sizes["b.txt"], 11)
        XCTAssertEqual(sizes["c.txt"], 11)
        XCTAssertEqual(sizes["named.txt"], .some(nil))
    }

    func testSymlinksAreFollowedWithoutLooping() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        let outside = try TestSupport.temporaryFolder(for: self)
        try TestSupport.write("x", to: "data/one.txt", in: folder)
        try TestSupport.write("x", to: "two.txt", in: outside)
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("data/loop").path, withDestinationPath: folder.path)
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("data/self").path, withDestinationPath: ".")
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.txt").path,
            withDestinationPath: folder.appendingPathComponent("data/one.txt").path)
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("elsewhere").path, withDestinationPath: outside.path)
        try fileManager.createSymbolicLink(
            atPath: folder.appendingPathComponent("dangling.txt").path, withDestinationPath: "/nonexistent/target")

        let entries = InputWalker(paths: [folder.path]).entries()
        XCTAssertEqual(files(entries, relativeTo: folder), ["data/one.txt", "elsewhere/two.txt", "link.txt"])
        XCTAssertEqual(
            entries.compactMap { if case .failure(let failure) = $0 { failure } else { nil } },
            [
                ReadFailure(
                    id: "dangling", source: folder.appendingPathComponent("dangling.txt").path,
                    message: "broken symbolic link")
            ])
    }

    func testMissingPathIsAFailure() {
        XCTAssertEqual(
            InputWalker(paths: ["/nonexistent/abstracts"]).entries(),
            [
                .failure(
                    ReadFailure(id: "abstracts", source: "/nonexistent/abstracts", message: "no such file or folder"))
            ])
    }

    /// A named pipe inside a folder would block the walk forever when
    /// opened: it is a failure, directly or through a link; one named on the
    /// command line is a file to read.
    func testNamedPipesInsideAFolderAreFailuresAndNamedOnesAreRead() throws {
        let folder = try TestSupport.temporaryFolder(for: self)
        try TestSupport.write("x", to: "a.txt", in: folder)
        let pipe = folder.appendingPathComponent("b.fifo").path
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("c.txt").path, withDestinationPath: "b.fifo")
        let message =
            "not a regular file (a named pipe, socket or device), so not read inside a folder; name it on the command line to read it"
        XCTAssertEqual(
            InputWalker(paths: [folder.path]).entries(),
            [
                .file(folder.appendingPathComponent("a.txt").path),
                .failure(ReadFailure(id: "b", source: pipe, message: message)),
                .failure(ReadFailure(id: "c", source: folder.appendingPathComponent("c.txt").path, message: message)),
            ])
        XCTAssertEqual(InputWalker(paths: [pipe]).entries(), [.file(pipe)])
    }
}
