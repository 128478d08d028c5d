import GleanRegex

/// Runs every rule's examples, each rule alone on each of its example
/// texts, as SwiftLint and Duckling run theirs. A match example must yield
/// exactly its facts and, when it marks them, cover exactly its spans; a
/// `no_match` example must yield nothing; a `todo` example must still fail.
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

    /// What one example gave.
    public struct Outcome: Sendable {
        public let rule: String
        public let example: RuleExample
        /// The distinct facts the rule found (the same values twice are one fact, as FIELDS.md counts them).
        public let found: [FactValues]
        /// The spans they cover, in characters of the example's text, in order.
        public let spans: [Range<Int>]
        /// Set when the example did not give what it promised.
        public let failure: Failure?
        /// A `todo` example that failed, as it is known to.
        public let failedAsKnown: Bool
    }

    public struct Report: Sendable {
        public var rules = 0
        public var outcomes: [Outcome] = []
        public var examples: Int { outcomes.count }
        public var failures: [Failure] { outcomes.compactMap(\.failure) }
        /// Known failures (`todo: true`) that still fail.
        public var todo: Int { outcomes.filter(\.failedAsKnown).count }
        public var passed: Int { examples - failures.count - todo }
    }

    /// Runs the examples of the rules `including` accepts (every rule's by default).
    public func run(matcher: Matcher = Matcher(), including: (Rule) -> Bool = { _ in true }) -> Report {
        var report = Report()
        for rule in extractor.ruleSet.rules where including(rule) {
            report.rules += 1
            report.outcomes += rule.examples.map { run($0, of: rule, matcher: matcher) }
        }
        return report
    }

    private func run(_ example: RuleExample, of rule: Rule, matcher: Matcher) -> Outcome {
        let (found, spans) = facts(of: rule, in: example.text, matcher: matcher)
        let problem = self.problem(with: example, of: rule, found: found, spans: spans)
        let failure: Failure?
        switch (problem, example.isTodo) {
        case let (problem?, false):
            failure = Failure(rule: rule.id, location: example.location, expected: problem.expected, got: problem.got)
        case (nil, true):
            failure = Failure(
                rule: rule.id, location: example.location, expected: "the known failure (todo: true)",
                got: "a pass: remove 'todo: true'")
        default:
            failure = nil
        }
        return Outcome(
            rule: rule.id, example: example, found: found, spans: spans, failure: failure,
            failedAsKnown: example.isTodo && problem != nil)
    }

    /// The facts `rule` alone finds in `text`, and the spans they cover.
    private func facts(of rule: Rule, in text: String, matcher: Matcher) -> (found: [FactValues], spans: [Range<Int>]) {
        if rule.isVeto {
            // A veto's examples say where it matches: run it against nothing but itself.
            let document = DocumentText(text)
            let matches = (try? matcher.matches(of: rule.pattern, in: document.bytes)) ?? []
            let spans = matches.map {
                document.codePointOffset(
                    ofByte: $0.range.lowerBound)..<document.codePointOffset(ofByte: $0.range.upperBound)
            }
            return (matches.isEmpty ? [] : [FactValues()], spans)
        }
        let facts = extractor.extract(text, matcher: matcher, rules: [rule.id]).facts
        let found = facts.map(\.values).enumerated().filter { position, values in
            !facts[..<position].contains { $0.values.matches(values) }
        }.map(\.element)
        var spans: [Range<Int>] = []
        for fact in facts where !spans.contains(fact.start..<fact.end) { spans.append(fact.start..<fact.end) }
        return (found, spans)
    }

    /// What the example promised and what it got instead, or nil when it got it.
    private func problem(
        with example: RuleExample, of rule: Rule, found: [FactValues],
        spans: [Range<Int>]
    ) -> (expected: String, got: String)? {
        guard let expected = example.expectedFacts else {
            return found.isEmpty ? nil : ("no match in \"\(example.text)\"", ExampleRunner.describe(found))
        }
        if rule.isVeto {
            if found.isEmpty { return ("a match", "no match") }
        } else {
            let same =
                expected.count == found.count
                && expected.allSatisfy { wanted in found.contains { $0.matches(wanted) } }
                && found.allSatisfy { fact in expected.contains { fact.matches($0) } }
            if !same { return (ExampleRunner.describe(expected), ExampleRunner.describe(found)) }
        }
        if let marked = example.spans, Set(marked) != Set(spans) {
            return ("the spans \"\(Self.marking(example.text, marked))\"", "\"\(Self.marking(example.text, spans))\"")
        }
        return nil
    }

    /// `{amount: 1.3, unit: mg/m2}`, or `no match`.
    public static func describe(_ facts: [FactValues]) -> String {
        guard !facts.isEmpty else { return "no match" }
        return facts.map { values in
            "{" + values.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }.joined(separator: " ")
    }

    /// `text` with each of `spans` (characters) between span marks, as an example writes it.
    public static func marking(_ text: String, _ spans: [Range<Int>]) -> String {
        let bounds = spans.flatMap { [$0.lowerBound, $0.upperBound] }.sorted()
        var marked = ""
        var next = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            while next < bounds.count, bounds[next] == offset {
                marked.append(RuleExample.spanMark)
                next += 1
            }
            marked.unicodeScalars.append(scalar)
        }
        marked += String(repeating: RuleExample.spanMark, count: bounds.count - next)
        return marked
    }
}
