/// The parts of an input's name that readers use.
struct FileName {
    /// The last path component.
    let base: String

    init(_ path: String) {
        guard path != "-" else {
            base = "stdin"
            return
        }
        // The text after the last `/` that is not at the end; the whole path when it is only slashes.
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        let start = path[..<end].lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex
        base = start == end ? path : String(path[start..<end])
    }

    /// The name without its extension, and without `.gz` before that:
    /// `pubmed24n0001.xml.gz` gives `pubmed24n0001`. Records without a PMID are named after it.
    var stem: String {
        var name = Substring(base)
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }

    /// The lower-cased extension that tells the format, looking past `.gz`: `xml` for `a.xml.gz`.
    var formatExtension: String {
        let parts = base.lowercased().split(separator: ".", omittingEmptySubsequences: false).dropFirst()
        let withoutGzip = parts.last == "gz" ? parts.dropLast() : parts
        return withoutGzip.last.map(String.init) ?? ""
    }
}
