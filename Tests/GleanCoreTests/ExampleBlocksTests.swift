import GleanRules
import XCTest

@testable import GleanCore

/// A load that skips examples (every command but `glean test`) gives the
/// same rules, and blanks nothing but the rules' `examples:` blocks.
final class ExampleBlocksTests: XCTestCase {
    func testTheBuiltInRulesLoadTheSameWithoutTheirExamples() throws {
        let sources = DefaultRules.sources
        let withExamples = try RuleLoader().load(sources: sources, termFiles: DefaultRules.termFiles)
        let without = try RuleLoader(readsExamples: false).load(sources: sources, termFiles: DefaultRules.termFiles)
        XCTAssertGreaterThan(without.rules.count, 100)
        XCTAssertEqual(without.rules.count, withExamples.rules.count)
        XCTAssertEqual(without.rules.map(\.id), withExamples.rules.map(\.id))
        XCTAssertEqual(without.rules.map(\.patternText), withExamples.rules.map(\.patternText))
        XCTAssertEqual(without.rules.map(\.location), withExamples.rules.map(\.location))
        XCTAssertEqual(
            without.rules.map { $0.conditions.map(\.patternText) },
            withExamples.rules.map { $0.conditions.map(\.patternText) })
        XCTAssertEqual(
            without.rules.map { $0.conditions.map(\.location) },
            withExamples.rules.map { $0.conditions.map(\.location) })
        XCTAssertEqual(without.rules.map(\.links), withExamples.rules.map(\.links))
        XCTAssertEqual(without.digest, withExamples.digest, "the digest is the files' as written")
        XCTAssertEqual(without.rules.reduce(0) { $0 + $1.examples.count }, 0)
        XCTAssertGreaterThan(withExamples.rules.reduce(0) { $0 + $1.examples.count }, 4000)
        // Each file keeps its lines; only the example blocks are emptied.
        for (path, text) in sources {
            let blanked = ExampleBlocks.blanked(in: text)
            let (before, after) = (
                text.split(separator: "\n", omittingEmptySubsequences: false),
                blanked.split(separator: "\n", omittingEmptySubsequences: false)
            )
            XCTAssertEqual(after.count, before.count, path)
            XCTAssertFalse(blanked.contains("\n    examples:"), path)
            XCTAssertEqual(zip(before, after).filter { $0 != $1 && !$1.isEmpty }.count, 0, path)
        }
    }

    func testOnlyARuleKeysExamplesBlockIsBlanked() {
        let text = """
            rules:
              - id: a
                pattern: |
                  x
                examples:
                  # a pattern's text in a literal block is kept
                  match:
                    - "x"
            # a comment at the left margin inside the block
                    - "x x"
                  no_match: [y]
                description: after
              - id: b
                pattern: |
                  examples:
                    - not a key
                examples:
                - match: compact
                flags: [caseless]
              - id: c
                examples: {match: [inline]}
            definitions:
              examples:
                text
            contexts:
                examples:
                  text
            """
        let blanked = ExampleBlocks.blanked(in: text)
        XCTAssertEqual(
            blanked.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            [
                "rules:", "  - id: a", "    pattern: |", "      x", "", "", "", "", "", "", "",
                "    description: after",
                "  - id: b", "    pattern: |", "      examples:", "        - not a key", "", "",
                "    flags: [caseless]", "  - id: c", "    examples: {match: [inline]}", "definitions:", "  examples:",
                "    text", "contexts:", "    examples:", "      text",
            ])
    }
}
