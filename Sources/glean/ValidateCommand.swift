import ArgumentParser
import Foundation
import GleanCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Score the rules against annotated fixtures: precision, recall and F1 per field, attribute accuracy, rule coverage, and every miss and false fact.",
        discussion: "Exit status: 0 when every field reaches --min-f1 (and no fixture failed to load), 1 otherwise, 2 on error."
    )

    @Argument(help: ArgumentHelp("Fixture files or folders of them (default: Fixtures).", valueName: "fixture"))
    var fixtures: [String] = ["Fixtures"]

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(name: .customLong("min-f1"), help: "Fail (exit 1) when any field's F1 is below this.")
    var minimumF1: Double?

    @Flag(help: "Print only the tables, not each fixture's misses and false facts.")
    var summary = false

    func run() throws {
        let ruleSet = try ruleOptions.load()
        let fields = Dictionary(uniqueKeysWithValues: ruleSet.fields.map { ($0.key, $0.value) })
        let (loaded, problems) = FixtureLoader().loadAll(under: fixtures, fields: fields)
        guard !loaded.isEmpty || !problems.isEmpty else {
            Terminal.standardError.write("glean: no fixtures found in \(fixtures.joined(separator: " "))\n")
            throw ExitCode(2)
        }
        for problem in problems { Terminal.standardError.write(problem.description + "\n") }
        if !problems.isEmpty { throw ExitCode(2) }
        let report = Validator(extractor: Extractor(ruleSet: ruleSet)).validate(loaded)
        print(json ? report.json() : report.table(showingFixtures: !summary))
        if report.fixtures.contains(where: { $0.error != nil }) { throw ExitCode(2) }
        if let minimumF1 {
            let failing = report.fields.filter { $0.value.f1 < minimumF1 }
            if !failing.isEmpty {
                Terminal.standardError.write("glean: F1 below \(minimumF1) for \(failing.keys.joined(separator: ", "))\n")
                throw ExitCode(1)
            }
        }
    }
}
