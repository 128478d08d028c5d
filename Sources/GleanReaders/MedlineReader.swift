/// Reads MEDLINE (`.nbib`, PubMed's "MEDLINE" download): records that start with
/// `PMID- ` and end at a blank line; the title is `TI` (`BTI` for a book), the abstract `AB`.
struct MedlineReader: RecordReader {
    private static let layout = TaggedRecordLayout(startTag: "PMID", endTag: nil, tagLengths: 2...4)

    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        var scanner = TaggedRecordScanner(LineReader(input), layout: Self.layout)
        try scanner.read(into: sink) { record in
            ParsedRecord(
                pmid: record.firstValue(of: "PMID"),
                title: record.firstValue(of: "TI", "BTI") ?? "",
                abstractParagraphs: record.firstValue(of: "AB").map { [$0] } ?? []
            )
        }
    }
}
