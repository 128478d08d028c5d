import ArgumentParser
import Foundation
import GleanCore
import GleanReports

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract:
            "Review, fact by fact, where fixtures and what the rules extract differ: accept the rules' version or record the difference as known.",
        discussion: """
            For each difference: accept (the fixture takes the rules' version: a fact added, an expectation dropped \
            or rewritten), record (the fixture keeps its truth and remembers: a missed expectation gets todo: true, \
            a false fact goes into reject:), skip, accept or record all remaining, or show the sentence. Only the \
            decided lines change; comments and other expectations stay. Recorded differences are not differences \
            any more, so --check passes once every difference is decided and fails on a new one (validate still \
            scores known misses as misses). Interactive when standard input is a terminal or with --interactive \
            (answers read line by line, so they can be piped in); otherwise it only reports, as --check does. With \
            the CI environment variable set nothing is written. \
            Exit status: 0 when no difference is left, 1 when some are, 2 on error.
            """
    )

    @OptionGroup var fixtureOptions: FixtureOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Only report the differences; exit 1 when there are any.")
    var check = false

    @Flag(help: "Accept every difference.")
    var accept = false

    @Flag(help: "Record every difference as known (missed expectations get todo: true, false facts go into reject:).")
    var record = false

    @Flag(help: "Ask about each fixture even when standard input is not a terminal.")
    var interactive = false

    @Flag(help: "Show each difference in its sentence.")
    var sentences = false

    @Flag(inversion: .prefixedNo, help: "Colour the output (default: when standard output is a terminal).")
    var color: Bool?

    func validate() throws {
        if [check, accept, record, interactive].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --check, --accept, --record and --interactive")
        }
    }

    func run() throws {
        let ruleSet = try ruleOptions.load()
        let loaded = try fixtureOptions.load(for: ruleSet)
        let ciValue = ProcessInfo.processInfo.environment["CI"] ?? ""
        let inCI = !ciValue.isEmpty && ciValue != "0" && ciValue.lowercased() != "false"
        let mode: ReviewSession.Mode =
            check
            ? .check
            : accept
                ? .acceptAll
                : record
                    ? .recordAll
                    : interactive || Terminal.standardInputIsTerminal ? .interactive : .check
        if mode == .check, !check {
            Terminal.standardError.write(
                "glean: standard input is not a terminal: reporting only (use --accept, --record or --interactive)\n")
        }
        let session = ReviewSession(
            review: FixtureReview(extractor: Extractor(ruleSet: ruleSet)), mode: mode,
            writes: !inCI, colored: color ?? Terminal.standardOutputIsTerminal, sentences: sentences)
        let outcome = session.run(
            loaded,
            ask: { prompt in
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
