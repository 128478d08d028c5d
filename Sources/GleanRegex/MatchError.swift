/// A match attempt that ended without an answer.
public enum MatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern backtracked more than the match limit allows.
    case matchLimitExceeded
    /// The pattern nested deeper than the depth or heap limit allows.
    case depthLimitExceeded
    /// The JIT stack was too small for this pattern and subject.
    case jitStackExhausted
    /// Any other PCRE2 error, with its code and message.
    case failed(code: Int32, message: String)

    public var description: String {
        switch self {
        case .matchLimitExceeded: "match limit exceeded (the pattern backtracks too much)"
        case .depthLimitExceeded: "depth limit exceeded (the pattern nests too deeply)"
        case .jitStackExhausted: "JIT stack exhausted"
        case let .failed(code, message): "PCRE2 error \(code): \(message)"
        }
    }
}
