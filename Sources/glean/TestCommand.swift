import ArgumentParser
import Foundation
import GleanCore
import GleanReports

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples: texts that must match (with their values) and texts that must not.",
        discussion: """
            Name rule files (among those loaded) or rule IDs to run only their examples: \
            glean test Rules/dose.yaml, glean test --rule dose.list, glean test --add-rules mine.yaml mine.yaml. \
            In a match example, ↓ marks around a span say that a fact must cover exactly it ("had ↓4 cycles↓ of"); \
            todo: true marks a known failure, which fails the run once it passes. Exit status: 0 when every example \
            gave what it promised, 1 when one did not, 2 on error.
            """
    )

    @OptionGroup var ruleOptions: RuleOptions

    @Argument(help: ArgumentHelp("Run only the examples of the rules in these rule files.", valueName: "rule-file"))
    var files: [String] = []

    @Option(
        name: .customLong("rule"),
        help: ArgumentHelp("Run only the examples of this rule; repeat for more.", valueName: "id"))
    var ruleIDs: [String] = []

    @Flag(
        help:
            "Print every example as a JSON line (rule, file, line, text, passed, todo, the facts found and their spans) instead of the failures."
    )
    var json = false

    func run() throws {
        let ruleSet = try ruleOptions.load(readingExamples: true)
        let known = Set(ruleSet.rules.map(\.id))
        for id in ruleIDs where !known.contains(id) {
            throw Failure("no rule '\(id)'\(ruleSet.hint(forUnknownRuleID: id))")
        }
        let loadedFiles = Set(ruleSet.rules.map { Self.standardized($0.location.file) })
        for file in files where !loadedFiles.contains(Self.standardized(file)) {
            throw Failure(
                "\(file) is not among the loaded rule files: add it with --add-rules, or name its folder with --rules")
        }
        let wantedFiles = Set(files.map(Self.standardized))
        let report = ExampleRunner(extractor: Extractor(ruleSet: ruleSet)).run { rule in
            (ruleIDs.isEmpty || ruleIDs.contains(rule.id))
                && (wantedFiles.isEmpty || wantedFiles.contains(Self.standardized(rule.location.file)))
        }
        print(json ? report.jsonLines : report.text)
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
