import Foundation

/// Which files found inside folders are read, as ripgrep chooses them: by
/// default the types glean reads (`.txt`, `.nbib`, `.ris`, `.enw`, `.xml`,
/// `.nxml`, `.jsonl`, `.html`, each also gzipped, and names without an
/// extension), so a `README.md` or `table.csv` beside the abstracts is
/// skipped and counted, not read as a document; a PDF is named as
/// unsupported. Globs (`-g`) choose instead: `*.txt` reads only what matches
/// (whatever its type), `!*.xml` leaves out what matches. Files named on the
/// command line are always read.
public struct FileSelection: Sendable {
    /// Globs as given: a leading `!` excludes. A glob with a `/` is matched
    /// against the path below the folder given, one without against the name.
    public var globs: [String]

    public init(globs: [String] = []) {
        self.globs = globs
    }

    /// What becomes of a file found in a folder.
    public enum Verdict: Equatable, Sendable {
        case read
        case skip
        /// Not read, with the reason (an error record).
        case unsupported(String)
    }

    /// Extensions (past `.gz`) of the files the readers take; `""` is none.
    public static let documentExtensions: Set<String> = [
        "", "txt", "text", "nbib", "medline", "ris", "enw", "xml", "nxml",
        "jsonl", "ndjson", "html", "htm",
    ]

    /// The verdict on a file at `relativePath` below a folder given on the command line.
    public func verdict(forFileAt relativePath: String) -> Verdict {
        let name = FileName(relativePath)
        guard !globs.isEmpty else { return Self.verdict(forExtension: name.formatExtension) }
        let includes = globs.filter { !$0.hasPrefix("!") }
        let excludes = globs.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
        if excludes.contains(where: { Self.matches($0, relativePath, name.base) }) { return .skip }
        if !includes.isEmpty { return includes.contains { Self.matches($0, relativePath, name.base) } ? .read : .skip }
        return Self.verdict(forExtension: name.formatExtension)
    }

    /// The verdict on a file that no glob names, by its ``FileName/formatExtension``.
    private static func verdict(forExtension type: String) -> Verdict {
        if type == "pdf" { return .unsupported("PDF is not supported: convert it to text first (pdftotext, say)") }
        return documentExtensions.contains(type) ? .read : .skip
    }

    private static func matches(_ glob: String, _ path: String, _ name: String) -> Bool {
        glob.contains("/") ? fnmatch(glob, path, FNM_PATHNAME) == 0 : fnmatch(glob, name, 0) == 0
    }
}
