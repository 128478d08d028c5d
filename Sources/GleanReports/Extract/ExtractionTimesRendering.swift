import Foundation
import GleanCore

extension ExtractionTimes {
    /// Rules from slowest to fastest, then the other stages, with seconds
    /// and share of the total, as a text table.
    public var table: String {
        let total = max(rules.values.map(\.total).reduce(0, +) + stages.values.reduce(0, +), 1)
        func seconds(_ nanoseconds: UInt64) -> String { String(format: "%8.3f", Double(nanoseconds) / 1e9) }
        func share(_ nanoseconds: UInt64) -> String {
            String(format: "%5.1f%%", Double(nanoseconds) * 100 / Double(total))
        }
        func name(_ text: String) -> String { text.padding(toLength: 32, withPad: " ", startingAt: 0) }
        var lines = ["\(name("rule"))    total  share   search  context   values"]
        for (id, time) in rules.sorted(by: { $0.value.total > $1.value.total }) {
            lines.append(
                "\(name(id)) \(seconds(time.total)) \(share(time.total)) \(seconds(time.search)) \(seconds(time.conditions)) \(seconds(time.values))"
            )
        }
        for (stage, elapsed) in stages.sorted(by: { $0.value > $1.value }) {
            lines.append("\(name("(\(stage))")) \(seconds(elapsed)) \(share(elapsed))")
        }
        return lines.joined(separator: "\n")
    }
}
