import Foundation
import GleanReaders
import XCTest

/// Replays the fuzz corpus and every input that once crashed or broke the
/// fuzz target's rules (Fuzz/Corpus, Fuzz/Regressions; see scripts/fuzz.sh)
/// through the readers: no crash, at least one document or failure for a
/// file with bytes in it, and no ID twice.
final class FuzzRegressionTests: XCTestCase {
    /// As the fuzz target reads them: the first byte picks the file name.
    static let fileNames = ["a.txt", "a.nbib", "a.ris", "a.enw", "a.xml", "a.nxml", "a.jsonl", "a.txt.gz"]
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz").standardized

    func testFuzzInputsReadWithARecordForEveryFile() throws {
        var replayed = 0
        for folder in ["Regressions", "Corpus"] {
            let url = Self.fuzzFolder.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let input = try Data(contentsOf: url.appendingPathComponent(name))
                guard let first = input.first else { continue }
                let fileName = Self.fileNames[Int(first) % Self.fileNames.count]
                let data = input.dropFirst()
                var ids: [String] = []
                DocumentReader().read(data: Data(data), name: fileName) { outcome in
                    switch outcome {
                    case .document(let document): ids.append(document.id)
                    case .failure(let failure): ids.append(failure.id)
                    }
                }
                if !data.isEmpty { XCTAssertFalse(ids.isEmpty, "\(folder)/\(name) as \(fileName): no record") }
                XCTAssertEqual(Set(ids).count, ids.count, "\(folder)/\(name) as \(fileName): repeated IDs \(ids)")
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 10, "the committed fuzz corpus is missing")
    }
}
