import Foundation

/// Reads JSON Lines: one JSON object per line with `pmid` or `id` (a string or
/// a number), `title`, and `text` or `abstract`. Blank lines are skipped. A line
/// that is not such an object, or not UTF-8, fails on its own and the lines
/// after it are still read.
struct JSONLinesReader: RecordReader {
    /// The fields of one line that count; others are ignored.
    private struct Line: Decodable {
        var pmid: Identifier?
        var id: Identifier?
        var title: String?
        var text: String?
        var abstract: String?

        /// `pmid`, else `id`.
        var identifier: String? { (pmid ?? id)?.value }
    }

    /// An ID written as a string or as a number.
    private struct Identifier: Decodable {
        var value: String

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = String(number)
            } else {
                value = try container.decode(String.self)
            }
        }
    }

    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        let decoder = JSONDecoder()
        var lines = LineReader(input)
        while !sink.isStopped, let line = try lines.next() {
            if line.problem == nil, TextLayout.isBlank(line.text) { continue }
            let fields = try? decoder.decode(Line.self, from: Data(line.text.utf8))
            if let problem = line.problem {
                sink.recordFailure(problem.description, pmid: fields?.identifier)
                continue
            }
            guard let fields else {
                sink.recordFailure("line \(line.number): not a JSON object with string fields")
                continue
            }
            sink.record(
                ParsedRecord(
                    pmid: fields.identifier,
                    title: TextLayout.collapsingWhitespace(fields.title ?? ""),
                    abstractParagraphs: TextLayout.paragraphs(fields.text ?? fields.abstract ?? "")
                ))
        }
    }
}
