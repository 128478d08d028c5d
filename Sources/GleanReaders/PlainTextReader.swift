/// Reads a plain-text file as one document: the whole text, line ends made LF,
/// a byte-order mark and the final line end dropped, otherwise unchanged.
/// A file of nothing but whitespace is a failure.
struct PlainTextReader: RecordReader {
    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        var lines = LineReader(input)
        let text = try lines.remainingText()
        if TextLayout.isBlank(text) {
            sink.recordFailure("no text")
        } else {
            sink.record(ParsedRecord(abstractParagraphs: [text]))
        }
    }
}
