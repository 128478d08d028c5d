import GleanRegex
import Synchronization

/// A rule's plain pattern: compiled at load, or, for a rule with an anchor
/// (searched in the anchor's forms), the first time examples or an
/// explanation ask for it. Loading the built-in rules then skips a third of
/// their largest compilations.
final class RulePattern: Sendable {
    private let compiled: Mutex<Pattern?>
    private let options: RegexOptions
    /// Composes the pattern text, for a pattern not yet compiled.
    private let compose: @Sendable () -> String

    /// A pattern compiled already.
    init(_ pattern: Pattern) {
        compiled = Mutex(pattern)
        options = pattern.options
        compose = { pattern.source }
    }

    /// A pattern to compile from `compose()`'s text when first asked for. The
    /// text must compile: the same text compiled with other options (anchored) did.
    init(options: RegexOptions, compose: @escaping @Sendable () -> String) {
        compiled = Mutex(nil)
        self.options = options
        self.compose = compose
    }

    var pattern: Pattern {
        compiled.withLock { compiled in
            if let compiled { return compiled }
            do {
                let pattern = try Pattern(compose(), options: options)
                compiled = pattern
                return pattern
            } catch {
                // Anchoring cannot make a pattern compile that would not compile without it.
                preconditionFailure("a rule's pattern compiled anchored but not plain: \(error)")
            }
        }
    }
}
