/// PCRE2 refused a pattern.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PCRE2's error code.
    public let code: Int32
    /// PCRE2's message, e.g. `missing closing parenthesis`.
    public let message: String
    /// Where in the pattern PCRE2 stopped, as a UTF-8 byte offset.
    public let offset: Int

    public init(code: Int32, message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at offset \(offset)" }
}
