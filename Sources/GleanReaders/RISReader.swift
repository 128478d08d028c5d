/// Reads RIS and EndNote-tagged exports: records from `TY  - ` to `ER  - `; the
/// title is `TI` or `T1`, the abstract `AB` or `N2`, and the PMID is taken from
/// an all-digit `AN` field or a field whose value reads `PMID: 123`.
/// A record flattened onto one line (`TY - JOUR T1 - ... ER -`) is read too.
struct RISReader: RecordReader {
    private static let layout = TaggedRecordLayout(startTag: "TY", endTag: "ER", tagLengths: 2...2)

    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        var scanner = TaggedRecordScanner(FlattenedRISLines(LineReader(input)), layout: Self.layout)
        try scanner.read(into: sink) { record in
            ParsedRecord(
                pmid: Self.pmid(of: record),
                title: record.firstValue(of: "TI", "T1") ?? "",
                abstractParagraphs: record.firstValue(of: "AB", "N2").map { [$0] } ?? []
            )
        }
    }

    private static func pmid(of record: TaggedRecord) -> String? {
        if let accessionNumber = record.firstValue(of: "AN"), !accessionNumber.isEmpty,
            accessionNumber.allSatisfy(\.isASCII), accessionNumber.allSatisfy(\.isNumber)
        {
            return accessionNumber
        }
        for field in record.fields {
            if let match = field.value.wholeMatch(of: /PMID:?\s*(\d+)/) { return String(match.1) }
        }
        return nil
    }
}

/// Lines of an RIS file with any record flattened onto one line
/// (`TY - JOUR T1 - Title AB - ... ER -`) split back into one line per tag.
struct FlattenedRISLines<Base: LineSource>: LineSource {
    /// A tag inside a flattened line: two characters, spaces, a hyphen, then a space or the line end.
    private let inlineTag = /(?:^|\s)([A-Z][A-Z0-9]) {1,2}-(?= |$)/

    private var base: Base
    private var expanded: [TextLine] = []

    init(_ base: Base) {
        self.base = base
    }

    mutating func next() throws(InputProblem) -> TextLine? {
        if expanded.isEmpty, let line = try base.next() {
            expanded = expand(line)
        }
        return expanded.isEmpty ? nil : expanded.removeFirst()
    }

    /// The tag lines a flattened record holds, each with the number and
    /// validity of the line they came from; any other line unchanged.
    private func expand(_ line: TextLine) -> [TextLine] {
        let text = line.text
        let tags = text.matches(of: inlineTag)
        guard tags.count > 1, tags[0].range.lowerBound == text.startIndex, tags[0].1 == "TY" else { return [line] }
        return tags.indices.map { index in
            let valueEnd = index + 1 < tags.count ? tags[index + 1].range.lowerBound : text.endIndex
            let value = text[tags[index].range.upperBound..<valueEnd]
            var tagLine = line
            tagLine.text = "\(tags[index].1)  - \(TextLayout.collapsingWhitespace(value))"
            return tagLine
        }
    }
}
