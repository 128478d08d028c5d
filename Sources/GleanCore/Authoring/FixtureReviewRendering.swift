extension FixtureDifference {
    /// The fixture's differences for people: `-` expected but not
    /// extracted, `+` extracted but not expected, `~` expected with other
    /// attributes; with `sentences`, each in its sentence.
    public func rendered(colored: Bool, sentences: Bool) -> String {
        let style = TerminalStyle(colored: colored)
        var lines = [style.paint("\(fixture)  (\(source))", .bold)]
        if let error { lines.append("  error: \(error)") }
        for change in changes {
            let where_ = change.line.map { "  line \($0)" } ?? ""
            let rule = change.rule.map { "  by \($0)" } ?? ""
            switch change.kind {
            case .removed:
                lines.append("  " + style.paint("-", .red) + " \(change.field) \(change.expected!.listing)\(where_)  not extracted")
            case .added:
                lines.append("  " + style.paint("+", .green) + " \(change.field) \(change.extracted!.listing)\(rule)")
            case .changed:
                lines.append("  " + style.paint("~", .yellow) + " \(change.field) \(change.expected!.listing) → \(change.extracted!.listing)\(where_)\(rule)")
            }
            guard sentences else { continue }
            if let span = change.span, let text {
                lines.append("      in: " + text.sentenceMarking(span, style: style, color: change.kind == .added ? .green : .yellow))
            } else if let mention = change.mention {
                lines.append("      near: " + mention.split(whereSeparator: \.isNewline).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
