import Foundation
import Yams

/// An annotated document: the facts a fixture file says it must yield
/// (FIELDS.md "Fixture file").
public struct Fixture: Sendable {
    /// The fixture file.
    public var path: String
    /// The document file, resolved against the fixture's folder.
    public var sourcePath: String
    /// Expected facts as field and values.
    public var expected: [ExpectedFact]
    /// The fields the fixture annotates (`fields:`), when it names them;
    /// else those of ``annotatedFields(in:)``.
    public var fields: [String]?

    /// The fields whose facts this fixture scores: its own `fields:`, else the
    /// rule set's `fixture_fields:`, else every field. A fact of another field
    /// (one added after the fixture was written, say) is neither expected nor wrong.
    public func annotatedFields(in ruleSet: RuleSet) -> Set<String> {
        Set(fields ?? ruleSet.fixtureFields ?? Array(ruleSet.fields.keys))
    }

    /// Facts the rules extract that are false, recorded by `glean review`
    /// (`reject:`): they stay wrong for `validate`, and are no longer a
    /// difference for `review --check`.
    public var rejected: [ExpectedFact] = []

    public struct ExpectedFact: Sendable {
        public var field: String
        public var values: FactValues
        public var location: SourceLocation
        /// `todo: true`: a known miss of the rules, recorded by `glean review`.
        /// `validate` still scores it as a miss; `review --check` no longer
        /// counts it as a difference.
        public var isKnownMiss = false
    }
}

/// Reads fixture files strictly, reporting problems at file:line:column.
public struct FixtureLoader {
    public init() {}

    static let keys = ["source", "fields", "expect", "reject", "pmid", "notes"]

    /// Fixture files under `paths` (folders are searched for `*.yaml`, sorted).
    public static func fixtureFiles(under paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [path]
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let name = enumerator?.nextObject() as? String {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    found.append((path as NSString).appendingPathComponent(name))
                }
            }
            return found.sorted()
        }
    }

    /// Every fixture file under `paths` (see ``fixtureFiles(under:)``), and
    /// the problems of those that could not be loaded.
    public func loadAll(
        under paths: [String], fields: [String: FieldSchema]
    ) -> (fixtures: [Fixture], problems: [Diagnostic]) {
        var fixtures: [Fixture] = []
        var problems: [Diagnostic] = []
        for file in FixtureLoader.fixtureFiles(under: paths) {
            do { fixtures.append(try load(file, fields: fields)) } catch { problems += error.diagnostics }
        }
        return (fixtures, problems)
    }

    public func load(_ path: String, fields: [String: FieldSchema]) throws(FixtureLoadError) -> Fixture {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw FixtureLoadError([Diagnostic(SourceLocation(file: path, line: 1, column: 1), "cannot read fixture")])
        }
        let reader = YAMLNodeReader(path: path, text: text)
        var fixture = Fixture(path: path, sourcePath: "", expected: [])
        if let root = reader.root(), let pairs = reader.mapping(root, "fixture", allowed: FixtureLoader.keys) {
            for (key, _, value) in pairs {
                switch key {
                case "source":
                    if let source = reader.string(value, "source") {
                        fixture.sourcePath =
                            source.hasPrefix("/")
                            ? source
                            : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(source)
                    }
                case "expect":
                    fixture.expected = (reader.sequence(value, "expect") ?? []).compactMap {
                        expectedFact($0, fields: fields, in: reader)
                    }
                case "reject":
                    fixture.rejected = (reader.sequence(value, "reject") ?? []).compactMap {
                        expectedFact($0, fields: fields, in: reader)
                    }
                case "fields":
                    fixture.fields = (reader.sequence(value, "fields") ?? []).compactMap { item in
                        guard let name = reader.string(item, "a field") else { return nil }
                        guard fields[name] != nil else {
                            reader.diagnose(
                                item,
                                "unknown field '\(name)'\(YAMLNodeReader.hint(for: name, among: fields.keys.sorted()))")
                            return nil
                        }
                        return name
                    }
                default:
                    break
                }
            }
            if !pairs.contains(where: { $0.key == "source" }) { reader.diagnose(root, "fixture has no source") }
            if !pairs.contains(where: { $0.key == "expect" }) {
                reader.diagnose(root, "fixture has no expect list (use expect: [] for none)")
            }
        }
        guard reader.diagnostics.isEmpty else { throw FixtureLoadError(reader.diagnostics) }
        return fixture
    }

    private func expectedFact(
        _ node: Node, fields: [String: FieldSchema], in reader: YAMLNodeReader
    ) -> Fixture.ExpectedFact? {
        guard let fieldName = node.mapping?["field"]?.scalar?.string else {
            reader.diagnose(node, "an expected fact needs a field")
            return nil
        }
        guard let schema = fields[fieldName] else {
            reader.diagnose(
                node.mapping!["field"]!,
                "unknown field '\(fieldName)'\(YAMLNodeReader.hint(for: fieldName, among: fields.keys.sorted()))")
            return nil
        }
        var values = FactValues()
        var isKnownMiss = false
        for (key, _, value) in reader.mapping(
            node, "expected \(fieldName) fact", allowed: ["field", "todo"] + schema.allValueNames) ?? []
        where key != "field" {
            if key == "todo" {
                isKnownMiss = value.scalar?.string == "true"
                continue
            }
            values[key] = ExampleReader.factValue(value)
        }
        if !schema.isComplete(values) {
            reader.diagnose(node, "expected \(fieldName) fact lacks a required value")
        }
        return Fixture.ExpectedFact(
            field: fieldName, values: values, location: reader.location(of: node), isKnownMiss: isKnownMiss)
    }
}
