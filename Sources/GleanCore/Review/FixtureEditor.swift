import Foundation
import Yams

/// Writes accepted review changes into a fixture file's text line by line,
/// so comments, blank lines and the order of the untouched expectations
/// stay as the author wrote them: a removed expectation loses its lines, a
/// changed one is rewritten in place (keeping its trailing comment), and
/// new facts are appended to the end of the `expect:` list as flow-style
/// `- {field: ..., ...}` lines. `expect: []` becomes a list when facts are
/// added, and an emptied list becomes `expect: []`.
///
/// A change can be recorded instead of accepted: an expectation the rules
/// miss (or get an attribute of wrong) gets `todo: true`, a known miss; a
/// fact they extract wrongly goes into the `reject:` list (made at the end of
/// the file when there is none).
public struct FixtureEditor {
    public let text: String

    public init(text: String) { self.text = text }

    /// A fixture this editor cannot change safely.
    public struct EditError: Error, Sendable, CustomStringConvertible {
        public let description: String

        package init(description: String) { self.description = description }
    }

    /// The fixture with `changes` accepted and `recorded` recorded.
    public func applying(
        _ changes: [FixtureDifference.Change], recording recorded: [FixtureDifference.Change] = []
    ) throws(EditError) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let expectIndex = lines.firstIndex(where: { FixtureEditor.isExpectKey($0) }) else {
            throw EditError(description: "no 'expect:' line at the start of a line")
        }
        let value = lines[expectIndex].dropFirst("expect:".count).prefix { $0 != "#" }.trimmingCharacters(
            in: .whitespaces)
        guard value.isEmpty || value == "[]" else {
            throw EditError(
                description:
                    "the expect list is written in flow style ([...]); write it one '- {...}' line per fact to review it"
            )
        }
        let list = itemsOfList(after: expectIndex, in: lines)
        var replacements: [Int: String?] = [:]
        for change in changes where change.kind != .added {
            guard let line = change.line, let item = list.items.first(where: { $0.first == line - 1 }) else {
                throw EditError(description: "no expectation starts on line \(change.line ?? 0)")
            }
            for index in item { replacements[index] = .some(nil) }
            if change.kind == .changed, let values = change.extracted {
                let comment = item.count == 1 ? FixtureEditor.trailingComment(of: lines[item.first!]) : ""
                replacements[item.first!] =
                    list.indent + "- " + FixtureEditor.flowMapping(field: change.field, values) + comment
            }
        }
        for change in recorded where change.kind != .added {
            guard let line = change.line, let item = list.items.first(where: { $0.first == line - 1 }) else {
                throw EditError(description: "no expectation starts on line \(change.line ?? 0)")
            }
            guard item.count == 1, let marked = FixtureEditor.markedKnownMiss(lines[item[0]]) else {
                throw EditError(
                    description: "the expectation on line \(line) is not one '- {...}' line; write it so to record it")
            }
            replacements[item[0]] = .some(marked)
        }
        let newItems = changes.filter { $0.kind == .added }.compactMap { change in
            change.extracted.map { list.indent + "- " + FixtureEditor.flowMapping(field: change.field, $0) }
        }
        let remaining = list.items.count - list.items.filter { replacements[$0.first!] == .some(nil) }.count
        let insertAfter = list.items.last?.last ?? expectIndex
        var edited: [String] = []
        for (index, line) in lines.enumerated() {
            if index == expectIndex {
                edited.append(FixtureEditor.expectLine(line, empty: remaining + newItems.count == 0))
            } else if let replacement = replacements[index] {
                if let replacement { edited.append(replacement) }
            } else {
                edited.append(line)
            }
            if index == insertAfter { edited += newItems }
        }
        lines = FixtureEditor.rejecting(recorded.filter { $0.kind == .added }, in: edited, indent: list.indent)
        let result = lines.joined(separator: "\n")
        try FixtureEditor.check(result, expecting: remaining + newItems.count)
        return result
    }

    /// A one-line flow expectation with `todo: true` before its closing brace
    /// (its comment kept); nil when the line is not one.
    static func markedKnownMiss(_ line: String) -> String? {
        let comment = trailingComment(of: line)
        let mapping = String(line.dropLast(comment.count))
        guard mapping.hasSuffix("}") else { return nil }
        if mapping.contains("todo:") { return line }
        return String(mapping.dropLast()) + ", todo: true}" + comment
    }

    /// `lines` with `added` facts appended to the `reject:` list, which is
    /// made at the end of the file when there is none.
    private static func rejecting(_ added: [FixtureDifference.Change], in lines: [String], indent: String) -> [String] {
        let items = added.compactMap { change in
            change.extracted.map { indent + "- " + flowMapping(field: change.field, $0) }
        }
        guard !items.isEmpty else { return lines }
        var lines = lines
        if let rejectIndex = lines.firstIndex(where: { $0.hasPrefix("reject:") }) {
            var end = rejectIndex
            while end + 1 < lines.count, lines[end + 1].hasPrefix(" ") || lines[end + 1].hasPrefix("-") { end += 1 }
            lines.insert(contentsOf: items, at: end + 1)
            return lines
        }
        let trailingBlank = lines.last == "" ? 1 : 0
        lines.insert(
            contentsOf: ["reject:  # extracted by the rules, and wrong (recorded by glean review)"] + items,
            at: lines.count - trailingBlank)
        return lines
    }

    /// The expectations of the list after `expect:`: for each, the indices
    /// of its lines (a flow mapping is one line; a block mapping runs on
    /// while lines are indented deeper than its dash, comments excepted).
    private func itemsOfList(after expectIndex: Int, in lines: [String]) -> (items: [[Int]], indent: String) {
        var items: [[Int]] = []
        var indent: String?
        var index = expectIndex + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            let column = line.count - trimmed.count
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            guard trimmed.hasPrefix("- ") || trimmed == "-", indent.map({ $0.count == column }) ?? true else { break }
            indent = String(line.prefix(column))
            var item = [index]
            index += 1
            while index < lines.count {
                let next = lines[index].drop { $0 == " " }
                let nextColumn = lines[index].count - next.count
                guard !next.isEmpty, !next.hasPrefix("#"), nextColumn > column else { break }
                item.append(index)
                index += 1
            }
            items.append(item)
        }
        return (items, indent ?? "  ")
    }

    static func isExpectKey(_ line: String) -> Bool {
        line.hasPrefix("expect:")
    }

    /// `expect:` or `expect: []`, keeping a trailing comment.
    private static func expectLine(_ line: String, empty: Bool) -> String {
        let rest = line.dropFirst("expect:".count)
        guard let hash = rest.firstIndex(of: "#") else { return empty ? "expect: []" : "expect:" }
        let spaces = rest[..<hash].reversed().prefix { $0 == " " }.count
        return (empty ? "expect: []" : "expect:") + String(repeating: " ", count: max(spaces, 1)) + rest[hash...]
    }

    /// The comment after a flow mapping's closing brace, with the spaces before it.
    static func trailingComment(of line: String) -> String {
        guard let close = line.lastIndex(of: "}") else { return "" }
        let rest = line[line.index(after: close)...]
        return rest.drop { $0 == " " }.hasPrefix("#") ? String(rest) : ""
    }

    /// `{field: dose, amount: 1.3, unit: mg/m2, drug: bortezomib}`.
    static func flowMapping(field: String, _ values: FactValues) -> String {
        "{"
            + (["field: \(scalar(.text(field)))"] + values.map { "\($0.key): \(scalar($0.value))" }).joined(
                separator: ", ") + "}"
    }

    /// A value as a YAML flow scalar: numbers and flags plain; texts plain
    /// unless YAML would read them otherwise (ranges, bounds and anything
    /// with a digit first are quoted, as fixtures write `"2-4"` and `">=3"`).
    static func scalar(_ value: FactValue) -> String {
        guard value.isWrittenAsText else { return value.description }
        let text = value.description
        let special = CharacterSet(charactersIn: ":#,[]{}&*!|>'\"%@`<=?")
        let needsQuotes =
            text.isEmpty || text.first!.isNumber || text.first == "-" || text.first == " " || text.last == " "
            || text.unicodeScalars.contains(where: special.contains)
            || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    /// Refuses an edit that is not YAML or whose list has not the expected length.
    private static func check(_ text: String, expecting count: Int) throws(EditError) {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw EditError(description: "the edited fixture would not be valid YAML: \(error)")
        }
        let found = root?.mapping?["expect"]?.sequence?.count
        guard found == count else {
            throw EditError(
                description:
                    "the edited fixture would list \(found.map(String.init) ?? "no") expectations, not \(count)")
        }
    }
}
