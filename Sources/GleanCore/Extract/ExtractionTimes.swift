import Dispatch

/// Where extraction spent its time: per rule, the pattern search, the
/// context checks and the value building; per stage around the rules
/// (sentence splitting, overlaps, linking, ...). A value: each worker keeps
/// its own, and they are merged at the end.
public struct ExtractionTimes: Sendable {
    /// The parts of one rule's time, in nanoseconds.
    public struct RuleTime: Sendable {
        public var search: UInt64 = 0
        public var conditions: UInt64 = 0
        public var values: UInt64 = 0
        public var total: UInt64 { search + conditions + values }

        public init() {}
    }

    public private(set) var rules: [String: RuleTime] = [:]
    /// Nanoseconds per stage.
    public private(set) var stages: [String: UInt64] = [:]

    public init() {}

    /// The monotonic clock, in nanoseconds.
    public static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    public mutating func add(_ time: RuleTime, toRule id: String) {
        rules[id, default: RuleTime()].search += time.search
        rules[id, default: RuleTime()].conditions += time.conditions
        rules[id, default: RuleTime()].values += time.values
    }

    public mutating func add(_ nanoseconds: UInt64, toStage name: String) { stages[name, default: 0] += nanoseconds }

    public mutating func merge(_ other: ExtractionTimes) {
        for (id, time) in other.rules { add(time, toRule: id) }
        for (name, nanoseconds) in other.stages { add(nanoseconds, toStage: name) }
    }
}
