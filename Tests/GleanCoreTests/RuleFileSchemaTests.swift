import Foundation
import XCTest
@testable import GleanCore

/// docs/rule-file.schema.json, for editors, allows what the loader allows.
final class RuleFileSchemaTests: XCTestCase {
    func testTheSchemaNamesTheSectionsAndRuleKeysTheLoaderReads() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../docs/rule-file.schema.json"
        ).standardized
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let sections = try XCTUnwrap(schema["properties"] as? [String: Any])
        XCTAssertEqual(Set(sections.keys), Set(RuleLoader.fileSections))
        let definitions = try XCTUnwrap(schema["$defs"] as? [String: [String: Any]])
        let rule = try XCTUnwrap(definitions["rule"]?["properties"] as? [String: Any])
        XCTAssertEqual(Set(rule.keys), Set(RuleLoader.ruleKeys))
        let flags = try XCTUnwrap(((rule["flags"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String])
        XCTAssertEqual(Set(flags), Set(RuleLoader.flagOptions.keys))
        let condition = try XCTUnwrap(definitions["condition"]?["properties"] as? [String: Any])
        XCTAssertEqual(Set(condition.keys), Set(ConditionReader.conditionKeys))
        let context = try XCTUnwrap(definitions["context"]?["properties"] as? [String: Any])
        XCTAssertEqual(Set(context.keys), Set(ConditionReader.conditionKeys + ["description"]))
    }
}
