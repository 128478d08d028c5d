import GleanCore
import GleanOutput

extension FixtureDifference {
    /// The fixture's differences for people: `-` expected but not
    /// extracted, `+` extracted but not expected, `~` expected with other
    /// attributes; with `sentences`, each in its sentence.
    public func rendered(colored: Bool, sentences: Bool) -> String {
        let style = TerminalStyle(colored: colored)
        var lines = [style.paint("\(fixture)  (\(source))", .bold)]
        if let error { lines.append("  error: \(error)") }
        for change in changes { lines += self.lines(of: change, style: style, sentences: sentences) }
        return lines.joined(separator: "\n")
    }

    /// One difference, as ``rendered(colored:sentences:)`` shows it.
    public func rendered(_ change: Change, colored: Bool, sentences: Bool) -> String {
        lines(of: change, style: TerminalStyle(colored: colored), sentences: sentences).joined(separator: "\n")
    }

    private func lines(of change: Change, style: TerminalStyle, sentences: Bool) -> [String] {
        let where_ = change.line.map { "  line \($0)" } ?? ""
        let rule = change.rule.map { "  by \($0)" } ?? ""
        var lines: [String]
        switch change.kind {
        case .removed:
            lines = [
                "  " + style.paint("-", .red) + " \(change.field) \(change.expected!.listing)\(where_)  not extracted"
            ]
        case .added:
            lines = ["  " + style.paint("+", .green) + " \(change.field) \(change.extracted!.listing)\(rule)"]
        case .changed:
            lines = [
                "  " + style.paint("~", .yellow)
                    + " \(change.field) \(change.expected!.listing) → \(change.extracted!.listing)\(where_)\(rule)"
            ]
        }
        guard sentences else { return lines }
        if let span = change.span, let text {
            lines.append(
                "      in: " + text.sentenceMarking(span, style: style, color: change.kind == .added ? .green : .yellow)
            )
        } else if let mention = change.mention {
            lines.append("      near: " + mention.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        return lines
    }
}
