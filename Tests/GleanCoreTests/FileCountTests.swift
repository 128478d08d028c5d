import Foundation
@testable import GleanCore
import GleanReaders
import XCTest

/// The count beside a batch gives the progress bar the number of files in
/// the run's shard, as the batch's own walk finds them.
final class FileCountTests: XCTestCase {
    func testCountsTheFilesOfTheShard() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-filecount-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a/1.txt", "a/2.txt", "b/c/3.txt", "4.txt", ".hidden.txt", "a/.cache/5.txt", "6.nbib"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let walker = InputWalker(paths: [folder.path, "/nonexistent/abstracts"])
        // Five visible files and one failure: positions 0-5 in the walk.
        XCTAssertEqual(walker.entries().count, 6)
        XCTAssertEqual(FileCount(walker, shard: nil).waitForTotal(), 6)
        XCTAssertEqual(FileCount(walker, shard: Shard("1/4")).waitForTotal(), 2)
        XCTAssertEqual(FileCount(walker, shard: Shard("4/4")).waitForTotal(), 1)
    }
}
