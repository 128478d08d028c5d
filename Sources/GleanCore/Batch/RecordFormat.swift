import Foundation

/// How extraction output is written: one JSON object per document (the
/// FIELDS.md record), or one CSV row per fact for spreadsheets.
public enum RecordFormat: String, Sendable, CaseIterable {
    case jsonl
    case csv

    /// Text written once before the records.
    public func header(valueNames: [String]) -> String {
        switch self {
        case .jsonl: return ""
        case .csv: return CSVRow.line(["id", "source", "field"] + valueNames + ["text", "start", "end", "rule", "error"])
        }
    }

    /// The record's text, with a line break after each line.
    public func render(_ record: DocumentRecord, valueNames: [String]) -> String {
        switch self {
        case .jsonl:
            return record.jsonLine + "\n"
        case .csv:
            if let error = record.error {
                return CSVRow.line([record.id, record.source, ""] + valueNames.map { _ in "" } + ["", "", "", "", error])
            }
            return record.facts.map { fact in
                CSVRow.line([record.id, record.source, fact.field]
                    + valueNames.map { fact.values[$0]?.description ?? "" }
                    + [fact.text, String(fact.start), String(fact.end), fact.rule, ""])
            }.joined()
        }
    }
}

/// RFC 4180 rows: fields with commas, quotes or line breaks are quoted, and
/// a field a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
/// gets a leading apostrophe.
enum CSVRow {
    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+@\t\r".contains(first) || (first == "-" && Double(text) == nil) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
