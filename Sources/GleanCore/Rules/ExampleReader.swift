import Yams

/// Reads a rule's `examples:` section:
///
/// ```yaml
/// examples:
///   match:
///     - text: "methylprednisolone 0.5 g/d intravenously"
///       values: {amount: 0.5, unit: g/d, drug: methylprednisolone, route: iv}
///     - text: "1, 2 or 4 mg"
///       facts: [{amount: 1, unit: mg}, {amount: 2, unit: mg}, {amount: 4, unit: mg}]
///   no_match:
///     - "creatinine 1.2 mg/dL"
/// ```
struct ExampleReader {
    let schema: FieldSchema

    func read(_ node: Node, in reader: YAMLNodeReader) -> [RuleExample] {
        var examples: [RuleExample] = []
        for (key, _, list) in reader.mapping(node, "examples", allowed: ["match", "no_match"]) ?? [] {
            for item in reader.sequence(list, key) ?? [] {
                if key == "match" {
                    if let example = matchExample(item, in: reader) { examples.append(example) }
                } else if let example = noMatchExample(item, in: reader) {
                    examples.append(example)
                }
            }
        }
        return examples
    }

    /// A text that must not match: a plain string, or `{text: ...}`. Values
    /// there would mean nothing (nothing may match), so they are an error.
    private func noMatchExample(_ node: Node, in reader: YAMLNodeReader) -> RuleExample? {
        if let text = node.scalar?.string {
            return RuleExample(text: text, expectedFacts: nil, location: reader.location(of: node))
        }
        guard node.mapping != nil else {
            reader.diagnose(node, "a no_match example is a text")
            return nil
        }
        for (key, keyNode, _) in reader.mapping(node, "no_match example", allowed: ["text", "values", "facts"]) ?? []
        where key != "text" {
            reader.diagnose(keyNode, "a no_match example has no \(key): its text must not match at all (to check values, put it under match:)")
        }
        guard let text = node.mapping?["text"].flatMap({ reader.string($0, "text") }) else {
            reader.diagnose(node, "a no_match example needs a text")
            return nil
        }
        return RuleExample(text: text, expectedFacts: nil, location: reader.location(of: node))
    }

    private func matchExample(_ node: Node, in reader: YAMLNodeReader) -> RuleExample? {
        guard let pairs = reader.mapping(node, "match example", allowed: ["text", "values", "facts"]) else { return nil }
        let entries = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard let text = entries["text"].flatMap({ reader.string($0, "text") }) else {
            reader.diagnose(node, "a match example needs a text")
            return nil
        }
        var facts: [FactValues] = []
        if let values = entries["values"] { facts.append(readValues(values, in: reader)) }
        for fact in entries["facts"].flatMap({ reader.sequence($0, "facts") }) ?? [] {
            facts.append(readValues(fact, in: reader))
        }
        guard !facts.isEmpty else {
            reader.diagnose(node, "a match example needs the values it must yield ('values' or 'facts')")
            return nil
        }
        return RuleExample(text: text, expectedFacts: facts, location: reader.location(of: node))
    }

    private func readValues(_ node: Node, in reader: YAMLNodeReader) -> FactValues {
        var values = FactValues()
        for (key, keyNode, value) in reader.namedEntries(node, "values") {
            guard schema.allValueNames.contains(key) else {
                reader.diagnose(keyNode, "field '\(schema.name)' has no value '\(key)'")
                continue
            }
            values[key] = ExampleReader.factValue(value)
        }
        return values
    }

    /// A YAML scalar as a fact value: plain numbers are numbers, `true` and
    /// `false` are flags, everything else (quoted or not) is text.
    static func factValue(_ node: Node) -> FactValue {
        let text = node.scalar?.string ?? ""
        if node.scalar?.style == .plain || node.scalar?.style == .any {
            if let number = Double(text) { return .number(number) }
            if text == "true" || text == "false" { return .flag(text == "true") }
        }
        return .text(text)
    }
}
