import Foundation
import GleanRegex

/// The `glean review` loop, in the manner of `cargo insta review`: the
/// fixtures whose expectations differ from what the rules extract, one at
/// a time, each accepted (the extracted facts are written into the fixture),
/// rejected (the fixture stays; the rules are wrong) or skipped.
public struct ReviewSession {
    public enum Mode: Sendable {
        /// Report the differences; write nothing.
        case check
        /// Accept every difference.
        case acceptAll
        /// Ask about each fixture.
        case interactive
    }

    /// What a session did.
    public struct Outcome: Sendable {
        /// Fixtures with differences.
        public var differing = 0
        /// Fixtures written with their differences accepted.
        public var accepted = 0
        public var rejected = 0
        /// Fixtures left as they were without a decision, or not written because writing was off.
        public var skipped = 0
        /// Whether the review was quit before the last fixture.
        public var quit = false
        public var errors: [String] = []

        /// 0 when no difference is left, 1 when some are, 2 when a fixture could not be read or written.
        public var exitStatus: Int32 { !errors.isEmpty ? 2 : differing > accepted ? 1 : 0 }

        /// `3 fixtures differ: 1 accepted, 1 rejected, 1 skipped`.
        public func summary(of fixtures: Int) -> String {
            guard differing > 0 else { return "no differences in \(fixtures) fixture\(fixtures == 1 ? "" : "s")" }
            var parts: [String] = []
            if accepted > 0 { parts.append("\(accepted) accepted") }
            if rejected > 0 { parts.append("\(rejected) rejected") }
            if skipped > 0 { parts.append("\(skipped) skipped") }
            let head = "\(differing) of \(fixtures) fixture\(fixtures == 1 ? "" : "s") differ\(differing == 1 ? "s" : "")"
            return (parts.isEmpty ? head : head + ": " + parts.joined(separator: ", ")) + (quit ? "; review quit, later fixtures not looked at" : "")
        }
    }

    /// One answer at the prompt.
    enum Answer: String, CaseIterable {
        case accept = "a", reject = "r", skip = "s", acceptAll = "A", rejectAll = "R", sentences = "i", quit = "q"
    }

    static let prompt = "[a]ccept  [r]eject  [s]kip  [A]ccept all  [R]eject all  [i] show sentences  [q]uit > "

    public let review: FixtureReview
    public let mode: Mode
    /// False when nothing may be written (the `CI` environment variable is set).
    public let writes: Bool
    public let colored: Bool
    /// Show each difference in its sentence.
    public let sentences: Bool

    public init(review: FixtureReview, mode: Mode, writes: Bool, colored: Bool, sentences: Bool) {
        self.review = review
        self.mode = mode
        self.writes = writes
        self.colored = colored
        self.sentences = sentences
    }

    /// Reviews `fixtures` in order. `ask` shows a prompt and returns the
    /// answer line (nil at the end of input, which quits: the fixture and
    /// those after it are left as they are); `say` shows a block of text.
    public func run(_ fixtures: [Fixture], matcher: Matcher = Matcher(),
                    ask: (String) -> String?, say: (String) -> Void) -> Outcome {
        var outcome = Outcome()
        var standing: Answer? = mode == .acceptAll ? .accept : nil
        for fixture in fixtures where standing != .quit {
            let difference = review.difference(for: fixture, matcher: matcher)
            if let error = difference.error {
                outcome.errors.append("\(fixture.path): \(error)")
                say(difference.rendered(colored: colored, sentences: false))
                continue
            }
            guard !difference.changes.isEmpty else { continue }
            outcome.differing += 1
            say(difference.rendered(colored: colored, sentences: sentences))
            guard mode != .check else { continue }
            var answer = standing
            while answer == nil {
                guard let line = ask(ReviewSession.prompt) else {
                    standing = .quit
                    answer = .quit
                    break
                }
                switch Answer(rawValue: line.trimmingCharacters(in: .whitespaces)) {
                case .sentences?: say(difference.rendered(colored: colored, sentences: true))
                case .acceptAll?: standing = .accept; answer = .accept
                case .rejectAll?: standing = .reject; answer = .reject
                case .quit?: standing = .quit; answer = .quit
                case let other?: answer = other
                case nil: say("answer one of: " + Answer.allCases.map(\.rawValue).joined(separator: " "))
                }
            }
            switch answer {
            case .accept?: accept(difference, into: &outcome, say: say)
            case .reject?: outcome.rejected += 1
            case .quit?: outcome.skipped += 1; outcome.quit = true
            default: outcome.skipped += 1
            }
        }
        return outcome
    }

    private func accept(_ difference: FixtureDifference, into outcome: inout Outcome, say: (String) -> Void) {
        guard writes else {
            say("not written: CI is set")
            outcome.skipped += 1
            return
        }
        do {
            guard let data = FileManager.default.contents(atPath: difference.fixture),
                  let text = String(data: data, encoding: .utf8) else {
                throw FixtureEditor.EditError(description: "cannot read the fixture")
            }
            let edited = try FixtureEditor(text: text).applying(difference.changes)
            let sink = try OutputSink(atomicallyAt: difference.fixture)
            sink.write(edited)
            try sink.commit()
            outcome.accepted += 1
            say("written: \(difference.fixture)")
        } catch {
            outcome.errors.append("\(difference.fixture): \(error)")
            say("not written: \(error)")
        }
    }
}
