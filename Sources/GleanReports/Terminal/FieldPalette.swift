import GleanCore
import GleanDigest
import GleanOutput

/// One ANSI colour per field, chosen by its name (so a field has the same
/// colour in every document and command); plain text when not `colored`.
struct FieldPalette {
    static let codes = ["32", "36", "33", "35", "34", "31"]
    let fields: [String]
    let colored: Bool

    init(fields: [String], colored: Bool) {
        self.colored = colored
        var seen: [String] = []
        for field in fields where !seen.contains(field) { seen.append(field) }
        self.fields = seen
    }

    func paint(_ text: String, field: String, underlined: Bool = false) -> String {
        guard colored else { return text }
        let hash = FNV1a.hash(lowercasing: Array(field.utf8))
        let code = FieldPalette.codes[Int(hash % UInt64(FieldPalette.codes.count))]
        return "\u{1B}[\(underlined ? "4;" : "")\(code)m\(text)\u{1B}[0m"
    }
}
