import Foundation
import GleanCore
import OrderedCollections

/// What a batch run did, for the summary printed at its end.
public struct BatchSummary: Sendable {
    public var files = 0
    public var documents = 0
    public var documentsWithFacts = 0
    public var factsPerField: OrderedDictionary<String, Int> = [:]
    /// Documents and files that could not be read.
    public var errors = 0
    /// Documents where a rule hit a match limit.
    public var warnings = 0
    /// Files inside folders left out as not documents (``FileSelection``).
    public var skippedFiles = 0
    public var bytes = 0
    public var seconds = 0.0
    /// Time per rule and stage, when the run measured it.
    public var times: ExtractionTimes?

    public init() {}

    public var facts: Int { factsPerField.values.reduce(0, +) }

    mutating func add(_ record: DocumentRecord) {
        documents += 1
        if record.error != nil { errors += 1 }
        if !record.facts.isEmpty { documentsWithFacts += 1 }
        if !record.warnings.isEmpty { warnings += 1 }
        for fact in record.facts { factsPerField[fact.field, default: 0] += 1 }
    }

    mutating func merge(_ other: BatchSummary) {
        files += other.files
        documents += other.documents
        documentsWithFacts += other.documentsWithFacts
        errors += other.errors
        warnings += other.warnings
        bytes += other.bytes
        for (field, count) in other.factsPerField { factsPerField[field, default: 0] += count }
        if let measured = other.times {
            var merged = times ?? ExtractionTimes()
            merged.merge(measured)
            times = merged
        }
    }

    /// The lines printed on standard error after a run.
    public var report: String {
        let rate = seconds > 0 ? Double(documents) / seconds : 0
        let megabytes = Double(bytes) / 1_048_576
        var lines = [
            "files: \(files)  documents: \(documents)  with facts: \(documentsWithFacts)  errors: \(errors)"
                + (warnings > 0 ? "  warnings: \(warnings)" : "")
                + (skippedFiles > 0 ? "  skipped: \(skippedFiles) files of other types (-g chooses)" : ""),
            "facts: \(facts)"
                + (factsPerField.isEmpty
                    ? "" : " (" + factsPerField.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"),
        ]
        lines.append(
            String(
                format: "elapsed: %.2f s  throughput: %.0f documents/s, %.1f MB/s", seconds, rate,
                seconds > 0 ? megabytes / seconds : 0))
        return lines.joined(separator: "\n")
    }
}
