import Foundation
import GleanCore
import GleanOutput
import GleanReports
import XCTest

final class ExtractionDiffTests: XCTestCase {
    static let text =
        "Twelve patients were enrolled. They received 4 cycles of docetaxel 75 mg/m2. Grade 3 neutropenia occurred."

    /// A fact whose offsets are those of `words` in `text`.
    static func fact(
        _ field: String, _ values: FactValues, rule: String, _ words: String, in text: String = text
    ) -> Fact {
        let start = text.distance(from: text.startIndex, to: text.range(of: words)!.lowerBound)
        return Fact(field: field, values: values, rule: rule, text: words, start: start, end: start + words.count)
    }

    static let cohort = fact("cohort_size", ["n": .number(12)], rule: "cohort.count-people", "Twelve patients")
    static let cycles = fact("cycle_count", ["count": .number(4)], rule: "cycles.count", "4 cycles")
    static let dose = fact(
        "dose", ["amount": .number(75), "unit": .text("mg/m2")], rule: "dose.amount-unit", "75 mg/m2")
    static let grade = fact(
        "ae_grade", ["grade": .number(3), "event": .text("neutropenia")], rule: "grade.event",
        "Grade 3 neutropenia")

    func testReorderedRunShowsNoDifferences() {
        let old = [
            DocumentRecord(id: "a", source: "a.txt", facts: [Self.cohort, Self.cycles, Self.dose]),
            DocumentRecord(id: "b", source: "b.txt", facts: [Self.grade]),
            DocumentRecord(id: "c", source: "c.txt", facts: []),
        ]
        let new = [
            DocumentRecord(id: "c", source: "c.txt", facts: []),
            DocumentRecord(id: "b", source: "b.txt", facts: [Self.grade]),
            DocumentRecord(id: "a", source: "a.txt", facts: [Self.dose, Self.cohort, Self.cycles]),
        ]
        let diff = ExtractionDiff(old: old, new: new)
        XCTAssertFalse(diff.hasDifferences)
        XCTAssertEqual(diff.documentsCompared, 3)
        XCTAssertEqual(diff.factsCompared, 4)
        XCTAssertEqual(diff.summaryReport(colored: false), "no differences: 3 documents, 4 facts")
        XCTAssertEqual(diff.report(texts: [:], colored: false), "no differences: 3 documents, 4 facts")
    }

    func testClassifiesAddedRemovedAndChangedFacts() throws {
        var linked = Self.dose
        linked.values["drug"] = .text("docetaxel")
        let old = [DocumentRecord(id: "a", source: "a.txt", facts: [Self.cohort, Self.cycles, Self.dose])]
        let new = [DocumentRecord(id: "a", source: "a.txt", facts: [Self.cohort, linked, Self.grade])]
        let diff = ExtractionDiff(old: old, new: new)
        let changes = try XCTUnwrap(diff.documents.first).changes
        XCTAssertEqual(changes.map(\.change), [.removed, .changed, .added])
        XCTAssertEqual(changes[0].old, Self.cycles)
        XCTAssertNil(changes[0].new)
        XCTAssertEqual(changes[1].old, Self.dose)
        XCTAssertEqual(changes[1].new, linked)
        XCTAssertEqual(changes[2].new, Self.grade)
        XCTAssertEqual(diff.documents[0].unchanged, [Self.cohort])
        XCTAssertEqual(diff.summary.total, DiffSummary.Tally(added: 1, removed: 1, changed: 1))
        XCTAssertEqual(Array(diff.summary.fields.keys), ["ae_grade", "cycle_count", "dose"])
        XCTAssertEqual(diff.summary.fields["dose"], DiffSummary.Tally(changed: 1))
        XCTAssertEqual(diff.summary.rules["cycles.count"], DiffSummary.Tally(removed: 1))
        XCTAssertEqual(diff.summary.rules["grade.event"], DiffSummary.Tally(added: 1))
        XCTAssertNil(diff.summary.rules["cohort.count-people"])
    }

    func testValuesCompareAsTheContractDoes() {
        var written = Self.dose
        written.values["amount"] = .text("75.0")
        let diff = ExtractionDiff(
            old: [DocumentRecord(id: "a", source: "a.txt", facts: [Self.dose])],
            new: [DocumentRecord(id: "a", source: "a.txt", facts: [written])])
        XCTAssertFalse(diff.hasDifferences)
    }

