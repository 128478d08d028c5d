import Foundation
import GleanCore
import GleanOutput

extension DocumentExplanation {
    /// The document with each fact's words marked by field (ANSI colours
    /// when `colored`, else `[words]{number field}`), then each fact with
    /// its values, rule and sentence, then the matches that did not become
    /// facts; the rules that did not run here (a document condition failed)
    /// are counted, and listed when `verbose`.
    public func rendered(colored: Bool, verbose: Bool = false) -> String {
        let style = TerminalStyle(colored: colored)
        let palette = FieldPalette(fields: facts.map(\.field), colored: colored)
        var lines: [String] = []
        if colored, !facts.isEmpty {
            lines.append(palette.fields.map { palette.paint($0, field: $0) }.joined(separator: "  "))
            lines.append("")
        }
        lines.append(markedText(style: style, palette: palette))
        lines.append("")
        lines.append(
            style.paint(facts.isEmpty ? "no facts" : "\(facts.count) fact\(facts.count == 1 ? "" : "s")", .bold))
        for (index, fact) in facts.enumerated() {
            let range = text.byteOffset(ofCodePoint: fact.start)..<text.byteOffset(ofCodePoint: fact.end)
            lines.append(
                "  \(index + 1). \(palette.paint(fact.field, field: fact.field)) \(fact.values.listing)  by \(fact.rule)  [\(fact.start)-\(fact.end)]"
            )
            lines.append("     " + text.sentenceMarking(range, style: style, color: .green))
        }
        let notRun = rejections.filter { $0.range.isEmpty }
        let rejected = rejections.filter { !$0.range.isEmpty }
        if !rejected.isEmpty {
            lines.append("")
            lines.append(style.paint("\(rejected.count) match\(rejected.count == 1 ? "" : "es") rejected", .bold))
            for rejection in rejected {
                let reason = rejection.reason.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                lines.append("  \(rejection.rule) \"\(text.text(rejection.range))\": \(reason)")
                lines.append("     " + text.sentenceMarking(rejection.range, style: style, color: .red))
            }
        }
        if !notRun.isEmpty {
            lines.append("")
            lines.append(
                "\(notRun.count) rule\(notRun.count == 1 ? "" : "s") did not run here (a document condition failed)"
                    + (verbose ? ":" : "; --verbose lists them"))
            if verbose {
                for rule in notRun {
                    lines.append(
                        "  \(rule.rule): " + rule.reason.split(whereSeparator: \.isWhitespace).joined(separator: " "))
                }
            }
        }
        lines += warningLines(warnings, style: style)
        return lines.joined(separator: "\n")
    }

    /// The text with fact spans marked; facts with the same span share a
    /// mark, and a span overlapping an earlier one is marked from where that ends.
    private func markedText(style: TerminalStyle, palette: FieldPalette) -> String {
        var spans: [(range: Range<Int>, field: String, numbers: [Int])] = []
        for (index, fact) in facts.enumerated() {
            let range = text.byteOffset(ofCodePoint: fact.start)..<text.byteOffset(ofCodePoint: fact.end)
            if let same = spans.firstIndex(where: { $0.range == range && $0.field == fact.field }) {
                spans[same].numbers.append(index + 1)
            } else {
                spans.append((range, fact.field, [index + 1]))
            }
        }
        spans.sort { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        var output = ""
        var cursor = 0
        for span in spans {
            let lower = max(span.range.lowerBound, cursor)
            guard lower < span.range.upperBound else { continue }
            output += text.text(cursor..<lower)
            let words = text.text(lower..<span.range.upperBound)
            let numbers = span.numbers.map(String.init).joined(separator: ",")
            output +=
                style.colored
                ? palette.paint(words, field: span.field, underlined: true) + style.paint("{\(numbers)}", .bold)
                : "[\(words)]{\(numbers) \(span.field)}"
            cursor = span.range.upperBound
        }
        return output + text.text(cursor..<text.bytes.count)
    }
}

extension RuleExplanation {
    /// Each match with its captures and the values made of them, then, per
    /// candidate sentence, where the pattern stopped in its best attempt.
    public func rendered(colored: Bool) -> String {
        let style = TerminalStyle(colored: colored)
        var lines = [style.paint("rule \(rule) (\(field)), \(location)", .bold)]
        let accepted = matches.filter { $0.rejection == nil }.count
        if let notRun {
            lines.append(style.paint(notRun.split(whereSeparator: \.isWhitespace).joined(separator: " "), .red))
        } else {
            lines.append(
                matches.isEmpty
                    ? "no match in this text"
                    : "\(matches.count) match\(matches.count == 1 ? "" : "es"), \(accepted) became facts")
        }
        lines += warningLines(warnings, style: style)
        for (index, match) in matches.enumerated() {
            let start = text.codePointOffset(ofByte: match.range.lowerBound)
            let end = text.codePointOffset(ofByte: match.range.upperBound)
            lines.append("")
            lines.append("match \(index + 1): \"\(text.text(match.range))\" [\(start)-\(end)]")
            lines.append(
                "  in: "
                    + text.sentenceMarking(match.range, style: style, color: match.rejection == nil ? .green : .red))
            if !match.captures.isEmpty {
                lines.append(
                    "  captures: " + match.captures.map { "\($0.group) \"\($0.text)\"" }.joined(separator: ", "))
            }
            for value in match.values {
                lines.append("  \(value.name): \(value.source.isEmpty ? "" : value.source + " → ")\(value.result)")
            }
            if let rejection = match.rejection {
                let reason = rejection.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                lines.append("  " + style.paint("rejected: \(reason)", .red))
            }
            for fact in match.facts {
                lines.append("  " + style.paint("fact: \(fact.field) \(fact.values.listing)", .green))
            }
        }
        lines.append("")
        guard !misses.isEmpty else {
            lines.append(
                "the pattern got nowhere outside its matches in \(candidateSentences) candidate sentence\(candidateSentences == 1 ? "" : "s")"
            )
            return lines.joined(separator: "\n")
        }
        lines.append(
            style.paint(
                "where the pattern stopped (best attempt in each of \(misses.count) of \(candidateSentences) candidate sentences)",
                .bold))
        for miss in misses {
            lines.append("")
            lines.append("  in: " + text.sentenceMarking(miss.matched, style: style, color: .yellow))
            let following = text.text(miss.matched.upperBound..<miss.sentence.upperBound).prefix(24)
            lines.append(
                "  stopped at \(miss.location), expecting `\(miss.expecting)`, after matching `\(text.text(miss.matched))`"
                    + (following.isEmpty ? " at the end of the sentence" : ", before `\(following)`"))
            if let inner = miss.inDefinition {
                lines.append("    inside definition \(inner.name) (\(inner.location)): expecting `\(inner.item)`")
            }
            for finding in miss.context { lines.append("    " + finding) }
        }
        return lines.joined(separator: "\n")
    }
}

/// Warnings under a heading, in red, after a blank line; nothing when there are none.
private func warningLines(_ warnings: [String], style: TerminalStyle) -> [String] {
    guard !warnings.isEmpty else { return [] }
    return ["", style.paint("\(warnings.count) warning\(warnings.count == 1 ? "" : "s")", .bold)]
        + warnings.map { "  " + style.paint($0, .red) }
}
