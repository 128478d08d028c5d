import GleanRegex

/// Checks a rule's `require:` and `forbid:` conditions for one document.
/// Document-wide conditions are checked once per rule before its pattern
/// runs, and their answers are shared by every rule with the same condition,
/// so a `require: {in: document}` doubles as a fast prefilter.
final class ContextCheck {
    let document: DocumentText
    let matcher: Matcher
    private var documentAnswers: [String: Bool] = [:]

    init(document: DocumentText, matcher: Matcher) {
        self.document = document
        self.matcher = matcher
    }

    /// The first document-wide condition that fails, or `nil` when all hold.
    func firstDocumentFailure(of conditions: [ContextCondition]) -> ContextCondition? {
        conditions.first { condition in
            guard condition.scope == .document else { return false }
            let found = documentAnswers[condition.patternText] ?? {
                let answer = finds(condition.pattern, in: 0..<document.bytes.count)
                documentAnswers[condition.patternText] = answer
                return answer
            }()
            return found != (condition.effect == .require)
        }
    }

    /// The first condition around a match that fails, or `nil` when all hold.
    /// Document-wide conditions are left to ``firstDocumentFailure(of:)``.
    func firstFailure(of conditions: [ContextCondition], around match: Range<Int>) -> ContextCondition? {
        guard !conditions.isEmpty else { return nil }
        let sentence = document.sentence(containing: match.lowerBound)
        return conditions.first { condition in
            guard condition.scope != .document else { return false }
            let region = self.region(condition.scope, match: match, sentence: sentence)
            return finds(condition.pattern, in: region) != (condition.effect == .require)
        }
    }

    /// Whether `pattern` finds a match inside `region`.
    func finds(_ pattern: Pattern, in region: Range<Int>) -> Bool {
        document.bytes.withUnsafeBufferPointer { bytes in
            let slice = UnsafeBufferPointer(rebasing: bytes[region])
            return ((try? matcher.firstMatch(of: pattern, in: slice)) ?? nil) != nil
        }
    }

    /// The byte range a condition looks at, cut back to whole characters.
    func region(_ scope: ContextCondition.Scope, match: Range<Int>, sentence: Range<Int>) -> Range<Int> {
        switch scope {
        case .sentence: return sentence
        case .document: return 0..<document.bytes.count
        case .match: return match
        case let .before(characters):
            let lower = max(sentence.lowerBound, min(match.lowerBound, stepBack(characters, from: match.lowerBound)))
            return lower..<max(lower, match.lowerBound)
        case let .after(characters):
            let upper = min(max(sentence.upperBound, match.upperBound), stepForward(characters, from: match.upperBound))
            return match.upperBound..<max(match.upperBound, upper)
        }
    }

    private func stepBack(_ characters: Int, from offset: Int) -> Int {
        var index = offset, remaining = characters
        while index > 0, remaining > 0 {
            index -= 1
            if document.bytes[index] & 0xC0 != 0x80 { remaining -= 1 }
        }
        return index
    }

    private func stepForward(_ characters: Int, from offset: Int) -> Int {
        var index = offset, remaining = characters
        while index < document.bytes.count, remaining > 0 {
            index += 1
            while index < document.bytes.count, document.bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }
}
