import Foundation
import GleanCore
import GleanOutput

extension ValidationReport {
    /// The report as text tables: fields, attributes, rules, then each
    /// fixture's misses (`-`) and unexpected facts (`+`).
    public func table(showingFixtures: Bool = true) -> String {
        var lines: [String] = []
        func row(_ cells: [String], _ widths: [Int]) -> String {
            zip(cells, widths).enumerated().map { index, pair in
                index == 0
                    ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
            }.joined(separator: "  ")
        }
        let widths = [14, 8, 7, 5, 9, 6, 5]
        lines.append(row(["field", "expected", "emitted", "found", "precision", "recall", "F1"], widths))
        for (name, score) in fields.map({ ($0.key, $0.value) }) + [("overall", overall)] {
            lines.append(
                row(
                    [
                        name, String(score.expected), String(score.emitted), String(score.found),
                        ValidationReport.format(score.precision), ValidationReport.format(score.recall),
                        ValidationReport.format(score.f1),
                    ], widths))
        }
        let checked = attributes.filter { $0.value.checked > 0 }
        if !checked.isEmpty {
            lines.append("")
            lines.append(row(["attribute", "checked", "right", "accuracy"], [24, 8, 6, 8]))
            for (name, score) in checked {
                lines.append(
                    row(
                        [name, String(score.checked), String(score.right), ValidationReport.format(score.accuracy)],
                        [24, 8, 6, 8]))
            }
        }
        lines.append("")
        lines.append(row(["rule", "fixtures", "right", "wrong"], [28, 8, 6, 6]))
        for (id, score) in rules where !score.fixtures.isEmpty {
            lines.append(
                row([id, String(score.fixtures.count), String(score.right), String(score.wrong)], [28, 8, 6, 6]))
        }
        if !silentRules.isEmpty { lines.append("never fired: " + silentRules.joined(separator: ", ")) }
        if showingFixtures {
            for result in fixtures where !result.discrepancies.isEmpty || result.error != nil {
                lines.append("")
                lines.append("\(result.fixture) (\(result.source))")
                if let error = result.error { lines.append("  error: \(error)") }
                for item in result.discrepancies {
                    let values = "{" + item.values.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
                    switch item.kind {
                    case .missed where item.note != nil:
                        lines.append("  ~ \(item.field) \(values): \(item.note!)")
                    case .missed:
                        lines.append(
                            "  - missed \(item.field) \(values)" + (item.sentence.map { "\n      near: \($0)" } ?? ""))
                    case .unexpected:
                        lines.append(
                            "  + unexpected \(item.field) \(values) by \(item.rule ?? "?")"
                                + (item.sentence.map { "\n      in: \($0)" } ?? ""))
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON, for scripts and CI.
    public func json() -> String {
        func score(_ score: FieldScore) -> [String: Any] {
            [
                "expected": score.expected, "emitted": score.emitted, "found": score.found,
                "precision": score.precision, "recall": score.recall, "f1": score.f1,
            ]
        }
        func values(_ values: FactValues) -> [String: Any] {
            Dictionary(
                uniqueKeysWithValues: values.map { key, value -> (String, Any) in
                    switch value {
                    case let .number(number): (key, number)
                    case let .flag(flag): (key, flag)
                    default: (key, value.description)
                    }
                })
        }
        let object: [String: Any] = [
            "fields": Dictionary(uniqueKeysWithValues: fields.map { ($0.key, score($0.value)) }),
            "overall": score(overall),
            "attributes": Dictionary(
                uniqueKeysWithValues: attributes.filter { $0.value.checked > 0 }.map {
                    (
                        $0.key,
                        ["checked": $0.value.checked, "right": $0.value.right, "accuracy": $0.value.accuracy]
                            as [String: Any]
                    )
                }),
            "rules": Dictionary(
                uniqueKeysWithValues: rules.map {
                    (
                        $0.key,
                        ["fixtures": $0.value.fixtures.count, "right": $0.value.right, "wrong": $0.value.wrong]
                            as [String: Any]
                    )
                }),
            "never_fired": silentRules,
            "fixtures": fixtures.map { result -> [String: Any] in
                var entry: [String: Any] = [
                    "fixture": result.fixture, "source": result.source,
                    "discrepancies": result.discrepancies.map { item -> [String: Any] in
                        var entry: [String: Any] = [
                            "kind": item.kind.rawValue, "field": item.field, "values": values(item.values),
                        ]
                        if let rule = item.rule { entry["rule"] = rule }
                        if let sentence = item.sentence { entry["sentence"] = sentence }
                        if let note = item.note { entry["note"] = note }
                        return entry
                    },
                ]
                if let error = result.error { entry["error"] = error }
                return entry
            },
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
