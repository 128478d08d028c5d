import ArgumentParser
import Foundation
import GleanCore
import GleanRegex

@main
struct Glean: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glean",
        abstract:
            "Extract trial facts (doses, cycles, cohort sizes, SLEDAI changes, adverse-event grades) from biomedical abstracts.",
        discussion: "Exit status: 0 when facts were found (or all checks passed), 1 when none were, 2 on error.",
        version: Glean.versionLine,
        subcommands: [
            ExtractCommand.self, TestCommand.self, ValidateCommand.self, DiffCommand.self, ExplainCommand.self,
            ReviewCommand.self,
            CompletionsCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// The release, raised with each one.
    static let version = "0.7.0"

    /// What `glean --version` prints: the release, the commit it was built
    /// from and the digest of the built-in rules.
    static var versionLine: String {
        "glean \(version) (commit \(DefaultRules.commit ?? "unknown"), rules \(DefaultRules.digest))"
    }

    /// Runs the command line, with ripgrep's exit statuses: a usage error
    /// (unknown option, bad value) exits 2, not swift-argument-parser's 64.
    static func main() {
        // A reader that goes away (`glean extract ... | head`) is a write
        // error to handle (EPIPE), not a signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            // Exit status 2, as documented (the argument parser would give 1).
            Terminal.standardError.write("glean: \(failure)\n")
            exit(withError: ExitCode(2))
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            Terminal.standardError.write(fullMessage(for: error) + "\n")
            exit(withError: ExitCode(2))
        }
    }
}

/// The `--rules` option every command that runs rules shares.
struct RuleOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder of rule files, or one rule file; repeat to combine. Replaces the built-in rules.",
            valueName: "path"))
    var rules: [String] = []

    @Option(
        name: .customLong("add-rules"),
        help: ArgumentHelp(
            "A folder of rule files, or one rule file, added to the built-in rules (or to --rules); repeat to add more.",
            valueName: "path"))
    var addedRules: [String] = []

    /// Loads the rules (the built-in ones unless `--rules` names others, and
    /// those `--add-rules` names), printing every problem as
    /// `path:line:column: error:` and exiting 2 on failure. Patterns
    /// compiled by an earlier run are taken from the cache
    /// (``PatternCacheFile``), which is brought up to date. The rules'
    /// examples are read only when `readingExamples` (`glean test` runs them;
    /// every other command matches documents, and starts sooner without them).
    func load(readingExamples: Bool = false) throws -> RuleSet {
        do {
            let cacheFile = PatternCacheFile()
            let cache = cacheFile.read()
            let loader = RuleLoader(cache: cache, readsExamples: readingExamples)
            let base = rules.isEmpty ? DefaultRules.sources : try loader.sources(in: rules)
            let ruleSet = try loader.load(
                sources: base + (try loader.sources(in: addedRules)),
                termFiles: rules.isEmpty ? DefaultRules.termFiles : [:],
                digest: rules.isEmpty && addedRules.isEmpty ? DefaultRules.digest : nil)
            if let cache { cacheFile.write(cache) }
            return ruleSet
        } catch {
            for diagnostic in error.diagnostics { Terminal.standardError.write(diagnostic.description + "\n") }
            Terminal.standardError.write(
                "glean: \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s") in the rules\n")
            throw ExitCode(2)
        }
    }
}

/// An error that ends a command with a message and exit status 2.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
