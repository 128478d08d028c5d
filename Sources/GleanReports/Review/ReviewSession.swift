import Foundation
import GleanCore
import GleanOutput
import GleanRegex

/// The `glean review` loop, in the manner of `cargo insta review`, fact by
/// fact: each difference between a fixture and what the rules extract is
/// accepted (the fixture takes the rules' version: a fact added, an
/// expectation dropped or rewritten), recorded (the fixture keeps its truth
/// and remembers the difference: a missed expectation becomes a known miss,
/// `todo: true`; a false fact goes into `reject:`) or skipped. Recorded
/// differences are no longer differences, so `review --check` passes once
/// every difference is decided, and fails on a new one.
package struct ReviewSession {
    package enum Mode: Sendable {
        /// Report the differences; write nothing.
        case check
        /// Accept every difference.
        case acceptAll
        /// Record every difference as known.
        case recordAll
        /// Ask about each difference.
        case interactive
    }

    /// What a session did.
    package struct Outcome: Sendable {
        /// Fixtures with differences.
        package var differing = 0
        /// Differences, in all those fixtures.
        package var differences = 0
        /// Differences written into their fixtures, accepted or recorded.
        package var accepted = 0
        package var recorded = 0
        /// Differences left as they were without a decision, or not written because writing was off.
        package var skipped = 0
        /// Whether the review was quit before the last fixture.
        package var quit = false
        package var errors: [String] = []

        /// 0 when no difference is left, 1 when some are, 2 when a fixture could not be read or written.
        package var exitStatus: Int32 { !errors.isEmpty ? 2 : differences > accepted + recorded ? 1 : 0 }

        /// `3 of 89 fixtures differ (5 differences): 2 accepted, 2 recorded, 1 skipped`.
        package func summary(of fixtures: Int) -> String {
            guard differing > 0 else { return "no differences in \(fixtures) fixture\(fixtures == 1 ? "" : "s")" }
            var parts: [String] = []
            if accepted > 0 { parts.append("\(accepted) accepted") }
            if recorded > 0 { parts.append("\(recorded) recorded") }
            if skipped > 0 { parts.append("\(skipped) skipped") }
            let head =
                "\(differing) of \(fixtures) fixture\(fixtures == 1 ? "" : "s") differ\(differing == 1 ? "s" : "")"
                + " (\(differences) difference\(differences == 1 ? "" : "s"))"
            return (parts.isEmpty ? head : head + ": " + parts.joined(separator: ", "))
                + (quit ? "; review quit, later differences not looked at" : "")
        }
    }

    /// One answer at the prompt.
    enum Answer: String, CaseIterable {
        case accept = "a"
        case record = "r"
        case skip = "s"
        case acceptAll = "A"
        case recordAll = "R"
        case sentences = "i"
        case quit = "q"
    }

    static let prompt = "[a]ccept  [r]ecord as known  [s]kip  [A]ccept all  [R]ecord all  [i] show sentence  [q]uit > "

    package let review: FixtureReview
    package let mode: Mode
    /// False when nothing may be written (the `CI` environment variable is set).
    package let writes: Bool
    package let colored: Bool
    /// Show each difference in its sentence.
    package let sentences: Bool

    package init(review: FixtureReview, mode: Mode, writes: Bool, colored: Bool, sentences: Bool) {
        self.review = review
        self.mode = mode
        self.writes = writes
        self.colored = colored
        self.sentences = sentences
    }

    /// Reviews `fixtures` in order. `ask` shows a prompt and returns the
    /// answer line (nil at the end of input, which quits: the difference and
    /// those after it are left as they are); `say` shows a block of text.
    package func run(
        _ fixtures: [Fixture], matcher: Matcher = Matcher(),
        ask: (String) -> String?, say: (String) -> Void
    ) -> Outcome {
        var outcome = Outcome()
        var standing: Answer? = mode == .acceptAll ? .accept : mode == .recordAll ? .record : nil
        for fixture in fixtures where standing != .quit {
            let difference = review.difference(for: fixture, matcher: matcher)
            if let error = difference.error {
                outcome.errors.append("\(fixture.path): \(error)")
                say(difference.rendered(colored: colored, sentences: false))
                continue
            }
            guard !difference.changes.isEmpty else { continue }
            outcome.differing += 1
            outcome.differences += difference.changes.count
            say(difference.rendered(colored: colored, sentences: sentences && mode != .interactive))
            guard mode != .check else {
                outcome.skipped += difference.changes.count
                continue
            }
            var accepted: [FixtureDifference.Change] = []
            var recorded: [FixtureDifference.Change] = []
            for change in difference.changes {
                let answer = standing ?? decide(change, of: difference, standing: &standing, ask: ask, say: say)
                switch answer {
                case .accept: accepted.append(change)
                case .record: recorded.append(change)
                default: outcome.skipped += 1
                }
            }
            if standing == .quit { outcome.quit = true }
            write(accepted, recorded, into: difference, outcome: &outcome, say: say)
        }
        return outcome
    }

    /// Asks about one difference until the answer is a decision.
    private func decide(
        _ change: FixtureDifference.Change, of difference: FixtureDifference, standing: inout Answer?,
        ask: (String) -> String?, say: (String) -> Void
    ) -> Answer {
        say(difference.rendered(change, colored: colored, sentences: sentences))
        while true {
            guard let line = ask(ReviewSession.prompt) else {
                standing = .quit
                return .quit
            }
            switch Answer(rawValue: line.trimmingCharacters(in: .whitespaces)) {
            case .sentences?: say(difference.rendered(change, colored: colored, sentences: true))
            case .acceptAll?:
                standing = .accept
                return .accept
            case .recordAll?:
                standing = .record
                return .record
            case .quit?:
                standing = .quit
                return .quit
            case let other?: return other
            case nil: say("answer one of: " + Answer.allCases.map(\.rawValue).joined(separator: " "))
            }
        }
    }

    /// Writes the accepted and recorded differences into the fixture, leaving the rest of it as it is.
    private func write(
        _ accepted: [FixtureDifference.Change], _ recorded: [FixtureDifference.Change],
        into difference: FixtureDifference, outcome: inout Outcome, say: (String) -> Void
    ) {
        guard !accepted.isEmpty || !recorded.isEmpty else { return }
        guard writes else {
            say("not written: CI is set")
            outcome.skipped += accepted.count + recorded.count
            return
        }
        do {
            guard let data = FileManager.default.contents(atPath: difference.fixture),
                let text = String(data: data, encoding: .utf8)
            else {
                throw FixtureEditor.EditError(description: "cannot read the fixture")
            }
            let edited = try FixtureEditor(text: text).applying(accepted, recording: recorded)
            let sink = try OutputSink(atomicallyAt: difference.fixture)
            sink.write(edited)
            try sink.commit()
            outcome.accepted += accepted.count
            outcome.recorded += recorded.count
            say("written: \(difference.fixture)")
        } catch {
            outcome.errors.append("\(difference.fixture): \(error)")
            say("not written: \(error)")
        }
    }
}