    func testMovedSpanFallsBackToValues() {
        let moved = "Background. " + Self.text
        let old = [DocumentRecord(id: "a", source: "a.txt", facts: [Self.cohort, Self.cycles])]
        let new = [
            DocumentRecord(
                id: "a", source: "a.txt",
                facts: [
                    Self.fact(
                        "cohort_size", ["n": .number(12)], rule: "cohort.count-people", "Twelve patients", in: moved),
                    Self.fact("cycle_count", ["count": .number(4)], rule: "cycles.count", "4 cycles", in: moved),
                ])
        ]
        XCTAssertFalse(ExtractionDiff(old: old, new: new).hasDifferences)

        // A moved fact with other values is not the same fact: removed and added, not changed.
        let other = [
            DocumentRecord(
                id: "a", source: "a.txt",
                facts: [
                    Self.fact(
                        "cohort_size", ["n": .number(12)], rule: "cohort.count-people", "Twelve patients", in: moved),
                    Self.fact("cycle_count", ["count": .number(5)], rule: "cycles.count", "4 cycles", in: moved),
                ])
        ]
        let diff = ExtractionDiff(old: old, new: other)
        XCTAssertEqual(diff.documents.first?.changes.map(\.change), [.removed, .added])
    }

    /// The same fact found by another rule, over the same or an overlapping
    /// span, is one difference of its own kind, counted for both rules (it was
    /// a removal and an addition when the span moved).
    func testTheSameFactFoundByAnotherRuleIsARuleChange() {
        var renamed = Self.cycles
        renamed.rule = "cycles.words"
        let diff = ExtractionDiff(
            old: [DocumentRecord(id: "a", source: "a.txt", facts: [Self.cycles])],
            new: [DocumentRecord(id: "a", source: "a.txt", facts: [renamed])])
        XCTAssertEqual(diff.documents.first?.changes.map(\.change), [.ruleChanged])
        XCTAssertEqual(diff.summary.rules["cycles.count"], DiffSummary.Tally(ruleChanged: 1))
        XCTAssertEqual(diff.summary.rules["cycles.words"], DiffSummary.Tally(ruleChanged: 1))
        XCTAssertEqual(diff.summary.total, DiffSummary.Tally(ruleChanged: 1))
        var wider = renamed
        wider.start -= 5
        wider.text = "got 4 cycles"
        let moved = ExtractionDiff(
            old: [DocumentRecord(id: "a", source: "a.txt", facts: [Self.cycles])],
            new: [DocumentRecord(id: "a", source: "a.txt", facts: [wider])])
        XCTAssertEqual(moved.documents.first?.changes.map(\.change), [.ruleChanged])
        XCTAssertTrue(
            moved.report(texts: [:], colored: false).contains(
                "  * cycle_count {count: 4}  (rule cycles.count -> cycles.words)"),
            moved.report(texts: [:], colored: false))
    }

    func testDocumentsInOneRunOnly() {
        let diff = ExtractionDiff(
            old: [DocumentRecord(id: "gone", source: "gone.txt", facts: [Self.cycles])],
            new: [
                DocumentRecord(id: "new", source: "new.txt", facts: []),
                DocumentRecord(id: "bad", source: "bad.txt", facts: [], error: "empty file"),
            ])
        XCTAssertEqual(diff.documents.map(\.id), ["new", "bad", "gone"])
        XCTAssertEqual(diff.documents.map(\.inOld), [false, false, true])
        XCTAssertEqual(diff.documents.map(\.inNew), [true, true, false])
        XCTAssertEqual(diff.documents[1].newError, "empty file")
        XCTAssertEqual(diff.summary.total, DiffSummary.Tally(removed: 1))
    }

