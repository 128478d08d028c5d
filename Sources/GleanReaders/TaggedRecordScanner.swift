/// One record of a tag-per-line format (MEDLINE, RIS): its fields in file order,
/// each value with its continuation lines joined by single spaces.
struct TaggedRecord {
    var fields: [(tag: String, value: String)] = []
    /// The problem of the first line of the record that cannot be read (not UTF-8, too long), if any.
    var firstProblem: InputProblem?

    /// The value of the first field with one of `tags`, in the order given; nil when none is present.
    func firstValue(of tags: String...) -> String? {
        for tag in tags {
            if let field = fields.first(where: { $0.tag == tag }) { return field.value }
        }
        return nil
    }
}

/// Lines of a tagged file that belong to no record: prose before the first
/// record, or between two. They are read as a plain-text document of their own.
struct UntaggedText {
    /// The lines, blank ones at either end dropped.
    var lines: [String] = []
    /// The problem of the first of the lines that cannot be read, if any.
    var firstProblem: InputProblem?

    /// The lines joined with LF.
    var text: String { lines.joined(separator: "\n") }
}

/// What `TaggedRecordScanner` finds next in a tagged file.
enum TaggedBlock {
    case record(TaggedRecord)
    case untaggedText(UntaggedText)
}

/// How a tagged format delimits records, and how long its tags may be.
struct TaggedRecordLayout {
    /// The tag that opens a record (`PMID`, `TY`).
    var startTag: String
    /// The tag that closes a record (`ER`); without one, a blank line closes it.
    var endTag: String?
    /// Permitted tag lengths: RIS tags have exactly two characters, which keeps
    /// an unindented continuation such as `HIV - 1 ...` from reading as a tag.
    var tagLengths: ClosedRange<Int>
}

/// Splits the lines of a tagged format into records. MEDLINE and RIS share the
/// line shape: a tag of up to four letters or digits, padded with spaces to four
/// columns, then `- ` and the value (`PMID- 123`, `TI  - Title`, `ER  -`).
/// A line that is not a tag line continues the field before it (MEDLINE indents
/// continuation lines by six spaces; EndNote exports do not indent them).
///
/// Outside a record, a tag line other than the end tag opens a record even when
/// it is not the start tag (an RIS record without `TY`, MEDLINE without `PMID`),
/// and other text becomes `UntaggedText`, so that nothing in the file is skipped.
struct TaggedRecordScanner<Lines: LineSource> {
    private let layout: TaggedRecordLayout
    private var lines: Lines
    /// The record being read; nil outside a record.
    private var current: TaggedRecord?
    /// Text outside any record read since the last record; nil when there is none.
    private var untagged: UntaggedText?

    init(_ lines: Lines, layout: TaggedRecordLayout) {
        self.lines = lines
        self.layout = layout
    }

    /// Reads every block and passes it to `sink` until the input ends or the
    /// sink stops: each record as `parse` makes it, untagged text as a plain-text
    /// document. A record or text with a line that cannot be read (not UTF-8,
    /// too long) becomes a failure naming that line, under the record's PMID
    /// when it has one.
    mutating func read(into sink: RecordSink, parse: (TaggedRecord) -> ParsedRecord) throws(InputProblem) {
        while !sink.isStopped, let block = try nextBlock() {
            let (parsed, firstProblem) =
                switch block {
                case .record(let record): (parse(record), record.firstProblem)
                case .untaggedText(let text): (ParsedRecord(abstractParagraphs: [text.text]), text.firstProblem)
                }
            if let problem = firstProblem {
                sink.recordFailure(problem.description, pmid: parsed.pmid)
            } else {
                sink.record(parsed)
            }
        }
    }

    /// The next record or untagged text, or nil at the end of the input.
    private mutating func nextBlock() throws(InputProblem) -> TaggedBlock? {
        while let line = try lines.next() {
            if let finished = take(line) { return finished }
        }
        return closeBlock()
    }

