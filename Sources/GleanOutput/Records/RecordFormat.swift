import Foundation
import GleanCore

/// How extraction output is written: one JSON object per document (the
/// FIELDS.md record), or CSV for spreadsheets: one row per fact, and one for
/// each document without facts (its fact columns empty, its error, if any, in
/// the last), so every document read is a row.
public enum RecordFormat: String, Sendable, CaseIterable {
    case jsonl
    case csv

    /// A CSV column of a field's value: `dose_unit`, `cohort_size_n`.
    public struct ValueColumn: Sendable, Equatable {
        public let field: String
        public let name: String
        public var title: String { field + "_" + name }

        public init(field: String, name: String) {
            self.field = field
            self.name = name
        }

        /// Every value of every field of a rule set, field by field.
        public static func all(of fields: some Sequence<(key: String, value: FieldSchema)>) -> [ValueColumn] {
            fields.flatMap { field, schema in schema.allValueNames.map { ValueColumn(field: field, name: $0) } }
        }
    }

    /// Text written once before the records.
    public func header(columns: [ValueColumn]) -> String {
        switch self {
        case .jsonl: return ""
        case .csv:
            return CSVRow.line(
                ["id", "source", "field"] + columns.map(\.title) + ["text", "start", "end", "rule", "error"])
        }
    }

    /// The record's text, with a line break after each line.
    public func render(_ record: DocumentRecord, columns: [ValueColumn]) -> String {
        switch self {
        case .jsonl:
            return record.jsonLine + "\n"
        case .csv:
            guard record.error == nil, !record.facts.isEmpty else {
                return CSVRow.line(
                    [record.id, record.source, ""] + columns.map { _ in "" } + ["", "", "", "", record.error ?? ""])
            }
            return record.facts.map { fact in
                CSVRow.line(
                    [record.id, record.source, fact.field]
                        + columns.map { $0.field == fact.field ? fact.values[$0.name]?.description ?? "" : "" }
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
