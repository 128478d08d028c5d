import GleanCore
import GleanOutput
import OrderedCollections

extension ExtractionDiff {
    /// The differences for people: each differing document, its facts
    /// (`+` added, `-` removed, `~` changed) in their sentences with the
    /// matched words marked, then the summary. Documents without a text in
    /// `texts` show the facts' own words only. `colored` uses ANSI colours
    /// instead of `[[...]]` marks.
    public func report(texts: [DocumentKey: DocumentText], colored: Bool) -> String {
        let style = TerminalStyle(colored: colored)
        var lines: [String] = []
        for document in documents {
            var heading = "\(document.id)  \(document.source)"
            if !document.inOld { heading += "  (only in the new run)" }
            if !document.inNew { heading += "  (only in the old run)" }
            lines.append(style.paint(heading, .bold))
            if document.oldError != document.newError {
                if let error = document.oldError { lines.append("  old run: error: \(error)") }
                if let error = document.newError { lines.append("  new run: error: \(error)") }
            }
            let text = texts[document.key]
            for change in document.changes {
                lines.append("  " + style.paint(change.change.symbol, change.change.color) + " " + describe(change))
                lines.append("      " + context(of: change.fact, in: text, style: style, color: change.change.color))
            }
            lines.append("")
        }
        lines.append(summaryReport(colored: colored))
        return lines.joined(separator: "\n")
    }

    /// The summary: facts added, removed and changed per field and per rule,
    /// and a totals line; one "no differences" line when there are none.
    public func summaryReport(colored: Bool) -> String {
        guard hasDifferences else {
            return "no differences: \(documentsCompared) document\(documentsCompared == 1 ? "" : "s"), "
                + "\(factsCompared) fact\(factsCompared == 1 ? "" : "s")"
        }
        let style = TerminalStyle(colored: colored)
        let width = max(14, (Array(summary.fields.keys) + Array(summary.rules.keys)).map(\.count).max() ?? 0)
        func row(_ name: String, _ cells: [String]) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0)
                + cells.map { String(repeating: " ", count: max(0, 9 - $0.count)) + $0 }.joined()
        }
        func rows(_ title: String, _ tallies: some Sequence<(key: String, value: DiffSummary.Tally)>) -> [String] {
            [style.paint(row(title, ["added", "removed", "changed", "new rule"]), .bold)]
                + tallies.map {
                    row(
                        $0.key,
                        [$0.value.added, $0.value.removed, $0.value.changed, $0.value.ruleChanged].map(String.init))
                }
        }
        let total = summary.total
        return
            (rows("field", summary.fields.elements) + rows("rule", summary.rules.elements) + [
                "\(documents.count) of \(documentsCompared) documents differ: "
                    + [
                        style.paint("\(total.added) facts added", ExtractionDiff.Change.added.color),
                        style.paint("\(total.removed) removed", ExtractionDiff.Change.removed.color),
                        style.paint("\(total.changed) changed", ExtractionDiff.Change.changed.color),
                        style.paint(
                            "\(total.ruleChanged) found by another rule", ExtractionDiff.Change.ruleChanged.color),
                    ].joined(separator: ", ")
            ]).joined(separator: "\n")
    }

    /// The diff as one JSON object, for scripts: the totals, the counts per
    /// field and rule, and each differing document with its changes (facts
    /// as in output records, plus the sentence when the text was found).
    public func json(texts: [DocumentKey: DocumentText]) -> String {
        var json = JSONWriter()
        func tally(_ tally: DiffSummary.Tally) {
            json.raw("{")
            json.key("added")
            json.raw(String(tally.added))
            json.nextKey("removed")
            json.raw(String(tally.removed))
            json.nextKey("changed")
            json.raw(String(tally.changed))
            json.nextKey("rule_changed")
            json.raw(String(tally.ruleChanged))
            json.raw("}")
        }
        func tallies(_ name: String, _ tallies: OrderedDictionary<String, DiffSummary.Tally>) {
            json.nextKey(name)
            json.raw("{")
            for (index, (key, value)) in tallies.enumerated() {
                if index > 0 { json.raw(",") }
                json.key(key)
                tally(value)
            }
            json.raw("}")
        }
        json.raw("{")
        json.key("differences")
        json.raw(hasDifferences ? "true" : "false")
        json.nextKey("documents_compared")
        json.raw(String(documentsCompared))
        json.nextKey("documents_differing")
        json.raw(String(documents.count))
        json.nextKey("total")
        tally(summary.total)
        tallies("fields", summary.fields)
        tallies("rules", summary.rules)
        json.nextKey("documents")
        json.array(documents) { json, document in
            json.raw("{")
            json.key("id")
            json.string(document.id)
            json.nextKey("source")
            json.string(document.source)
            json.nextKey("in_old")
            json.raw(document.inOld ? "true" : "false")
            json.nextKey("in_new")
            json.raw(document.inNew ? "true" : "false")
            if let error = document.oldError {
                json.nextKey("old_error")
                json.string(error)
            }
            if let error = document.newError {
                json.nextKey("new_error")
                json.string(error)
            }
            json.nextKey("changes")
            let text = texts[document.key]
            json.array(document.changes) { json, change in
                json.raw("{")
                json.key("change")
                json.string(change.change.rawValue)
                if let old = change.old {
                    json.nextKey("old")
                    json.fact(old)
                }
                if let new = change.new {
                    json.nextKey("new")
                    json.fact(new)
                }
                if let text, let range = text.range(of: change.fact) {
                    json.nextKey("sentence")
                    json.string(text.text(text.sentences(around: range)))
                }
                json.raw("}")
            }
            json.raw("}")
        }
        json.raw("}")
        return json.output
    }

    private func describe(_ change: FactChange) -> String {
        let fact = change.fact
        switch change.change {
        case .added, .removed:
            return "\(fact.field) \(fact.values.listing)  (\(fact.rule))"
        case .changed:
            let old = change.old!
            let new = change.new!
            let rule = old.rule == new.rule ? new.rule : "rule \(old.rule) -> \(new.rule)"
            return "\(fact.field) \(old.values.listing) -> \(new.values.listing)  (\(rule))"
        case .ruleChanged:
            return "\(fact.field) \(fact.values.listing)  (rule \(change.old!.rule) -> \(change.new!.rule))"
        }
    }

    /// The fact's sentence with its words marked, or only its words when the text is not at hand.
    private func context(
        of fact: Fact, in text: DocumentText?, style: TerminalStyle, color: TerminalStyle.Color
    ) -> String {
        guard let text, let range = text.range(of: fact) else {
            return style.highlight(fact.text, color) + "  (document text not found)"
        }
        return text.sentenceMarking(range, style: style, color: color)
    }
}

extension ExtractionDiff.Change {
    /// `+`, `-`, `~`, or `*` for a fact another rule found.
    public var symbol: String {
        switch self {
        case .added: "+"
        case .removed: "-"
        case .changed: "~"
        case .ruleChanged: "*"
        }
    }

    var color: TerminalStyle.Color {
        switch self {
        case .added: .green
        case .removed: .red
        case .changed, .ruleChanged: .yellow
        }
    }
}

extension OrderedDictionary where Key == String, Value == FactValue {
    /// The values as `{amount: 1.3, unit: mg/m2}`.
    public var listing: String {
        "{" + map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
}
