/// The parts of an input's name that readers use.
struct FileName {
    /// The last path component.
    let base: String

    init(_ path: String) {
        base = path == "-" ? "stdin" : String(path.split(separator: "/").last ?? Substring(path))
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
