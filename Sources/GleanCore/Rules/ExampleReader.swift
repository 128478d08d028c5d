import Yams

/// Reads a rule's `examples:` section:
///
/// ```yaml
/// examples:
///   match:
///     - text: "methylprednisolone 0.5 g/d intravenously"
///       values: {amount: 0.5, unit: g/d, drug: methylprednisolone, route: iv}
///     - text: "given ↓1, 2 or 4 mg↓ daily"
///       facts: [{amount: 1, unit: mg}, {amount: 2, unit: mg}, {amount: 4, unit: mg}]
///     - text: "rituximab 375 mg per square metre"
///       values: {amount: 375, unit: mg/m2}
///       todo: true
///   no_match:
///     - "creatinine 1.2 mg/dL"
/// ```
///
/// `↓` marks, in pairs, the spans the facts must cover (the marks are not
/// part of the text); `todo: true` records a known failure, which fails the
/// run once it passes, so that the mark is dropped.
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
            return RuleExample(
                text: text, expectedFacts: nil, spans: nil, isTodo: false, location: reader.location(of: node))
        }
        guard node.mapping != nil else {
            reader.diagnose(node, "a no_match example is a text")
            return nil
        }
        for (key, keyNode, _) in reader.mapping(node, "no_match example", allowed: ["text", "values", "facts", "todo"])
            ?? []
        where key != "text" && key != "todo" {
            reader.diagnose(
                keyNode,
                "a no_match example has no \(key): its text must not match at all (to check values, put it under match:)"
            )
        }
        guard let text = node.mapping?["text"].flatMap({ reader.string($0, "text") }) else {
            reader.diagnose(node, "a no_match example needs a text")
            return nil
        }
        return RuleExample(
            text: text, expectedFacts: nil, spans: nil,
            isTodo: isTodo(node.mapping?["todo"], in: reader), location: reader.location(of: node))
    }

    private func matchExample(_ node: Node, in reader: YAMLNodeReader) -> RuleExample? {
        guard let pairs = reader.mapping(node, "match example", allowed: ["text", "values", "facts", "todo"]) else {
            return nil
        }
        let entries = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard let textNode = entries["text"], let marked = reader.string(textNode, "text") else {
            reader.diagnose(node, "a match example needs a text")
            return nil
        }
        guard let (text, spans) = Self.spans(in: marked) else {
            reader.diagnose(
                textNode, "\(RuleExample.spanMark) marks come in pairs, around each span the rule must match")
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
        return RuleExample(
            text: text, expectedFacts: facts, spans: spans, isTodo: isTodo(entries["todo"], in: reader),
            location: reader.location(of: node))
    }

    /// The text without its span marks, and the marked spans in characters
    /// (nil spans when there is no mark); nil when a mark has no partner.
    static func spans(in marked: String) -> (text: String, spans: [Range<Int>]?)? {
        let mark = Array(String(RuleExample.spanMark).utf8)
        var contiguous = marked
        return contiguous.withUTF8 { bytes -> (text: String, spans: [Range<Int>]?)? in
            var text: [UInt8] = []
            var spans: [Range<Int>] = []
            var opened: Int?
            // The text's code points so far, and the first byte not yet copied.
            var offset = 0
            var copied = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == mark[0], index + mark.count <= bytes.count,
                    bytes[index..<(index + mark.count)].elementsEqual(mark)
                {
                    text += bytes[copied..<index]
                    if let start = opened {
                        spans.append(start..<offset)
                        opened = nil
                    } else {
                        opened = offset
                    }
                    index += mark.count
                    copied = index
                    continue
                }
                // A code point starts at every byte that does not continue one.
                if bytes[index] & 0xC0 != 0x80 { offset += 1 }
                index += 1
            }
            guard copied > 0 else { return (marked, nil) }
            text += bytes[copied...]
            return opened == nil ? (String(decoding: text, as: UTF8.self), spans) : nil
        }
    }

    private func isTodo(_ node: Node?, in reader: YAMLNodeReader) -> Bool {
        guard let node else { return false }
        guard let flag = node.scalar.flatMap({ Bool($0.string) }) else {
            reader.diagnose(node, "todo must be true or false")
            return false
        }
        return flag
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
        return FactValue(parsing: text)
    }
}
