import Foundation
import GleanCore

/// A JSON Lines file of extraction records, as `glean extract` writes it.
public enum RecordFile {
    /// Every record in the file at `path`; blank lines are skipped.
    /// Throws a ``RecordFormatError`` naming the line that is not a record.
    public static func read(_ path: String) throws -> [DocumentRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            throw RecordFormatError(message: "\(path): cannot read: \(reason)")
        }
        guard let contents = String(data: data, encoding: .utf8) else {
            throw RecordFormatError(message: "\(path): not UTF-8 text, so not glean's JSON Lines output")
        }
        var records: [DocumentRecord] = []
        for (index, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                records.append(try DocumentRecord(jsonLine: String(line)))
            } catch {
                throw RecordFormatError(message: "\(path):\(index + 1): \(error)")
            }
        }
        return records
    }
}
