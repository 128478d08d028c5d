/// Time spent in each rule (matching, context checks and values), for
/// `glean extract --time`: where a slow rule set spends its time. One per
/// thread; merge them at the end.
public final class RuleTiming: @unchecked Sendable {
    public private(set) var nanoseconds: [String: UInt64] = [:]

    public init() {}

    func add(_ elapsed: UInt64, toRule id: String) { nanoseconds[id, default: 0] += elapsed }

    public func merge(_ other: RuleTiming) {
        for (id, elapsed) in other.nanoseconds { nanoseconds[id, default: 0] += elapsed }
    }

    /// Rules from slowest to fastest, with seconds and share of the total.
    public var report: String {
        let total = max(nanoseconds.values.reduce(0, +), 1)
        return nanoseconds.sorted { $0.value > $1.value }.map { id, elapsed in
            let seconds = Double(elapsed) / 1e9
            let share = Double(elapsed) * 100 / Double(total)
            return "\(id.padding(toLength: 32, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s %5.1f%%", seconds, share))"
        }.joined(separator: "\n")
    }
}
