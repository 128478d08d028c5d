import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an XML format with Foundation's streaming (SAX) `XMLParser`; a schema
/// says which elements hold what. Inline markup inside a field is flattened to
/// its text (`mg/m<sup>2</sup>` reads `mg/m2`) and entities are decoded.
///
/// External entities are never resolved and no DTD is fetched (`XMLParser`'s
/// defaults, kept explicitly). At the first well-formedness error parsing stops:
/// the records completed before it stand, and the error fails the rest of the file.
struct XMLRecordReader: RecordReader {
    let schema: any XMLRecordSchema

    func readRecords(from input: ByteInput, into sink: RecordSink) throws(InputProblem) {
        let stream = ByteInputStream(input)
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        let collector = XMLRecordCollector(schema: schema, sink: sink)
        parser.delegate = collector
        _ = parser.parse()
        if let problem = stream.problem ?? collector.problem { throw problem }
    }
}

/// The `XMLParser` delegate behind `XMLRecordReader`: follows the element path,
/// captures the text of the fields the schema names, and hands each finished
/// record to the sink.
private final class XMLRecordCollector: NSObject, XMLParserDelegate {
    /// A record being read.
    private struct Draft {
        var pmid: String?
        var title: String?
        var fallbackTitle: String?
        var abstractParagraphs: [String] = []
        var pendingLabel: String?
        /// The depth of the record's element.
        var depth: Int
        /// Whether its text grew past ``LineReader/maximumLength``: it becomes a failure.
        var isTooLarge = false
        /// The bytes of text captured for it so far.
        var capturedBytes = 0
    }

    /// libxml2 reports an undeclared entity (`&nbsp;` without its DTD) as an error
    /// but goes on without it; such an entity is dropped, not a reason to stop.
    /// 26 is XML_ERR_UNDECLARED_ENTITY, 27 XML_WAR_UNDECLARED_ENTITY.
    private static let tolerableErrorCodes: Set<Int> = [26, 27]

    private let schema: any XMLRecordSchema
    private let sink: RecordSink
    private var path: [String] = []
    private var draft: Draft?
    /// The field whose text is being captured, and the depth of its element.
    private var capture: (role: XMLFieldRole, depth: Int, text: String)?
    /// The depth of the element whose subtree is being ignored.
    private var ignoredDepth: Int?
    private(set) var problem: InputProblem?

    init(schema: any XMLRecordSchema, sink: RecordSink) {
        self.schema = schema
        self.sink = sink
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String]
    ) {
        path.append(elementName)
        guard capture == nil, ignoredDepth == nil,
            let role = schema.role(ofElement: path, attributes: attributes)
        else { return }
        switch role {
        case .record: draft = Draft(depth: path.count)
        case .ignoredSubtree: ignoredDepth = path.count
        default: if draft != nil { capture = (role, path.count, "") }
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        if let field = capture, field.depth == path.count {
            capture = nil
            store(field.role, text: TextLayout.collapsingWhitespace(field.text))
        }
        if ignoredDepth == path.count { ignoredDepth = nil }
        if let record = draft, record.depth == path.count {
            draft = nil
            if record.isTooLarge {
                sink.recordFailure(InputProblem.documentTooLarge.description, pmid: record.pmid)
            } else {
                sink.record(
                    ParsedRecord(
                        pmid: record.pmid,
                        title: record.title ?? record.fallbackTitle ?? "",
                        abstractParagraphs: record.abstractParagraphs
                    ))
            }
            if sink.isStopped { parser.abortParsing() }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        capture(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        capture(String(decoding: CDATABlock, as: UTF8.self))
    }

    /// Adds text to the field being captured, until its record's text grows
    /// too large; after that the record is only waited out, to fail.
    private func capture(_ text: String) {
        guard capture != nil, var record = draft, !record.isTooLarge else { return }
        record.capturedBytes += text.utf8.count
        if record.capturedBytes > LineReader.maximumLength {
            record.isTooLarge = true
            capture!.text = ""
        } else {
            capture!.text += text
        }
        draft = record
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        let code = (parseError as NSError).code
        guard problem == nil, !Self.tolerableErrorCodes.contains(code) else { return }
        problem = .malformedXML(line: parser.lineNumber, code: code)
        draft = nil
        parser.abortParsing()
    }

    private func store(_ role: XMLFieldRole, text: String) {
        guard !text.isEmpty, var record = draft else { return }
        switch role {
        case .identifier:
            record.pmid = record.pmid ?? text
        case .title:
            record.title = record.title ?? text
        case .fallbackTitle:
            record.fallbackTitle = record.fallbackTitle ?? text
        case .sectionLabel:
            record.pendingLabel = text
        case .abstractParagraph(let label):
            record.abstractParagraphs.append(TextLayout.labelled(text, label: label ?? record.pendingLabel))
            record.pendingLabel = nil
        case .record, .ignoredSubtree:
            break
        }
        draft = record
    }
}
