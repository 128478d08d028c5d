/// One record of a tag-per-line format (MEDLINE, RIS): its fields in file order,
/// each value with its continuation lines joined by single spaces.
struct TaggedRecord {
    var fields: [(tag: String, value: String)] = []
    /// The first line of the record whose bytes are not UTF-8, if any.
    var firstInvalidUTF8Line: Int?

    /// The value of the first field with one of `tags`, in the order given; nil when none is present.
    func firstValue(of tags: String...) -> String? {
        for tag in tags {
            if let field = fields.first(where: { $0.tag == tag }) { return field.value }
        }
        return nil
    }
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
struct TaggedRecordScanner<Lines: LineSource> {
    private let layout: TaggedRecordLayout
    private var lines: Lines
    private var current: TaggedRecord?

    init(_ lines: Lines, layout: TaggedRecordLayout) {
        self.lines = lines
        self.layout = layout
    }

    /// Reads every record and passes it to `sink`, as `parse` makes it, until
    /// the input ends or the sink stops. A record with a line that is not UTF-8
    /// becomes a failure naming that line, under the record's PMID when it has one.
    mutating func read(into sink: RecordSink, parse: (TaggedRecord) -> ParsedRecord) throws(InputProblem) {
        while !sink.isStopped, let record = try nextRecord() {
            let parsed = parse(record)
            if let line = record.firstInvalidUTF8Line {
                sink.recordFailure(InputProblem.invalidUTF8(line: line).description, pmid: parsed.pmid)
            } else {
                sink.record(parsed)
            }
        }
    }

    /// The next record, or nil at the end of the input. Lines outside any record are skipped.
    mutating func nextRecord() throws(InputProblem) -> TaggedRecord? {
        while let line = try lines.next() {
            if let finished = take(line) { return finished }
        }
        return closeCurrent()
    }

    /// Adds a line to the current record; returns a record this line completed.
    private mutating func take(_ line: TextLine) -> TaggedRecord? {
        guard let (tag, value) = Self.tagLine(line.text, tagLengths: layout.tagLengths) else {
            if TextLayout.isBlank(line.text) {
                return layout.endTag == nil ? closeCurrent() : nil
            }
            appendContinuation(line)
            return nil
        }
        if tag == layout.startTag {
            let previous = closeCurrent()
            current = TaggedRecord(fields: [(tag, value)])
            current!.note(line)
            return previous
        }
        current?.note(line)
        if tag == layout.endTag {
            return closeCurrent()
        }
        current?.fields.append((tag, value))
        return nil
    }

    private mutating func appendContinuation(_ line: TextLine) {
        guard let last = current?.fields.indices.last else { return }
        let continuation = TextLayout.collapsingWhitespace(line.text)
        // Appended in place: a long abstract has dozens of continuation lines.
        if current!.fields[last].value.isEmpty {
            current!.fields[last].value = continuation
        } else {
            current!.fields[last].value += " " + continuation
        }
        current!.note(line)
    }

    private mutating func closeCurrent() -> TaggedRecord? {
        defer { current = nil }
        return current
    }

    /// Splits `TAG - value` into tag and whitespace-collapsed value; nil for any other line.
    /// The tag is read from the line's first bytes: up to four ASCII capitals
    /// and digits, starting with a letter, padded with spaces, then `-` and a
    /// space or the line end.
    static func tagLine(_ line: String, tagLengths: ClosedRange<Int>) -> (tag: String, value: String)? {
        let bytes = line.utf8
        guard bytes.count >= 5 else { return nil }
        let head = Array(bytes.prefix(6))
        guard head[4] == UInt8(ascii: "-"), head.count == 5 || head[5] == UInt8(ascii: " ") else { return nil }
        let tagLength = head[0..<4].firstIndex(of: UInt8(ascii: " ")) ?? 4
        guard tagLengths.contains(tagLength),
              head[tagLength..<4].allSatisfy({ $0 == UInt8(ascii: " ") }),
              isCapital(head[0]),
              head[0..<tagLength].allSatisfy({ isCapital($0) || $0 &- UInt8(ascii: "0") < 10 })
        else { return nil }
        let tag = String(decoding: head[0..<tagLength], as: UTF8.self)
        return (tag, TextLayout.collapsingWhitespace(line.dropFirst(head.count)))
    }

    private static func isCapital(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "A") < 26
    }
}

private extension TaggedRecord {
    /// Remembers `line`, a line of this record, when it is the first that is not UTF-8.
    mutating func note(_ line: TextLine) {
        if !line.isValidUTF8, firstInvalidUTF8Line == nil { firstInvalidUTF8Line = line.number }
    }
}
