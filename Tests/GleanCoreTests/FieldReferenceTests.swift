import Foundation
import XCTest
@testable import GleanCore

/// docs/FIELDS.md, the field reference users read, says what Rules/fields.yaml declares.
final class FieldReferenceTests: XCTestCase {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/FIELDS.md").standardized

    /// The rows of the markdown table that follows `heading`, as cells.
    private func table(after heading: String, in text: String) throws -> [[String]] {
        let lines = text.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex(of: heading), "no heading \(heading)")
        let rows = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        return rows.dropFirst(2).map { row in
            row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// `` `a`, `b` `` as ["a", "b"].
    private func names(_ cell: String) -> [String] {
        cell.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        }
        .filter { !$0.isEmpty }
    }

    func testTheReferenceDescribesTheDeclaredFields() throws {
        let text = try String(contentsOf: Self.reference, encoding: .utf8)
        let fields = try DefaultRules.load().fields
        let comparison = try table(after: "## How facts are compared", in: text)
        XCTAssertEqual(comparison.map { names($0[0]) }.flatMap { $0 }, Array(fields.keys))
        for row in comparison {
            let field = try XCTUnwrap(fields[names(row[0])[0]])
            XCTAssertEqual(names(row[1]), field.keys, "key values of \(row[0])")
            XCTAssertEqual(names(row[2]), field.attributes, "linked attributes of \(row[0])")
        }
        for (name, field) in fields {
            let values = try table(after: "## `\(name)`", in: text).map { names($0[0])[0] }
            XCTAssertEqual(Set(values), Set(field.allValueNames), "the value table of \(name)")
            XCTAssertEqual(values.count, field.allValueNames.count, "the value table of \(name)")
        }
    }
}
