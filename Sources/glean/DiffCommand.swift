import ArgumentParser
import Foundation
import GleanCore
import GleanOutput
import GleanReports

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare two extraction runs (JSON Lines): facts added (+), removed (-), changed (~) and found by another rule (*) per document, and a summary per field and rule.",
        discussion: """
            Facts are matched by document, field and span, then by values when their text moved. Sentences are \
            shown when the documents' source files can still be read. \
            Exit status: 0 with no differences, 1 with differences, 2 on error.
            """
    )

    @Argument(help: ArgumentHelp("The earlier run's output.", valueName: "old.jsonl"))
    var old: String

    @Argument(help: ArgumentHelp("The later run's output.", valueName: "new.jsonl"))
    var new: String

    @Flag(help: "Print the differences as one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    func run() throws {
        let oldRecords = try Self.records(old)
        let newRecords = try Self.records(new)
        let diff = ExtractionDiff(old: oldRecords, new: newRecords)
        let runFolders = [old, new].map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "." : $0 }
        let texts = DocumentTextLookup(searchFolders: runFolders).texts(of: diff.documents.map(\.key))
        if let html {
            try Self.write(HTMLReport.diff(diff, texts: texts, subtitle: "\(old) → \(new)"), to: html)
        }
        print(json ? diff.json(texts: texts) : diff.report(texts: texts, colored: Terminal.standardOutputIsTerminal))
        if diff.hasDifferences { throw ExitCode(1) }
    }

    /// The records of a JSON Lines file; exits 2 when it cannot be read.
    static func records(_ path: String) throws -> [DocumentRecord] {
        do {
            return try RecordFile.read(path)
        } catch {
            Terminal.standardError.write("glean: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// Writes a report atomically; exits 2 when it cannot be written.
    static func write(_ report: String, to path: String) throws {
        do {
            let sink = try OutputSink(atomicallyAt: path)
            sink.write(report)
            try sink.commit()
        } catch {
            Terminal.standardError.write("glean: cannot write \(path): \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
    }
}

/// What `extract --baseline` and `extract --html` do with a run's records:
/// print the diff summary against the baseline on standard error, and write
/// the HTML report (a diff report when there is a baseline).
struct RunReview {
    let baselinePath: String?
    let htmlPath: String?
    private let baseline: [DocumentRecord]?

    /// Reads the baseline first, so a bad one fails before the run.
    init(baselinePath: String?, htmlPath: String?) throws {
        self.baselinePath = baselinePath
        self.htmlPath = htmlPath
        baseline = try baselinePath.map(DiffCommand.records)
    }

    /// Whether the run's records are needed.
    var isWanted: Bool { baselinePath != nil || htmlPath != nil }

    func finish(records: [DocumentRecord]) throws {
        guard let baseline else {
            if let htmlPath {
                let texts = DocumentTextLookup().texts(of: records.map(DocumentKey.init))
                try DiffCommand.write(HTMLReport.extraction(records: records, texts: texts), to: htmlPath)
            }
            return
        }
        let diff = ExtractionDiff(old: baseline, new: records)
        Terminal.standardError.write(diff.summaryReport(colored: Terminal.standardErrorIsTerminal) + "\n")
        if let htmlPath {
            let texts = DocumentTextLookup().texts(of: diff.documents.map(\.key))
            try DiffCommand.write(
                HTMLReport.diff(diff, texts: texts, subtitle: "baseline \(baselinePath!) → this run"),
                to: htmlPath)
        }
    }
}
