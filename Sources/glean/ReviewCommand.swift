import ArgumentParser
import Foundation
import GleanCore

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review fixtures whose expectations differ from what the rules extract, and accept the extracted facts into them.",
        discussion: """
        One fixture at a time: accept (write the extracted facts into the fixture, keeping its comments), \
        reject, skip, accept or reject all remaining, or show the sentences. Interactive when standard input \
        is a terminal or with --interactive (answers are then read line by line, so they can be piped in); \
        otherwise it only reports, as --check does. With the CI environment variable set nothing is written. \
        Exit status: 0 when no difference is left, 1 when some are, 2 on error.
        """
    )

    @Argument(help: ArgumentHelp("Fixture files or folders of them.", valueName: "fixture"))
    var fixtures: [String] = ["Fixtures"]

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Only report the differences; exit 1 when there are any.")
    var check = false

    @Flag(help: "Accept every difference.")
    var accept = false

    @Flag(help: "Ask about each fixture even when standard input is not a terminal.")
    var interactive = false

    @Flag(help: "Show each difference in its sentence.")
    var sentences = false

    @Flag(inversion: .prefixedNo, help: "Colour the output (default: when standard output is a terminal).")
    var color: Bool?

    func validate() throws {
        if [check, accept, interactive].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --check, --accept and --interactive")
        }
    }

    func run() throws {
        let ruleSet = try ruleOptions.load()
        let fields = Dictionary(uniqueKeysWithValues: ruleSet.fields.map { ($0.key, $0.value) })
        let (loaded, problems) = FixtureLoader().loadAll(under: fixtures, fields: fields)
        for problem in problems { Terminal.standardError.write(problem.description + "\n") }
        if !problems.isEmpty { throw ExitCode(2) }
        guard !loaded.isEmpty else {
            Terminal.standardError.write("glean: no fixtures found in \(fixtures.joined(separator: " "))\n")
            throw ExitCode(2)
        }
        let ciValue = ProcessInfo.processInfo.environment["CI"] ?? ""
        let inCI = !ciValue.isEmpty && ciValue != "0" && ciValue.lowercased() != "false"
        let mode: ReviewSession.Mode = check ? .check : accept ? .acceptAll
            : interactive || Terminal.standardInputIsTerminal ? .interactive : .check
        if mode == .check, !check {
            Terminal.standardError.write("glean: standard input is not a terminal: reporting only (use --accept or --interactive)\n")
        }
        let session = ReviewSession(review: FixtureReview(extractor: Extractor(ruleSet: ruleSet)), mode: mode,
                                    writes: !inCI, colored: color ?? Terminal.standardOutputIsTerminal, sentences: sentences)
        let outcome = session.run(loaded, ask: { prompt in
            print(prompt, terminator: "")
            fflush(nil)
            let answer = readLine()
            // Piped answers are not echoed by a terminal: show them.
            if !Terminal.standardInputIsTerminal { print(answer ?? "") }
            return answer
        }, say: { print($0) })
        print(outcome.summary(of: loaded.count))
        for error in outcome.errors { Terminal.standardError.write("glean: \(error)\n") }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
