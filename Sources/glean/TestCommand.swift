import ArgumentParser
import GleanCore

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples: texts that must match (with their values) and texts that must not."
    )

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        let ruleSet = try ruleOptions.load()
        let report = ExampleRunner(extractor: Extractor(ruleSet: ruleSet)).run()
        for failure in report.failures { print(failure.description) }
        print("\(report.passed) of \(report.examples) examples passed in \(report.rules) rules" +
              (report.failures.isEmpty ? "" : "; \(report.failures.count) failed"))
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
