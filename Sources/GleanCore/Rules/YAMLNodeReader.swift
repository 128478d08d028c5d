import Synchronization
import Yams

/// Reads one rule or fixture file's YAML nodes strictly: every key must be
/// known, every value of the expected kind, and each problem becomes a
/// diagnostic at the node's line and column. Threads may read a file's
/// nodes side by side (the rules of a file are read so).
final class YAMLNodeReader: Sendable {
    let path: String
    let text: String
    private let found = Mutex<[Diagnostic]>([])
    private let lines = Mutex<[Substring]?>(nil)

    /// The problems found so far, in the order of their places in the file.
    var diagnostics: [Diagnostic] {
        found.withLock { $0 }.enumerated().sorted {
            ($0.element.location.line, $0.element.location.column, $0.offset)
                < ($1.element.location.line, $1.element.location.column, $1.offset)
        }.map(\.element)
    }

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The file's root node, or `nil` after reporting a YAML syntax error.
    func root() -> Node? {
        do {
            // Every scalar is read as a string (numbers and booleans are parsed where
            // they are expected), so Yams need not try each against its type
            // patterns, ICU regular expressions: a sixth of glean's start-up.
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            report(yamlError: error)
        } catch {
            diagnose(SourceLocation(file: path, line: 1, column: 1), "\(error)")
        }
        return nil
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    func diagnose(_ node: Node, _ message: String) { diagnose(location(of: node), message) }
    func diagnose(_ location: SourceLocation, _ message: String) {
        found.withLock { $0.append(Diagnostic(location, message)) }
    }

    /// The pairs of a mapping whose keys are all in `allowed`; unknown keys
    /// are reported (with the nearest known key as a hint) and left out.
    func mapping(_ node: Node, _ what: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            diagnose(node, "\(what) must be a mapping")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                diagnose(keyNode, "\(what) keys must be plain words")
                continue
            }
            guard allowed.contains(key) else {
                diagnose(keyNode, "unknown key '\(key)' in \(what)\(YAMLNodeReader.hint(for: key, among: allowed))")
                continue
            }
            pairs.append((key, keyNode, value))
        }
        return pairs
    }

    /// Like ``mapping(_:_:allowed:)`` for mappings whose keys are names the
    /// author chooses (definitions, vocabulary entries).
    func namedEntries(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else {
            diagnose(node, "\(what) must be a mapping of names")
            return []
        }
        return mapping.compactMap { keyNode, value in
            guard let key = keyNode.scalar?.string else {
                diagnose(keyNode, "\(what) names must be plain words")
                return nil
            }
            return (key, keyNode, value)
        }
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            diagnose(node, "\(what) must be a text")
            return nil
        }
        return scalar.string
    }

    func integer(_ node: Node, _ what: String) -> Int? {
        guard let value = node.scalar.flatMap({ Int($0.string) }) else {
            diagnose(node, "\(what) must be a whole number")
            return nil
        }
        return value
    }

    /// A `true` or `false` value; anything else is diagnosed at its place and read as `false`.
    func flag(_ node: Node, _ what: String) -> Bool {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            diagnose(node, "\(what) must be true or false")
            return false
        }
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard let sequence = node.sequence else {
            diagnose(node, "\(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    func strings(_ node: Node, _ what: String) -> [String]? {
        if let single = node.scalar { return [single.string] }
        return sequence(node, what)?.compactMap { string($0, what) }
    }

    /// The file position of character `offset` inside a scalar's text: exact
    /// for literal blocks (`|`) and one-line scalars, the scalar's start otherwise.
    func location(ofCharacter offset: Int, in node: Node) -> SourceLocation {
        let start = location(of: node)
        guard let scalar = node.scalar else { return start }
        // An error at the very end (an unclosed group) points just past the last written character.
        let written = scalar.string.count - scalar.string.reversed().prefix(while: \.isWhitespace).count
        let prefix = scalar.string.prefix(min(offset, written))
        let lineIndex = prefix.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        let column =
            prefix.count
            - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0)
        switch scalar.style {
        case .literal:
            let line = start.line + 1 + lineIndex
            guard line - 1 < lineCount else { return start }
            let indent = blockIndent(startingAt: start.line)
            return SourceLocation(file: path, line: line, column: indent + column + 1)
        case .plain where lineIndex == 0:
            return SourceLocation(file: path, line: start.line, column: start.column + column)
        case .singleQuoted where lineIndex == 0, .doubleQuoted where lineIndex == 0:
            return SourceLocation(file: path, line: start.line, column: start.column + 1 + column)
        default:
            return start
        }
    }

    /// The file's lines, split the first time a position inside a scalar is asked for.
    private func withLines<Result>(_ body: ([Substring]) -> Result) -> Result {
        lines.withLock { lines in
            if lines == nil { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }
            return body(lines!)
        }
    }

    private var lineCount: Int { withLines(\.count) }

    /// The indentation of a literal block's content, from its first non-blank line.
    private func blockIndent(startingAt indicatorLine: Int) -> Int {
        withLines { lines in
            for line in lines.dropFirst(indicatorLine) where !line.allSatisfy(\.isWhitespace) {
                return line.prefix(while: { $0 == " " }).count
            }
            return 0
        }
    }

    private func report(yamlError: YamlError) {
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            diagnose(SourceLocation(file: path, line: mark.line, column: mark.column), "malformed YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            diagnose(
                SourceLocation(file: path, line: context.mark.line, column: context.mark.column),
                "duplicate keys in mapping: \(duplicates.joined(separator: ", "))")
        default:
            diagnose(SourceLocation(file: path, line: 1, column: 1), "malformed YAML: \(yamlError)")
        }
    }

    /// ` (did you mean 'pattern'?)` when a known key is a small typo away.
    static func hint(for key: String, among allowed: [String]) -> String {
        let scored = allowed.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 3) else {
            return " (expected one of: \(allowed.joined(separator: ", ")))"
        }
        return " (did you mean '\(best)'?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
