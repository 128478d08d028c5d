import ArgumentParser
import GleanCore
import GleanReports

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which words became which facts, by which rule, and why matches were rejected.",
        discussion: """
            With --rule, one rule in detail: each match's captures and the value each normalizer made, \
            and in the sentences it did not match, where its pattern stopped and which required context was missing. \
            --pattern prints a rule's pattern with its shared definitions expanded. \
            Exit status: 0 when facts (or, with --rule, matches) were found, 1 when none were, 2 on error.
            """
    )

    @Argument(
        help: ArgumentHelp("A document in any input format; every document in it is explained.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Explain this text instead of a file.", valueName: "text"))
    var text: String?

    @Option(help: ArgumentHelp("Focus on one rule.", valueName: "id"))
    var rule: String?

    @Option(
        help: ArgumentHelp("Print this rule's pattern with its shared definitions expanded, and exit.", valueName: "id")
    )
    var pattern: String?

    @Flag(inversion: .prefixedNo, help: "Colour the output (default: when standard output is a terminal).")
    var color: Bool?

    @Flag(
        name: [.short, .long],
        help: "Also list the rules that did not run in the document (a document condition failed).")
    var verbose = false

    @OptionGroup var ruleOptions: RuleOptions

    func validate() throws {
        if pattern == nil, (file == nil) == (text == nil) { throw ValidationError("give a file or --text, not both") }
    }

    func run() throws {
        let explainer = Explainer(extractor: Extractor(ruleSet: try ruleOptions.load()))
        if let pattern {
            print(try explained { () throws(UnknownRuleError) in try explainer.expandedPattern(ofRule: pattern) })
            return
        }
        let colored = color ?? Terminal.standardOutputIsTerminal
        var found = false
        for document in try documents() {
            if let rule {
                let explanation = try explained { () throws(UnknownRuleError) in
                    try explainer.explain(document.text, rule: rule)
                }
                found = found || !explanation.matches.isEmpty
                print(heading(document) + explanation.rendered(colored: colored))
            } else {
                let explanation = explainer.explain(document.text)
                found = found || !explanation.facts.isEmpty
                print(heading(document) + explanation.rendered(colored: colored, verbose: verbose))
            }
        }
        if !found { throw ExitCode(1) }
    }

    private func heading(_ document: (id: String, text: String)) -> String {
        text == nil ? "== \(document.id) (\(file ?? ""))\n" : ""
    }

    /// Runs `body`, ending the command with exit status 2 on an unknown rule.
    private func explained<T>(_ body: () throws(UnknownRuleError) -> T) throws -> T {
        do { return try body() } catch {
            Terminal.standardError.write("glean: \(error)\n")
            throw ExitCode(2)
        }
    }

    private func documents() throws -> [(id: String, text: String)] {
        if let text { return [("text", text)] }
        let (documents, problems) = DocumentFile.read(file!)
        for problem in problems { Terminal.standardError.write("glean: \(problem)\n") }
        if documents.isEmpty { throw ExitCode(2) }
        return documents
    }
}
