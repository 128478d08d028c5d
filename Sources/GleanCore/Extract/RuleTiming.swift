import Dispatch

/// Where extraction spends its time, for `glean extract --time`: per rule,
/// the pattern search, the context checks and the value building; and the
/// stages around the rules (sentence splitting, linking, ...). One per
/// thread; merge them at the end.
public final class RuleTiming: @unchecked Sendable {
    /// The parts of one rule's time.
    public struct Parts: Sendable {
        public var search: UInt64 = 0
        public var conditions: UInt64 = 0
        public var values: UInt64 = 0
        public var total: UInt64 { search + conditions + values }
    }

    public private(set) var rules: [String: Parts] = [:]
    public private(set) var stages: [String: UInt64] = [:]

    public init() {}

    package static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    package func add(_ parts: Parts, toRule id: String) {
        rules[id, default: Parts()].search += parts.search
        rules[id, default: Parts()].conditions += parts.conditions
        rules[id, default: Parts()].values += parts.values
    }

    package func add(_ elapsed: UInt64, toStage name: String) { stages[name, default: 0] += elapsed }

    public func merge(_ other: RuleTiming) {
        for (id, parts) in other.rules { add(parts, toRule: id) }
        for (name, elapsed) in other.stages { add(elapsed, toStage: name) }
    }

    /// Rules from slowest to fastest, then the other stages, with seconds
    /// and share of the total.
    public var report: String {
        let total = max(rules.values.map(\.total).reduce(0, +) + stages.values.reduce(0, +), 1)
        func seconds(_ nanoseconds: UInt64) -> String { String(format: "%8.3f", Double(nanoseconds) / 1e9) }
        func share(_ nanoseconds: UInt64) -> String { String(format: "%5.1f%%", Double(nanoseconds) * 100 / Double(total)) }
        func name(_ text: String) -> String { text.padding(toLength: 32, withPad: " ", startingAt: 0) }
        var lines = ["\(name("rule"))    total  share   search  context   values"]
        for (id, parts) in rules.sorted(by: { $0.value.total > $1.value.total }) {
            lines.append("\(name(id)) \(seconds(parts.total)) \(share(parts.total)) \(seconds(parts.search)) \(seconds(parts.conditions)) \(seconds(parts.values))")
        }
        for (stage, elapsed) in stages.sorted(by: { $0.value > $1.value }) {
            lines.append("\(name("(\(stage))")) \(seconds(elapsed)) \(share(elapsed))")
        }
        return lines.joined(separator: "\n")
    }
}
