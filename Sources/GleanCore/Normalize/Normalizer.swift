import GleanRegex

/// Turns the text of a capture group into fact values. Rules choose
/// normalizers by name; the built-in ones live in ``BuiltinNormalizers`` and
/// vocabularies declared in rule files add more.
public struct Normalizer: Sendable {
    /// The name rules use, e.g. `quantity`.
    public let name: String
    private let transform: @Sendable (String, Matcher) -> Result<[FactValue], NormalizationFailure>

    /// - Parameter transform: reads a text; the matcher is the calling
    ///   thread's, for normalizers that match patterns.
    public init(
        name: String,
        _ transform: @escaping @Sendable (String, Matcher) -> Result<[FactValue], NormalizationFailure>
    ) {
        self.name = name
        self.transform = transform
    }

    /// The values for `text`: usually one, several for a list (`1, 2 or 4`).
    public func normalize(_ text: String, matcher: Matcher) -> Result<[FactValue], NormalizationFailure> {
        transform(text, matcher)
    }
}

/// Why a normalizer could not read a text; `glean explain` shows it.
public struct NormalizationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    /// Whether a pattern could not be matched (PCRE2's match limit, say):
    /// extraction reports such a failure as a warning, not only as a rejection.
    public let isMatchError: Bool
    public init(_ message: String, isMatchError: Bool = false) {
        self.message = message
        self.isMatchError = isMatchError
    }
    public var description: String { message }
}
