/// One value of a fact: a number, a range of numbers, a lower bound, a text
/// (names, units, directions) or a flag. Ranges and bounds are written as
/// FIELDS.md writes them, `"12-16"` and `">=3"`, only when they go out.
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    /// From `low` to `high` (`12-16`, `3/4`, `between 12 and 16`), low below high.
    case range(low: Double, high: Double)
    /// At least this much (`≥3`, `3 or higher`, `> 2` of a whole number).
    case atLeast(Double)
    case text(String)
    case flag(Bool)

    /// A value read from text as FIELDS.md writes values: `"12-16"` is a
    /// range, `">=3"` a bound, `"20"` a number; anything else is a text.
    public init(parsing text: String) {
        if let number = Double(text) {
            self = .number(number)
        } else if text.hasPrefix(">="), let bound = Double(text.dropFirst(2)) {
            self = .atLeast(bound)
        } else if let (low, high) = FactValue.rangeBounds(text) {
            self = .range(low: low, high: high)
        } else {
            self = .text(text)
        }
    }

    /// `low-high` with two numbers, the first not above the second.
    private static func rangeBounds(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low <= high else { return nil }
        return (low, high)
    }

    /// The value as FIELDS.md writes it: plain decimals with no trailing
    /// zeros, ranges `12-16`, bounds `>=3`.
    public var description: String {
        switch self {
        case let .number(number): FactValue.format(number)
        case let .range(low, high): FactValue.format(low) + "-" + FactValue.format(high)
        case let .atLeast(bound): ">=" + FactValue.format(bound)
        case let .text(text): text
        case let .flag(flag): flag ? "true" : "false"
        }
    }

    /// The value a million times over, for a number, a range or a bound
    /// (rounded where the product is a whole number but for the last bit:
    /// `0.3` → `300000`); nil for texts and flags.
    public var timesAMillion: FactValue? {
        func scaled(_ number: Double) -> Double {
            let product = number * 1_000_000
            return abs(product - product.rounded()) < 1e-6 ? product.rounded() : product
        }
        switch self {
        case let .number(number): return .number(scaled(number))
        case let .range(low, high): return .range(low: scaled(low), high: scaled(high))
        case let .atLeast(bound): return .atLeast(scaled(bound))
        case .text, .flag: return nil
        }
    }

    /// The number, if this is one.
    public var number: Double? {
        if case let .number(number) = self { return number }
        return nil
    }

    /// How large the value is, for comparing two of them: a number, or the
    /// middle of a range, or a text that is a number; nil for bounds and flags.
    public var magnitude: Double? {
        switch self {
        case let .number(number): number
        case let .range(low, high): (low + high) / 2
        case let .text(text): Double(text)
        case .atLeast, .flag: nil
        }
    }

    /// Whether the value goes out as a JSON string (texts, ranges, bounds).
    public var isWrittenAsText: Bool {
        switch self {
        case .number, .flag: false
        default: true
        }
    }

    /// Formats a number the way the contract writes it (`20`, `1.3`, `0.5`).
    public static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// Compares as FIELDS.md "Matching" says: numbers, ranges and bounds by
    /// value (`20` = `20.0` = `"20"`, `"12.0-16"` = `12-16`), texts ignoring case.
    public func matches(_ other: FactValue) -> Bool {
        FactValue.comparable(self) == FactValue.comparable(other)
    }

    private static func comparable(_ value: FactValue) -> String {
        guard case let .text(text) = value else { return value.description }
        let lowered = text.lowercased()
        let parsed = FactValue(parsing: lowered)
        if case .text = parsed { return lowered }
        return parsed.description
    }
}
