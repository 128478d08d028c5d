import ArgumentParser
import GleanCore

/// The fixtures a command scores or reviews (`glean validate`, `glean review`).
struct FixtureOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Fixture files or folders of them.", valueName: "fixture"))
    var fixtures: [String] = ["Fixtures"]

    /// Loads every fixture, printing each problem as `path:line:column:
    /// error:` and exiting 2 when one cannot be loaded or there are none.
    func load(for ruleSet: RuleSet) throws -> [Fixture] {
        let fields = Dictionary(uniqueKeysWithValues: ruleSet.fields.map { ($0.key, $0.value) })
        let (loaded, problems) = FixtureLoader().loadAll(under: fixtures, fields: fields)
        for problem in problems { Terminal.standardError.write(problem.description + "\n") }
        if !problems.isEmpty { throw ExitCode(2) }
        guard !loaded.isEmpty else { throw Failure("no fixtures found in \(fixtures.joined(separator: " "))") }
        return loaded
    }
}
