/// Blanks the `examples:` blocks of a rule file's rules before it is parsed,
/// for a load that matches documents and never runs examples: the examples
/// are two fifths of the rule files, and parsing them was a third of
/// `glean extract`'s start-up. Each blanked line is left empty, so every
/// other line keeps its number and columns (diagnostics point where they
/// did).
///
/// A block is blanked only where its key cannot be anything else: a line
/// that is `examples:` alone (a comment may follow), at the indentation of
/// the enclosing rule's `id:` key (in the same section), outside any block scalar (`|`, `>`). It
/// runs over the lines after it that are blank, comments, indented further,
/// or a sequence's dashes at the key's own indentation. Anything else (an
/// inline `examples: {...}`, a file without `id:` keys) is left as written
/// and parsed as before.
enum ExampleBlocks {
    /// `text` with its rules' `examples:` blocks blanked.
    static func blanked(in text: String) -> String {
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var ruleKeyIndent: Int?
        var scalarParentIndent: Int?
        var examplesIndent: Int?
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = Line(bytes: bytes[lineStart..<lineEnd])
            if !isBlanked(
                line, ruleKeyIndent: &ruleKeyIndent, scalarParentIndent: &scalarParentIndent,
                examplesIndent: &examplesIndent)
            {
                kept += bytes[lineStart..<lineEnd]
            }
            if lineEnd < bytes.count { kept.append(UInt8(ascii: "\n")) }
            lineStart = lineEnd + 1
        }
        return kept.count == bytes.count ? text : String(decoding: kept, as: UTF8.self)
    }

    /// Whether `line` belongs to an `examples:` block, following the blocks
    /// and block scalars the lines before it opened.
    private static func isBlanked(
        _ line: Line, ruleKeyIndent: inout Int?, scalarParentIndent: inout Int?, examplesIndent: inout Int?
    ) -> Bool {
        if let parent = examplesIndent {
            if line.isBlankOrComment || line.indent > parent || (line.indent == parent && line.isDash) { return true }
            examplesIndent = nil
        }
        if let parent = scalarParentIndent {
            if line.isBlankOrComment || line.indent > parent { return false }
            scalarParentIndent = nil
        }
        if line.isBlankOrComment { return false }
        // A top-level key starts another section: its `examples:` keys, if any, are no rule's.
        if line.indent == 0, !line.isDash { ruleKeyIndent = nil }
        if let keyIndent = line.idKeyIndent { ruleKeyIndent = keyIndent }
        if line.indent == ruleKeyIndent, line.isExamplesKey {
            examplesIndent = line.indent
            return true
        }
        if line.opensBlockScalar { scalarParentIndent = line.indent }
        return false
    }

    /// One line of a rule file, without its line break.
    private struct Line {
        /// The line after its leading spaces.
        let content: ArraySlice<UInt8>
        /// How many spaces lead it.
        let indent: Int

        init(bytes: ArraySlice<UInt8>) {
            let start = bytes.firstIndex { $0 != UInt8(ascii: " ") } ?? bytes.endIndex
            content = bytes[start...]
            indent = start - bytes.startIndex
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }

        var isBlankOrComment: Bool { content.allSatisfy(Self.isSpace) || content.first == UInt8(ascii: "#") }

        /// Whether the line is a sequence entry (`-` then a space or the line's end).
        var isDash: Bool {
            content.first == UInt8(ascii: "-") && content.dropFirst().first.map(Self.isSpace) ?? true
        }

        /// The column of an `id:` key on this line (`id: x` or `- id: x`), if it has one.
        var idKeyIndent: Int? {
            if content.starts(with: "id:".utf8) { return indent }
            guard content.starts(with: "- ".utf8) else { return nil }
            let key = content.dropFirst(2).drop { $0 == UInt8(ascii: " ") }
            return key.starts(with: "id:".utf8) ? key.startIndex - content.startIndex + indent : nil
        }

        /// Whether the line is `examples:` alone, or with a comment after it.
        var isExamplesKey: Bool {
            guard content.starts(with: "examples:".utf8) else { return false }
            let rest = content.dropFirst("examples:".utf8.count).drop(while: Self.isSpace)
            return rest.isEmpty || rest.first == UInt8(ascii: "#")
        }

        /// Whether the line ends in a block scalar's header (`|`, `>-`, `|2` ...,
        /// a comment after it allowed). Any line so ending counts, even one
        /// where the sign is inside a quoted value: a header missed would let
        /// a pattern's text be taken for a key, a header too many only leaves
        /// a block unblanked.
        var opensBlockScalar: Bool {
            var value = content
            if let hash = value.indices.first(where: {
                value[$0] == UInt8(ascii: "#") && $0 > value.startIndex && value[$0 - 1] == UInt8(ascii: " ")
            }) {
                value = value[..<hash]
            }
            while let last = value.last, Self.isSpace(last) { value = value.dropLast() }
            var indicators = 0
            while let last = value.last, indicators < 3,
                last == UInt8(ascii: "+") || last == UInt8(ascii: "-")
                    || (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(last)
            {
                value = value.dropLast()
                indicators += 1
            }
            return indicators <= 2 && (value.last == UInt8(ascii: "|") || value.last == UInt8(ascii: ">"))
        }
    }
}