    func testReportShowsSentencesWithMarkedWordsOrTheWordsAlone() {
        let old = [
            DocumentRecord(id: "a", source: "a.txt", facts: [Self.cycles]),
            DocumentRecord(id: "b", source: "b.txt", facts: []),
        ]
        let new = [
            DocumentRecord(id: "a", source: "a.txt", facts: []),
            DocumentRecord(id: "b", source: "b.txt", facts: [Self.grade]),
        ]
        let diff = ExtractionDiff(old: old, new: new)
        let report = diff.report(
            texts: [DocumentKey(source: "a.txt", id: "a"): DocumentText(Self.text)], colored: false)
        let lines = report.components(separatedBy: "\n")
        XCTAssertEqual(
            Array(lines[0...5]),
            [
                "a  a.txt",
                "  - cycle_count {count: 4}  (cycles.count)",
                "      They received [[4 cycles]] of docetaxel 75 mg/m2.",
                "",
                "b  b.txt",
                "  + ae_grade {grade: 3, event: neutropenia}  (grade.event)",
            ])
        XCTAssertEqual(lines[6], "      [[Grade 3 neutropenia]]  (document text not found)")
        XCTAssertTrue(lines.contains("cycles.count          0        1        0        0"), report)
        XCTAssertTrue(lines.contains("grade.event           1        0        0        0"), report)
        XCTAssertEqual(
            lines.last, "2 of 2 documents differ: 1 facts added, 1 removed, 0 changed, 0 found by another rule")
        XCTAssertFalse(report.contains("\u{1B}["))

        let colored = diff.report(
            texts: [DocumentKey(source: "a.txt", id: "a"): DocumentText(Self.text)], colored: true)
        XCTAssertTrue(colored.contains("\u{1B}[1;4;31m4 cycles\u{1B}[0m"), colored)
        XCTAssertFalse(colored.contains("[[4 cycles]]"))
    }

    func testJSONListsChangesWithFactsAndSentences() throws {
        var linked = Self.dose
        linked.values["drug"] = .text("docetaxel")
        let diff = ExtractionDiff(
            old: [DocumentRecord(id: "a", source: "a.txt", facts: [Self.dose])],
            new: [DocumentRecord(id: "a", source: "a.txt", facts: [linked])])
        let json = diff.json(texts: [DocumentKey(source: "a.txt", id: "a"): DocumentText(Self.text)])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["differences"] as? Bool, true)
        XCTAssertEqual(
            (object["rules"] as? [String: [String: Int]])?["dose.amount-unit"],
            ["added": 0, "removed": 0, "changed": 1, "rule_changed": 0])
        let change = try XCTUnwrap(
            ((object["documents"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])?.first)
        XCTAssertEqual(change["change"] as? String, "changed")
        let old = try XCTUnwrap((change["old"] as? [String: Any])?["values"] as? [String: Any])
        XCTAssertEqual(old.count, 2)
        XCTAssertEqual(old["amount"] as? Double, 75)
        XCTAssertEqual(old["unit"] as? String, "mg/m2")
        XCTAssertEqual(
            ((change["new"] as? [String: Any])?["values"] as? [String: Any])?["drug"] as? String, "docetaxel")
        XCTAssertEqual(change["sentence"] as? String, "They received 4 cycles of docetaxel 75 mg/m2.")
    }

    func testLookupRereadsSourcesAndSkipsWhatIsGone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("trial.txt").path
        try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
        let present = DocumentKey(source: path, id: "trial")
        let texts = DocumentTextLookup().texts(of: [
            present, DocumentKey(source: path, id: "other"),
            DocumentKey(source: folder.path + "/gone.txt", id: "gone"),
            DocumentKey(source: "-", id: "stdin"),
        ])
        XCTAssertEqual(Array(texts.keys), [present])
        let text = try XCTUnwrap(texts[present])
        XCTAssertEqual(text.range(of: Self.cycles).map(text.text), "4 cycles")
        var stale = Self.cycles
        stale.start += 1
        stale.end += 1
        XCTAssertNil(text.range(of: stale), "offsets that no longer hold the fact's words are not used")
    }

    func testRecordFileNamesTheBadLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glean-diff-\(UUID().uuidString).jsonl"
        ).path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let record = DocumentRecord(id: "a", source: "a.txt", facts: [Self.dose])
        try (record.jsonLine + "\n\n" + "id,source\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RecordFile.read(path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path):3: not an extraction record"), "\(error)")
        }
        try (record.jsonLine + "\n\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try RecordFile.read(path), [record])
    }
}
