import GleanRegex
import XCTest
@testable import GleanCore
@testable import GleanReports

final class FixtureReviewTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func extractor() throws -> Extractor {
        let rules = """
            fields:
              cohort_size:
                keys: [n]
                requires: [[n]]
              dose:
                keys: [amount, unit]
                attributes: [drug]
                requires: [[amount], [unit]]
            links:
              drug:
                pattern: (?<value> \\b [a-z]+ (?:mib|one) \\b )
            rules:
              - id: dose.mg
                field: dose
                pattern: (?<amount>\\d+(?:\\.\\d+)?) \\s* (?<unit>mg)
                values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
                link: [drug]
                examples: {no_match: ["none"]}
              - id: cohort.patients
                field: cohort_size
                pattern: (?<n>\\d+) \\s+ patients
                values: {n: {group: n, normalize: number}}
                examples: {no_match: ["none"]}
            """
        return Extractor(ruleSet: try RuleLoader().load(sources: [("rules.yaml", rules)]))
    }

    private func fixture(_ yaml: String, document: String) throws -> Fixture {
        try document.write(to: folder.appendingPathComponent("doc.txt"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("doc.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let extractor = try extractor()
        return try FixtureLoader().load(
            path, fields: Dictionary(uniqueKeysWithValues: extractor.ruleSet.fields.map { ($0.key, $0.value) }))
    }

    func testDifferencesAreClassifiedAsFIELDSMatchingSays() throws {
        let loaded = try fixture(
            """
            source: doc.txt
            expect:
              - {field: cohort_size, n: 30}
              - {field: dose, amount: 20, unit: mg, drug: prednisone}
              - {field: dose, amount: 1.3, unit: mg, drug: cisplatin}
              - {field: dose, amount: 5, unit: mg}
            """,
            document: "Forty patients got bortezomib 1.3 mg, then prednisone 20 mg and 5 mg. Later 12 patients joined.")
        let difference = FixtureReview(extractor: try extractor()).difference(for: loaded)
        XCTAssertNil(difference.error)
        let summary = difference.changes.map {
            "\($0.kind) \($0.field) \($0.line.map(String.init) ?? "-") \(($0.extracted ?? $0.expected!).listing)"
        }
        XCTAssertEqual(
            summary,
            [
                "removed cohort_size 3 {n: 30}",
                "changed dose 5 {amount: 1.3, unit: mg, drug: bortezomib}",
                "added cohort_size - {n: 12}",
            ])
        XCTAssertEqual(difference.changes[1].rule, "dose.mg")
        XCTAssertEqual(difference.changes[2].span.map { difference.text!.text($0) }, "12 patients")
    }

    func testAcceptedDifferencesLeaveNoneBehind() throws {
        let yaml = """
            # A comment that must survive.
            source: doc.txt
            expect:
              - {field: cohort_size, n: 30}   # wrong on purpose
              - {field: dose, amount: 20, unit: mg}
            """
        var loaded = try fixture(yaml, document: "We treated 12 patients with 20 mg.")
        let review = FixtureReview(extractor: try extractor())
        let edited = try FixtureEditor(text: yaml).applying(review.difference(for: loaded).changes)
        try edited.write(toFile: loaded.path, atomically: true, encoding: .utf8)
        loaded = try fixture(edited, document: "We treated 12 patients with 20 mg.")
        XCTAssertEqual(review.difference(for: loaded).changes.count, 0)
        XCTAssertTrue(edited.hasPrefix("# A comment that must survive.\n"))
    }
}
