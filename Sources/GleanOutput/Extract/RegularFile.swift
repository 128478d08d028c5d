import Foundation
import GleanCore
import GleanReaders

/// The size of a file to read, by `stat(2)` (not Foundation's attribute
/// dictionary: this runs once per file of a batch).
enum RegularFile {
    /// The size in bytes of the regular file at `path`; nil for standard
    /// input, a missing file and anything that is not a regular file.
    static func size(atPath path: String) -> Int? {
        guard path != DocumentReader.standardInputPath else { return nil }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}
