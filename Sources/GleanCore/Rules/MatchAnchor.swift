import GleanRegex

/// Where every match of a rule starts, as its `anchor:` declares: at a count
/// (`anchor: count`: digits or an English number word, `12 patients`,
/// `Twelve patients`), or at a word beginning with one of a few prefixes or
/// equal to one of a few whole words
/// (`anchor: {words: [enrol, recruit], whole_words: [a]}`).
///
/// PCRE2 enters a pattern at every position whose first character could
/// start a match; words led by common letters make that a third of all
/// positions. With an anchor, extraction tries the pattern only where a
/// match can start: at the words a ``WordStartScanner`` finds (one byte scan
/// per document), and for counts at digits, which the pattern behind
/// `(?=[0-9])` finds at the speed of a digit search. When the declaration
/// holds, that gives exactly the matches a plain search would.
/// A class, like ``Rule``: every search of a document takes it, and a
/// struct of patterns and word tables would be copied each time.
public final class MatchAnchor: Sendable {
    /// Where matches start.
    public enum Start: Sendable, Equatable {
        case count
        case words(prefixes: [String], wholeWords: [String])
    }

    public let start: Start
    /// Finds the words a match can start at.
    let words: WordStartScanner
    /// For counts: the rule's pattern, matching only where a digit follows.
    public let digitLed: Pattern?
    /// The rule's pattern compiled anchored, for the tries at words (anchored
    /// at compile time: PCRE2's JIT does not take the option at match time).
    public let anchored: Pattern

    /// The anchor at `start` of a pattern compiled `anchored` (composed as
    /// `composedPattern`, with `options`, besides anchoring): compiles the
    /// digit-led form that counts need (or takes it from `cache`).
    init(
        _ start: Start, anchored: Pattern, composedPattern: String, options: RegexOptions, cache: PatternCache? = nil
    ) throws(PatternError) {
        self.start = start
        switch start {
        case .count:
            words = .numberWords
            // On its own line, so a trailing `#` comment cannot swallow the bracket.
            digitLed = try Pattern("(?=[0-9])(?:" + composedPattern + "\n)", options: options, cache: cache)
        case let .words(prefixes, wholeWords):
            words = WordStartScanner(prefixes: prefixes, wholeWords: wholeWords)
            digitLed = nil
        }
        self.anchored = anchored
    }
}
