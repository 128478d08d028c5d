import Foundation
@testable import GleanCore
@testable import GleanOutput
import GleanReaders
import XCTest

/// The count beside a batch gives the progress bar the number of files in
/// the run's shard, as the batch's own walk finds them.
final class FileCountTests: XCTestCase {
    func testCountsTheFilesOfTheShardAndTheirBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glean-filecount-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Each file holds its own name, so each has a different size.
        for name in ["a/1.txt", "a/22.txt", "b/c/333.txt", "4444.txt", ".hidden.txt", "a/.cache/5.txt", "666666.nbib"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(name.utf8).write(to: url)
        }
        let walker = InputWalker(paths: [folder.path, "/nonexistent/abstracts"])
        // In walk order: 4444.txt, 666666.nbib, a/1.txt, a/22.txt, b/c/333.txt, then the missing path.
        XCTAssertEqual(walker.entries().count, 6)
        XCTAssertEqual(
            FileCount(walker, shard: nil).waitForTotal(), FileCount.Total(files: 6, bytes: 8 + 11 + 7 + 8 + 11))
        XCTAssertEqual(FileCount(walker, shard: Shard("1/4")).waitForTotal(), FileCount.Total(files: 2, bytes: 8 + 11))
        XCTAssertEqual(FileCount(walker, shard: Shard("2/4")).waitForTotal(), FileCount.Total(files: 2, bytes: 11))
        XCTAssertEqual(FileCount(walker, shard: Shard("4/4")).waitForTotal(), FileCount.Total(files: 1, bytes: 8))
    }
}
