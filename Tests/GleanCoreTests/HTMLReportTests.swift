import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import GleanCore
import GleanOutput
import GleanReports
import XCTest

final class HTMLReportTests: XCTestCase {
    static let hostile =
        "Bortezomib <script>alert('x')</script> & <img src=x onerror=\"alert(1)\"> was given. "
        + "Twelve patients received 4 cycles."

    /// The page's elements, parsed strictly (the page is well-formed XML).
    final class Page: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text = ""
        }

        private(set) var elements: [Element] = []
        private var open: [Int] = []

        init(_ html: String) throws {
            super.init()
            let parser = XMLParser(data: Data(html.utf8))
            parser.delegate = self
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            for index in open { elements[index].text += String(decoding: block, as: UTF8.self) }
        }

        func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    }

    static func fact(_ field: String, _ values: FactValues, rule: String, _ words: String) -> Fact {
        let start = hostile.distance(from: hostile.startIndex, to: hostile.range(of: words)!.lowerBound)
        return Fact(field: field, values: values, rule: rule, text: words, start: start, end: start + words.count)
    }

    static let cohort = fact("cohort_size", ["n": .number(12)], rule: "cohort.count-people", "Twelve patients")
    static let cycles = fact("cycle_count", ["count": .number(4)], rule: "cycles.count", "4 cycles")
    static let key = DocumentKey(source: "evil.txt", id: "evil")

    func testHostileTextIsEscapedAndShownAsText() throws {
        let record = DocumentRecord(id: "<b>evil</b>", source: "evil\".txt", facts: [Self.cohort])
        let html = HTMLReport.extraction(records: [record], texts: [DocumentKey(record): DocumentText(Self.hostile)])
        XCTAssertTrue(
            html.contains(
                "Bortezomib &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
            ))
        let page = try Page(html)
        XCTAssertEqual(page.all("script").count, 1, "only the page's own script")
        XCTAssertTrue(page.all("img").isEmpty)
        XCTAssertEqual(page.all("pre").first?.text, Self.hostile, "the abstract reads back as the same text")
        XCTAssertEqual(page.all("h2").first?.text, "<b>evil</b> evil\".txt")
        XCTAssertTrue(page.all("b").isEmpty)
        let policy = try XCTUnwrap(page.all("meta").first { $0.attributes["http-equiv"] == "Content-Security-Policy" })
        let nonce = try XCTUnwrap(page.all("script").first?.attributes["nonce"])
        XCTAssertEqual(
            policy.attributes["content"], "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-\(nonce)'")
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "no network assets")
    }

    func testExtractionPageHighlightsFactsByFieldWithFilters() throws {
        let record = DocumentRecord(id: "evil", source: "evil.txt", facts: [Self.cohort, Self.cycles])
        let page = try Page(HTMLReport.extraction(records: [record], texts: [Self.key: DocumentText(Self.hostile)]))
        let marks = page.all("mark")
        XCTAssertEqual(marks.map(\.text), ["Twelve patients", "4 cycles"])
        // Fields are numbered by name: cohort_size f0, cycle_count f1.
        XCTAssertEqual(marks.map { $0.attributes["class"] }, ["f0 c-unchanged", "f1 c-unchanged"])
        XCTAssertEqual(marks.map { $0.attributes["data-facts"] }, ["f0:unchanged", "f1:unchanged"])
        let filters = page.all("input").filter { $0.attributes["type"] == "checkbox" }
        XCTAssertEqual(filters.map { $0.attributes["data-filter"] }, ["field", "field"])
        XCTAssertEqual(filters.map { $0.attributes["value"] }, ["f0", "f1"])
        XCTAssertEqual(page.all("label").map(\.text), ["cohort_size", "cycle_count"])
        let rows = page.all("tr").filter { $0.attributes["data-field"] != nil }
        XCTAssertEqual(rows.map { $0.attributes["data-field"] }, ["f0", "f1"])
        XCTAssertEqual(
            rows.first?.text,
            "cohort_size{n: 12}cohort.count-peopleTwelve patients\(Self.cohort.start)–\(Self.cohort.end)")
        XCTAssertTrue(
            page.all("section").first { $0.attributes["class"] == "summary" }?.text
                .contains("1 documents, 1 with facts, 2 facts, 0 could not be read.") ?? false)
    }

    func testDiffPageMarksChangesAndFiltersByChange() throws {
        var changed = Self.cycles
        changed.values["count"] = .number(5)
        let diff = ExtractionDiff(
            old: [DocumentRecord(id: "evil", source: "evil.txt", facts: [Self.cycles])],
            new: [
                DocumentRecord(id: "evil", source: "evil.txt", facts: [changed, Self.cohort]),
                DocumentRecord(id: "other", source: "other.txt", facts: []),
            ])
        let page = try Page(HTMLReport.diff(diff, texts: [Self.key: DocumentText(Self.hostile)]))
        let changeFilters = page.all("input").filter { $0.attributes["data-filter"] == "change" }
        XCTAssertEqual(changeFilters.map { $0.attributes["value"] }, ["added", "removed", "changed", "unchanged"])
        XCTAssertEqual(page.all("mark").map { $0.attributes["class"] }, ["f0 c-added", "f1 c-changed"])
        let rows = page.all("tr").filter { $0.attributes["data-change"] != nil }
        XCTAssertEqual(rows.map { $0.attributes["data-change"] }, ["added", "changed"])
        XCTAssertEqual(rows.map { $0.text.prefix(1) }, ["+", "~"])
        XCTAssertEqual(page.all("del").map(\.text), ["{count: 4}"])
        XCTAssertEqual(
            page.all("h2").map(\.text), ["evil evil.txt", "other other.txt"], "only the documents that differ")
        XCTAssertTrue(page.all("p").contains { $0.text == "only in the new run" })
    }

    func testOverlappingFactsShareSegments() throws {
        let long = Self.fact("cohort_size", ["n": .number(12)], rule: "r1", "Twelve patients received")
        let short = Self.fact("dose", ["amount": .number(12)], rule: "r2", "patients received 4")
        let record = DocumentRecord(id: "evil", source: "evil.txt", facts: [long, short])
        let marks = try Page(HTMLReport.extraction(records: [record], texts: [Self.key: DocumentText(Self.hostile)]))
            .all("mark")
        XCTAssertEqual(marks.map(\.text), ["Twelve ", "patients received", " 4"])
        XCTAssertEqual(
            marks.map { $0.attributes["data-facts"] }, ["f0:unchanged", "f0:unchanged f1:unchanged", "f1:unchanged"])
    }

    func testDocumentWithoutTextShowsTheFactsOnly() throws {
        let record = DocumentRecord(id: "gone", source: "gone.txt", facts: [Self.cohort])
        let page = try Page(HTMLReport.extraction(records: [record], texts: [:]))
        XCTAssertTrue(page.all("pre").isEmpty)
        XCTAssertTrue(page.all("p").contains { $0.text.hasPrefix("document text not found") })
        XCTAssertEqual(page.all("td").filter { $0.attributes["class"] == "words" }.map(\.text), ["Twelve patients"])
    }
}
