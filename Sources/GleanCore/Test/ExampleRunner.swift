import GleanRegex

/// Runs every rule's examples, each rule alone on each of its example
/// texts, as SwiftLint and Duckling run theirs.
public struct ExampleRunner {
    public let extractor: Extractor

    public init(extractor: Extractor) { self.extractor = extractor }

    /// One example that did not give what it promised.
    public struct Failure: Sendable, CustomStringConvertible {
        public let rule: String
        public let location: SourceLocation
        public let expected: String
        public let got: String

        /// `path:line: rule-id: expected ... got ...`
        public var description: String { "\(location.file):\(location.line): \(rule): expected \(expected) got \(got)" }
    }

    public struct Report: Sendable {
        public var examples = 0
        public var rules = 0
        public var failures: [Failure] = []
        public var passed: Int { examples - failures.count }
    }

    /// Runs the examples of the rules `including` accepts (every rule's by default).
    public func run(matcher: Matcher = Matcher(), including: (Rule) -> Bool = { _ in true }) -> Report {
        var report = Report()
        for rule in extractor.ruleSet.rules where including(rule) {
            report.rules += 1
            for example in rule.examples {
                report.examples += 1
                if let failure = check(example, of: rule, matcher: matcher) {
                    report.failures.append(failure)
                }
            }
        }
        return report
    }

    private func check(_ example: RuleExample, of rule: Rule, matcher: Matcher) -> Failure? {
        let facts: [FactValues]
        if rule.isVeto {
            // A veto's examples say where it matches: run it against nothing but itself.
            let matched = (try? matcher.matches(of: rule.pattern, in: Array(example.text.utf8)).isEmpty == false) ?? false
            facts = matched ? [FactValues()] : []
        } else {
            // The same values found twice are one fact, as FIELDS.md counts them.
            let found = extractor.extract(example.text, matcher: matcher, rules: [rule.id]).facts.map(\.values)
            facts = found.enumerated().filter { position, values in
                !found[..<position].contains { ExampleRunner.equal($0, values) }
            }.map(\.element)
        }
        guard let expected = example.expectedFacts else {
            return facts.isEmpty ? nil : Failure(rule: rule.id, location: example.location,
                                                 expected: "no match in \"\(example.text)\"", got: ExampleRunner.describe(facts))
        }
        if rule.isVeto { return facts.isEmpty ? Failure(rule: rule.id, location: example.location, expected: "a match", got: "no match") : nil }
        let same = expected.count == facts.count
            && expected.allSatisfy { wanted in facts.contains { ExampleRunner.equal($0, wanted) } }
            && facts.allSatisfy { found in expected.contains { ExampleRunner.equal(found, $0) } }
        return same ? nil : Failure(rule: rule.id, location: example.location,
                                    expected: ExampleRunner.describe(expected), got: ExampleRunner.describe(facts))
    }

    static func equal(_ a: FactValues, _ b: FactValues) -> Bool {
        Set(a.keys) == Set(b.keys) && a.allSatisfy { key, value in b[key].map(value.matches) ?? false }
    }

    /// `{amount: 1.3, unit: mg/m2}`, or `no match`.
    public static func describe(_ facts: [FactValues]) -> String {
        guard !facts.isEmpty else { return "no match" }
        return facts.map { values in
            "{" + values.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }.joined(separator: " ")
    }
}
