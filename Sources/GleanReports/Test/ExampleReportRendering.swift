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
            json.raw(",")
            json.key("file")
            json.string(outcome.example.location.file)
            json.raw(",")
            json.key("line")
            json.raw(String(outcome.example.location.line))
            json.raw(",")
            json.key("text")
            json.string(outcome.example.text)
            json.raw(",")
            json.key("must_match")
            json.raw(outcome.example.mustMatch ? "true" : "false")
            json.raw(",")
            json.key("passed")
            json.raw(outcome.failure == nil && !outcome.failedAsKnown ? "true" : "false")
            json.raw(",")
            json.key("todo")
            json.raw(outcome.example.isTodo ? "true" : "false")
            json.raw(",")
            json.key("found")
            json.raw("[")
            for (position, values) in outcome.found.enumerated() {
                json.raw(position == 0 ? "{" : ",{")
                for (index, (name, value)) in values.enumerated() {
                    if index > 0 { json.raw(",") }
                    json.key(name)
                    json.value(value)
                }
                json.raw("}")
            }
            json.raw("],")
            json.key("spans")
            json.raw("[")
            json.raw(outcome.spans.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ","))
            json.raw("]}")
            return json.output
        }.joined(separator: "\n")
    }
}
