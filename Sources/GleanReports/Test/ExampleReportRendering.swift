import GleanCore
import GleanOutput

extension ExampleRunner.Report {
    /// The failures, one per line, then `695 of 700 examples passed in 52 rules; 3 todo; 2 failed`.
    public var text: String {
        var summary = "\(passed) of \(examples) examples passed in \(rules) rules"
        if todo > 0 { summary += "; \(todo) todo" }
        if !failures.isEmpty { summary += "; \(failures.count) failed" }
        return (failures.map(\.description) + [summary]).joined(separator: "\n")
    }

    /// Every example as a JSON Lines record, for editors and scripts: rule,
    /// file, line, text, whether it must match, whether it passed, whether it
    /// is a known failure, the facts found and the spans they cover (characters).
    public var jsonLines: String {
        outcomes.map { outcome in
            var json = JSONWriter()
            json.raw("{")
            json.key("rule")
            json.string(outcome.rule)
            json.nextKey("file")
            json.string(outcome.example.location.file)
            json.nextKey("line")
            json.raw(String(outcome.example.location.line))
            json.nextKey("text")
            json.string(outcome.example.text)
            json.nextKey("must_match")
            json.raw(outcome.example.mustMatch ? "true" : "false")
            json.nextKey("passed")
            json.raw(outcome.failure == nil && !outcome.failedAsKnown ? "true" : "false")
            json.nextKey("todo")
            json.raw(outcome.example.isTodo ? "true" : "false")
            json.nextKey("found")
            json.array(outcome.found) { $0.values($1) }
            json.nextKey("spans")
            json.array(outcome.spans) { $0.raw("[\($1.lowerBound),\($1.upperBound)]") }
            json.raw("}")
            return json.output
        }.joined(separator: "\n")
    }
}
