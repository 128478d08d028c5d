/// Compile options for a ``Pattern``. Every pattern is compiled for UTF-8
/// with Unicode properties (`\d`, `\w` and `\b` know non-ASCII text).
public struct RegexOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Letters match in either case (`(?i)`).
    public static let caseless = RegexOptions(rawValue: 1 << 0)
    /// White space in the pattern is ignored and `#` starts a comment (`(?x)`).
    public static let extended = RegexOptions(rawValue: 1 << 1)
    /// `.` also matches a newline (`(?s)`).
    public static let dotAll = RegexOptions(rawValue: 1 << 2)
    /// `^` and `$` match at line starts and ends (`(?m)`).
    public static let multiline = RegexOptions(rawValue: 1 << 3)
    /// Quantifiers are lazy unless followed by `?` (`(?U)`).
    public static let ungreedy = RegexOptions(rawValue: 1 << 4)
    /// Insert a callout before every item, so ``Matcher/trace(of:in:)`` can
    /// report how far a match attempt got. Such patterns are not JIT-compiled.
    public static let autoCallout = RegexOptions(rawValue: 1 << 5)
    /// Matches only at the start offset given to the matcher. Compiled in,
    /// because PCRE2's JIT does not take `PCRE2_ANCHORED` at match time (the
    /// matcher's `anchored:` argument runs the slower interpreter).
    public static let anchored = RegexOptions(rawValue: 1 << 6)
    /// The matcher may be told to find only matches that start before an
    /// offset (`startingBefore:`), and stops searching there instead of at
    /// the end of the subject (PCRE2's offset limit, compiled in).
    public static let offsetLimit = RegexOptions(rawValue: 1 << 7)
}
