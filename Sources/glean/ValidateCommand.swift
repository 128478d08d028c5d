import ArgumentParser
import Foundation
import GleanCore
import GleanReports

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Score the rules against annotated fixtures: precision, recall and F1 per field, attribute accuracy, rule coverage, and every miss and false fact.",
        discussion: """
            Exit status: 0 when every gate holds (--min-f1, --min-accuracy) and no fixture failed to load, \
            1 when a gate fails, 2 on error.
            """
    )

    @OptionGroup var fixtureOptions: FixtureOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(
        name: .customLong("min-f1"),
        help: ArgumentHelp(
            "Fail (exit 1) when a field's F1 is below this: every field's (0.95) or one field's (cohort_size=0.92). Repeatable.",
            valueName: "[field=]score"))
    var minimumF1: [ScoreThreshold] = []

    @Option(
        name: .customLong("min-accuracy"),
        help: ArgumentHelp(
            "Fail (exit 1) when an attribute's accuracy on found facts is below this (dose.drug=0.9). Repeatable.",
            valueName: "field.attribute=score"))
    var minimumAccuracy: [ScoreThreshold] = []

    @Flag(help: "Print only the tables, not each fixture's misses and false facts.")
    var summary = false

    @Option(name: .customLong("field"), help: ArgumentHelp("Score only this field (repeatable).", valueName: "field"))
    var onlyFields: [String] = []

    func run() throws {
        let ruleSet = try ruleOptions.load()
        let loaded = try fixtureOptions.load(for: ruleSet)
        for field in onlyFields where ruleSet.fields[field] == nil {
            throw Failure("no field '\(field)' (the fields: \(ruleSet.fields.keys.joined(separator: ", ")))")
        }
        let report = Validator(extractor: Extractor(ruleSet: ruleSet))
            .validate(loaded, onlyFields: onlyFields.isEmpty ? nil : Set(onlyFields))
        print(json ? report.json() : report.table(showingFixtures: !summary))
        if report.fixtures.contains(where: { $0.error != nil }) { throw ExitCode(2) }
        let f1 = Dictionary(uniqueKeysWithValues: report.fields.map { ($0.key, $0.value.f1) })
        let accuracy = Dictionary(uniqueKeysWithValues: report.attributes.map { ($0.key, $0.value.accuracy) })
        let failures =
            minimumF1.flatMap { gate in gate.failing(f1).map { "F1 of \($0) below \(gate.minimum)" } }
            + minimumAccuracy.flatMap { gate in gate.failing(accuracy).map { "accuracy of \($0) below \(gate.minimum)" }
            }
        for failure in failures { Terminal.standardError.write("glean: \(failure)\n") }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
