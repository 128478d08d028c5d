import Foundation
import GleanCore

/// One line of extraction output, as FIELDS.md "Output record" defines it:
/// `id`, `source` and `facts`, or `error` for a document that could not be read.
public struct DocumentRecord: Sendable, Hashable {
    public var id: String
    public var source: String
    public var facts: [Fact]
    /// Why the document could not be read; such a record has no facts.
    public var error: String?
    /// Problems that cost some rules their matches (kept out of the JSON's required keys).
    public var warnings: [String]
    /// Which glean and which rules made the record (added keys `glean` and
    /// `rules`), so two runs' outputs can be told apart.
    public var provenance: Provenance?

    /// The release of glean and the digest of its rule set (``RuleSet/digest``).
    public struct Provenance: Sendable, Hashable {
        public var version: String
        public var rules: String

        public init(version: String, rules: String) {
            self.version = version
            self.rules = rules
        }
    }

    public init(id: String, source: String, facts: [Fact], error: String? = nil, warnings: [String] = []) {
        self.id = id
        self.source = source
        self.facts = facts
        self.error = error
        self.warnings = warnings
    }

    /// The record as one line of JSON (without the newline).
    public var jsonLine: String {
        var json = JSONWriter()
        json.raw("{")
        json.key("id")
        json.string(id)
        json.nextKey("source")
        json.string(source)
        if let error {
            json.nextKey("error")
            json.string(error)
        }
        json.nextKey("facts")
        json.array(facts) { $0.fact($1) }
        if !warnings.isEmpty {
            json.nextKey("warnings")
            json.array(warnings) { $0.string($1) }
        }
        if let provenance {
            json.nextKey("glean")
            json.string(provenance.version)
            json.nextKey("rules")
            json.string(provenance.rules)
        }
        json.raw("}")
        return json.output
    }

    /// Reads a record back from a JSON line (for `glean diff` and `--baseline`).
    public init(jsonLine: String) throws {
        let decoded: StoredRecord
        do {
            decoded = try JSONDecoder().decode(StoredRecord.self, from: Data(jsonLine.utf8))
        } catch {
            throw RecordFormatError(
                message: "not an extraction record (\(Self.plainWords(error))): is it glean's JSON Lines output?")
        }
        id = decoded.id
        source = decoded.source ?? ""
        error = decoded.error
        warnings = decoded.warnings ?? []
        facts = (decoded.facts ?? []).map { stored in
            var values = FactValues()
            for key in stored.values.keys.sorted() { values[key] = stored.values[key]!.value }
            return Fact(
                field: stored.field, values: values, rule: stored.rule ?? "", text: stored.text ?? "",
                start: stored.start ?? 0, end: stored.end ?? 0)
        }
    }
}

/// The JSON shape of a record, for reading it back.
private struct StoredRecord: Decodable {
    struct StoredFact: Decodable {
        var field: String
        var values: [String: StoredValue]
        var rule: String?
        var text: String?
        var start: Int?
        var end: Int?
    }
    struct StoredValue: Decodable {
        var value: FactValue
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                value = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else {
                value = FactValue(parsing: try container.decode(String.self))
            }
        }
    }
    var id: String
    var source: String?
    var error: String?
    var warnings: [String]?
    var facts: [StoredFact]?
}

extension DocumentRecord {
    /// Why a line did not decode, in words: not JSON, a key missing, a value of another kind.
    static func plainWords(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted?: return "not JSON"
        case let .keyNotFound(key, _)?: return "no \"\(key.stringValue)\""
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
            return
                "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is not what a record holds there"
        default: return "\(error)"
        }
    }
}

/// A line that is not an extraction record.
public struct RecordFormatError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
