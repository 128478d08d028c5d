import GleanRegex

/// What a rule declares with `anchor: count`: every match starts at a count,
/// digits or an English number word (`12 patients`, `Twelve patients`).
///
/// Such a rule's pattern usually starts with a lookahead that lets PCRE2 skip
/// to the characters a count can begin with, but number words begin with
/// common letters (o, t, f, s, e, n), so PCRE2 still tries the pattern at a
/// third of all positions. With the anchor, extraction searches for digit-led
/// matches with the pattern behind `(?=[0-9])`, which PCRE2 finds at the
/// speed of a digit search, and tries the pattern anchored only where a
/// number word starts (see ``NumberWordStarts``). Both together find exactly
/// the matches a plain search would, when the declaration holds.
public struct CountAnchor: Sendable {
    /// The rule's pattern, matching only where a digit follows.
    public let digitLed: Pattern
    /// The rule's pattern compiled anchored, for the tries at number words
    /// (anchored at compile time, so the JIT runs it).
    public let anchored: Pattern

    /// Compiles the two forms of a composed pattern.
    init(composedPattern: String, options: RegexOptions) throws(PatternError) {
        // On its own line, so a trailing `#` comment cannot swallow the bracket.
        digitLed = try Pattern("(?=[0-9])(?:" + composedPattern + "\n)", options: options)
        anchored = try Pattern(composedPattern, options: options.union(.anchored))
    }
}
