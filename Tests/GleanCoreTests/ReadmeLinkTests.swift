import Foundation
import XCTest

/// A clone with nothing beside it has every page the README links to.
final class ReadmeLinkTests: XCTestCase {
    func testEveryReadmeLinkResolvesInsideTheRepository() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
            .standardized
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let links = readme.components(separatedBy: "](").dropFirst().compactMap {
            $0.split(separator: ")").first.map(String.init)
        }
        .filter { !$0.hasPrefix("http") && !$0.hasPrefix("#") }
        XCTAssertFalse(links.isEmpty)
        for link in links {
            let path = String(link.split(separator: "#")[0])
            let target = repository.appendingPathComponent(path).standardized
            XCTAssertTrue(target.path.hasPrefix(repository.path + "/"), "\(link) leaves the repository")
            XCTAssertTrue(FileManager.default.fileExists(atPath: target.path), "\(link) does not exist")
        }
    }
}
