import XCTest
@testable import GleanCore

final class FixtureEditorTests: XCTestCase {
    private let fixture = """
        # Seed abstract 000: a header comment.
        source: 000.txt
        expect:
          - {field: cohort_size, n: 5}                     # "Five refractory LN patients"
          - {field: dose, amount: 1.3, unit: mg/m2, drug: bortezomib}   # "1.3 mg per square meter"
          # "21-day cycles": a length without a count
          - {field: cycle_count, count: 4}
          - {field: ae_grade, grade: "1-2"}                # "grades 1-2"
          # "four patients achieved partial remission": not a cohort size

        """

    private func change(
        _ kind: FixtureDifference.Kind, _ field: String, line: Int? = nil, extracted: FactValues? = nil
    ) -> FixtureDifference.Change {
        FixtureDifference.Change(kind: kind, field: field, line: line, extracted: extracted)
    }

    func testEditKeepsCommentsAndTheOrderOfUntouchedFacts() throws {
        let edited = try FixtureEditor(text: fixture).applying([
            change(.removed, "cohort_size", line: 4),
            change(
                .changed, "dose", line: 5,
                extracted: ["amount": .number(1.3), "unit": .text("mg/m2"), "drug": .text("ifn-γ")]),
            change(.added, "ae_grade", extracted: ["grade": .atLeast(3), "event": .text("flu-like syndrome")]),
            change(.added, "cycle_count", extracted: ["count": .range(low: 2, high: 4)]),
        ])
        XCTAssertEqual(
            edited,
            """
            # Seed abstract 000: a header comment.
            source: 000.txt
            expect:
              - {field: dose, amount: 1.3, unit: mg/m2, drug: ifn-γ}   # "1.3 mg per square meter"
              # "21-day cycles": a length without a count
              - {field: cycle_count, count: 4}
              - {field: ae_grade, grade: "1-2"}                # "grades 1-2"
              - {field: ae_grade, grade: ">=3", event: flu-like syndrome}
              - {field: cycle_count, count: "2-4"}
              # "four patients achieved partial remission": not a cohort size

            """)
    }

    /// Recorded differences keep the truth: a missed expectation gets
    /// `todo: true` (its comment kept), false facts go into `reject:`, made
    /// once and then appended to.
    func testRecordedDifferencesMarkKnownMissesAndRejectFalseFacts() throws {
        let recorded = try FixtureEditor(text: fixture).applying(
            [],
            recording: [
                change(.removed, "cohort_size", line: 4),
                change(.added, "dose", extracted: ["amount": .number(50), "unit": .text("mmol")]),
            ])
        XCTAssertEqual(
            recorded,
            """
            # Seed abstract 000: a header comment.
            source: 000.txt
            expect:
              - {field: cohort_size, n: 5, todo: true}                     # "Five refractory LN patients"
              - {field: dose, amount: 1.3, unit: mg/m2, drug: bortezomib}   # "1.3 mg per square meter"
              # "21-day cycles": a length without a count
              - {field: cycle_count, count: 4}
              - {field: ae_grade, grade: "1-2"}                # "grades 1-2"
              # "four patients achieved partial remission": not a cohort size
            reject:  # extracted by the rules, and wrong (recorded by glean review)
              - {field: dose, amount: 50, unit: mmol}

            """)
        let again = try FixtureEditor(text: recorded).applying(
            [], recording: [change(.added, "cycle_count", extracted: ["count": .number(99)])])
        XCTAssertTrue(
            again.hasSuffix("  - {field: dose, amount: 50, unit: mmol}\n  - {field: cycle_count, count: 99}\n"), again)
    }

    func testAnEmptyListBecomesAListAndAnEmptiedListBecomesEmpty() throws {
        let empty = "source: a.txt\nexpect: []   # nothing to find\nnotes: checked twice\n"
        let grown = try FixtureEditor(text: empty).applying([
            change(.added, "cohort_size", extracted: ["n": .number(12)])
        ])
        XCTAssertEqual(
            grown, "source: a.txt\nexpect:   # nothing to find\n  - {field: cohort_size, n: 12}\nnotes: checked twice\n"
        )
        let emptied = try FixtureEditor(text: grown).applying([change(.removed, "cohort_size", line: 3)])
        XCTAssertEqual(emptied, empty)
    }

    func testBlockStyleFactIsRemovedWhole() throws {
        let text =
            "source: a.txt\nexpect:\n  - field: dose\n    amount: 20\n    unit: mg\n  - {field: cohort_size, n: 3}\n"
        let edited = try FixtureEditor(text: text).applying([change(.removed, "dose", line: 3)])
        XCTAssertEqual(edited, "source: a.txt\nexpect:\n  - {field: cohort_size, n: 3}\n")
    }

    func testRefusesAFlowStyleListAndALineWithoutAFact() {
        let flow = "source: a.txt\nexpect: [{field: cohort_size, n: 3}]\n"
        XCTAssertThrowsError(
            try FixtureEditor(text: flow).applying([change(.added, "cohort_size", extracted: ["n": .number(4)])]))
        XCTAssertThrowsError(try FixtureEditor(text: fixture).applying([change(.removed, "dose", line: 6)]))
    }

    func testScalarsAreQuotedOnlyWhereYAMLWouldReadThemOtherwise() {
        XCTAssertEqual(FixtureEditor.scalar(.text("2-4")), "\"2-4\"")
        XCTAssertEqual(FixtureEditor.scalar(.text(">=3")), "\">=3\"")
        XCTAssertEqual(FixtureEditor.scalar(.range(low: 2, high: 4)), "\"2-4\"")
        XCTAssertEqual(FixtureEditor.scalar(.atLeast(3)), "\">=3\"")
        XCTAssertEqual(FixtureEditor.scalar(.text("5-fu")), "\"5-fu\"")
        XCTAssertEqual(FixtureEditor.scalar(.text("yes")), "\"yes\"")
        XCTAssertEqual(FixtureEditor.scalar(.text("flu-like syndrome")), "flu-like syndrome")
        XCTAssertEqual(FixtureEditor.scalar(.number(0.5)), "0.5")
        XCTAssertEqual(FixtureEditor.scalar(.flag(true)), "true")
    }
}
