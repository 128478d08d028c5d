/// The parts of an input's name that readers use. They are found in the
/// name's UTF-8 bytes (`/` and `.` are ASCII and never part of another
/// character): this runs several times for each of thousands of files.
struct FileName {
    /// The last path component.
    let base: String

    init(_ path: String) {
        guard path != "-" else {
            base = "stdin"
            return
        }
        // The text after the last `/` that is not at the end; the whole path when it is only slashes.
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == Self.slash { end = utf8.index(before: end) }
        let start = utf8[..<end].lastIndex(of: Self.slash).map(utf8.index(after:)) ?? utf8.startIndex
        base = start == end ? path : String(path[start..<end])
    }

    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// The name without its extension, and without `.gz` before that:
    /// `pubmed24n0001.xml.gz` gives `pubmed24n0001`. Records without a PMID are named after it.
    var stem: String {
        var name = Substring(base).utf8
        if Self.hasGzipSuffix(name) { name = name.dropLast(3) }
        if let dot = name.lastIndex(of: Self.dot), dot != name.startIndex { name = name[..<dot] }
        return String(Substring(name))
    }

    /// The lower-cased extension that tells the format, looking past `.gz`:
    /// `xml` for `a.xml.gz`; empty when the name has none (the part before
    /// the first dot never counts, even when it is empty: `.txt` gives `txt`).
    var formatExtension: String {
        var name = Substring(base).utf8
        if Self.hasGzipSuffix(name) { name = name.dropLast(3) }
        guard let lastDot = name.lastIndex(of: Self.dot) else { return "" }
        return Self.asciiLowercased(name[name.index(after: lastDot)...])
    }

    /// Whether `name` ends in `.gz`, in any case.
    private static func hasGzipSuffix(_ name: Substring.UTF8View) -> Bool {
        name.count >= 3 && asciiLowercased(name.suffix(3)) == ".gz"
    }

    /// `bytes` with ASCII capitals made small; other characters as they are
    /// (none of them lower-cases to ASCII but the Kelvin sign, which no
    /// extension glean reads contains).
    private static func asciiLowercased(_ bytes: Substring.UTF8View) -> String {
        guard bytes.contains(where: { $0 &- UInt8(ascii: "A") < 26 }) else { return String(Substring(bytes)) }
        return String(decoding: bytes.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
