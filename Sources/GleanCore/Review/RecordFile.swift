import Foundation

/// A JSON Lines file of extraction records, as `glean extract` writes it.
public enum RecordFile {
    /// Every record in the file at `path`; blank lines are skipped.
    /// Throws a ``RecordFormatError`` naming the line that is not a record.
    public static func read(_ path: String) throws -> [DocumentRecord] {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RecordFormatError(message: "\(path): cannot read: \(error.localizedDescription)")
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
