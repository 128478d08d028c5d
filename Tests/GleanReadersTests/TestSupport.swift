import Foundation
import GleanReaders
import XCTest

/// Reading helpers and fixture locations shared by the reader tests.
enum TestSupport {
    /// `/work/shared`: the repository's sibling `shared` folder.
    static let sharedFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("../../../shared")
        .standardized

    /// A file under the shared folder; skips the test when the folder is missing.
    static func sharedFile(_ relativePath: String) throws -> String {
        guard FileManager.default.fileExists(atPath: sharedFolder.path) else {
            throw XCTSkip("shared folder missing at \(sharedFolder.path)")
        }
        return sharedFolder.appendingPathComponent(relativePath).path
    }

    static func outcomes(ofFile path: String) -> [ReadOutcome] {
        var outcomes: [ReadOutcome] = []
        DocumentReader().read(file: path) { outcomes.append($0) }
        return outcomes
    }

    static func outcomes(ofText text: String, name: String) -> [ReadOutcome] {
        var outcomes: [ReadOutcome] = []
        DocumentReader().read(text: text, name: name) { outcomes.append($0) }
        return outcomes
    }

    /// A new empty folder, removed when the test ends.
    static func temporaryFolder(for testCase: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("glean-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        testCase.addTeardownBlock {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        return folder
    }

    /// Writes `contents` to `name` in `folder` and returns the path.
    @discardableResult
    static func write(_ contents: Data, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url)
        return url.path
    }

    @discardableResult
    static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        try write(Data(text.utf8), to: name, in: folder)
    }
}

extension ReadOutcome {
    var document: Document? {
        if case .document(let document) = self { return document }
        return nil
    }

    var failure: ReadFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension Array where Element == ReadOutcome {
    var documents: [Document] { compactMap(\.document) }
    var failures: [ReadFailure] { compactMap(\.failure) }
}
