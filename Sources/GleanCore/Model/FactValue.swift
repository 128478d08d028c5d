/// One value of a fact: a number, a text (names, units, ranges such as
/// `"12-16"`, bounds such as `">=3"`), or a flag.
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case flag(Bool)

    /// The value as FIELDS.md writes it: plain decimals with no trailing zeros.
    public var description: String {
        switch self {
        case let .number(number): FactValue.format(number)
        case let .text(text): text
        case let .flag(flag): flag ? "true" : "false"
        }
    }

    /// The number, if this is one.
    public var number: Double? {
        if case let .number(number) = self { return number }
        return nil
    }

    /// Formats a number the way the contract writes it (`20`, `1.3`, `0.5`).
    public static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// Compares as FIELDS.md "Matching" says: numbers and ranges by value
    /// (`20` = `20.0` = `"20"`), texts ignoring case.
    public func matches(_ other: FactValue) -> Bool {
        FactValue.comparable(self) == FactValue.comparable(other)
    }

    private static func comparable(_ value: FactValue) -> String {
        switch value {
        case let .number(number): return format(number)
        case let .flag(flag): return flag ? "true" : "false"
        case let .text(text):
            let lowered = text.lowercased()
            if let number = Double(lowered) { return format(number) }
            // A range "12.0-16" compares equal to "12-16".
            let parts = lowered.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]) {
                return format(low) + "-" + format(high)
            }
            if lowered.hasPrefix(">="), let bound = Double(lowered.dropFirst(2)) { return ">=" + format(bound) }
            return lowered
        }
    }
}