    /// Adds a line to the current record or untagged text; returns a block this line completed.
    private mutating func take(_ line: TextLine) -> TaggedBlock? {
        if case .lineTooLong = line.problem {
            // Its text was not kept: the block it falls in fails, naming it.
            if current != nil { current!.note(line) } else { appendUntagged(line) }
            return nil
        }
        guard let (tag, value) = Self.tagLine(line.text, tagLengths: layout.tagLengths) else {
            if current != nil {
                if TextLayout.isBlank(line.text) {
                    return layout.endTag == nil ? closeBlock() : nil
                }
                appendContinuation(line)
            } else if untagged != nil || !TextLayout.isBlank(line.text) {
                appendUntagged(line)
            }
            return nil
        }
        if tag == layout.endTag {
            // Outside a record an end tag closes nothing, not even untagged text.
            guard current != nil else { return nil }
            current!.note(line)
            return closeBlock()
        }
        if tag == layout.startTag || current == nil {
            let previous = closeBlock()
            current = TaggedRecord(fields: [(tag, value)])
            current!.note(line)
            return previous
        }
        current!.fields.append((tag, value))
        current!.note(line)
        return nil
    }

    private mutating func appendContinuation(_ line: TextLine) {
        guard let last = current?.fields.indices.last else { return }
        let continuation = TextLayout.collapsingWhitespace(line.text)
        // Appended in place: a long abstract has dozens of continuation lines.
        if current!.fields[last].value.isEmpty {
            current!.fields[last].value = continuation
        } else {
            current!.fields[last].value += " "
            current!.fields[last].value += continuation
        }
        current!.note(line)
    }

    private mutating func appendUntagged(_ line: TextLine) {
        if untagged == nil { untagged = UntaggedText() }
        untagged!.lines.append(line.text)
        untagged!.note(line)
    }

    /// The record or untagged text being read, now complete; nil when there is none.
    private mutating func closeBlock() -> TaggedBlock? {
        if let record = current {
            current = nil
            return .record(record)
        }
        guard var text = untagged else { return nil }
        untagged = nil
        while let last = text.lines.last, TextLayout.isBlank(last) { text.lines.removeLast() }
        return .untaggedText(text)
    }

    /// Splits `TAG - value` into tag and whitespace-collapsed value; nil for any other line.
    /// The tag is read from the line's first bytes: up to four ASCII capitals
    /// and digits, starting with a letter, padded with spaces, then `-` and a
    /// space or the line end.
    static func tagLine(_ line: String, tagLengths: ClosedRange<Int>) -> (tag: String, value: String)? {
        var line = line
        // The head is read in place; only a tag line's tag and value become strings.
        let tag: (name: String, headLength: Int)? = line.withUTF8 { bytes in
            guard bytes.count >= 5 else { return nil }
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(6))
            guard head[4] == UInt8(ascii: "-"), head.count == 5 || head[5] == UInt8(ascii: " ") else { return nil }
            let tagLength = head[0..<4].firstIndex(of: UInt8(ascii: " ")) ?? 4
            guard tagLengths.contains(tagLength),
                head[tagLength..<4].allSatisfy({ $0 == UInt8(ascii: " ") }),
                isCapital(head[0]),
                head[0..<tagLength].allSatisfy({ isCapital($0) || $0 &- UInt8(ascii: "0") < 10 })
            else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: head[0..<tagLength]), as: UTF8.self), head.count)
        }
        guard let tag else { return nil }
        return (tag.name, TextLayout.collapsingWhitespace(line.dropFirst(tag.headLength)))
    }

    private static func isCapital(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "A") < 26
    }
}

/// Lines read as one block, which remembers the first of them that cannot be read.
private protocol LineBlock {
    var firstProblem: InputProblem? { get set }
}

extension LineBlock {
    /// Remembers `line`, a line of this block, when it is the first that cannot be read.
    mutating func note(_ line: TextLine) {
        if let problem = line.problem, firstProblem == nil { firstProblem = problem }
    }
}

extension TaggedRecord: LineBlock {}
extension UntaggedText: LineBlock {}
