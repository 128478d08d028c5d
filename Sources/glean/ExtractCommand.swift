import ArgumentParser
import Foundation
import GleanCore
import GleanOutput
import GleanReports

extension RecordFormat: ExpressibleByArgument {}

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract:
            "Extract facts from files and folders of abstracts (plain text, MEDLINE, PubMed XML, RIS/EndNote, JATS, JSON Lines).",
        discussion: """
            Writes one JSON record per document (docs/FIELDS.md), or with --format csv one row per fact and one per document without facts. \
            Exit status: 0 when facts were found, 1 when none were, 2 when any input could not be read.
            """
    )

    @Argument(help: ArgumentHelp("Files and folders to read; - reads standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write to this file (atomically) instead of standard output; - is standard output.", valueName: "file"))
    var output: String?

    @Option(
        help:
            "Output format: jsonl (one record per document) or csv (a row per fact, and per document without facts; a column per field and value, e.g. dose_unit)."
    )
    var format: RecordFormat = .jsonl

    @Option(name: [.customShort("j"), .customLong("threads")], help: "Worker threads (default: the number of cores).")
    var threads: Int?

    @Option(
        help: ArgumentHelp(
            "Process only part K of N of the files (e.g. 3/10), for cluster array jobs.", valueName: "K/N"))
    var shard: String?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Inside folders, read the files that match this glob ('*.txt', 'lit/**/*.xml'); '!GLOB' leaves them out. Repeatable. By default: the document types glean reads.",
            valueName: "glob"))
    var glob: [String] = []

    @Flag(name: [.short, .long], help: "No progress bar and no summary.")
    var quiet = false

    @Flag(help: "Measure the time each rule takes and print the slowest on standard error.")
    var time = false

    @Option(
        help: ArgumentHelp(
            "Compare with an earlier run's JSON Lines output and print the facts added, removed and changed per field and rule.",
            valueName: "file"))
    var baseline: String?

    @Option(
        help: ArgumentHelp(
            "Write a self-contained HTML report of the run (of the changes, with --baseline) to this file.",
            valueName: "file"))
    var html: String?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 3/10") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let ruleSet = try ruleOptions.load()
        let review = try RunReview(baselinePath: baseline, htmlPath: html)
        var records: [DocumentRecord] = []
        let batch = BatchExtractor(
            extractor: Extractor(ruleSet: ruleSet),
            options: .init(
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, shard: shard.flatMap(Shard.init),
                format: format, timingRules: time,
                selection: BatchExtractor.FileSelection(globs: glob),
                provenance: .init(version: Glean.version, rules: ruleSet.digest)))
        let stream: OutputSink
        do {
            let outputFile = output == "-" ? nil : output
            stream = try outputFile.map { try OutputSink(atomicallyAt: $0, protecting: paths) } ?? OutputSink()
        } catch {
            Terminal.standardError.write("glean: cannot write \(output ?? "-"): \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        let progressBar = !quiet && Terminal.standardErrorIsTerminal ? ProgressBar() : nil
        let summary: BatchSummary
        do {
            summary = try batch.run(
                paths: paths,
                write: { text in
                    stream.write(text)
                    if stream.readerHasGone { throw ReaderGone() }
                },
                record: { record in
                    if let error = record.error { Terminal.standardError.write("glean: \(record.source): \(error)\n") }
                    if review.isWanted { records.append(record) }
                }, progress: progressBar?.update)
            try stream.commit()
        } catch is ReaderGone {
            // As ripgrep does: the reader has what it wanted; stop quietly.
            throw ExitCode.success
        } catch {
            stream.discard()
            Terminal.standardError.write("glean: \(error)\n")
            throw ExitCode(2)
        }
        progressBar?.finish()
        if !quiet {
            Terminal.standardError.write(summary.report + "\nglean \(Glean.version), rules \(ruleSet.digest)\n")
        }
        if let times = summary.times {
            Terminal.standardError.write(
                "time per rule and stage, in seconds (all threads; large files are read on the main thread, not counted):\n"
                    + times.table + "\n")
        }
        try review.finish(records: records)
        if summary.documents == 0 {
            Terminal.standardError.write(
                "glean: no documents in \(paths.joined(separator: ", ")) (no files, or only hidden ones)\n")
        }
        // The process ends here, with the rule set and the workers' state still held: releasing their
        // thousands of compiled patterns and tables one by one took about 8 ms after the output was
        // written, and the system reclaims the memory at once.
        let status: Int32 = summary.errors > 0 ? 2 : summary.facts == 0 ? 1 : 0
        withExtendedLifetime((ruleSet, batch)) { Foundation.exit(status) }
    }
}

/// The reader of standard output went away: the run stops, with status 0.
private struct ReaderGone: Error {}
