import GleanRegex

/// Checks a rule's `require:` and `forbid:` conditions for one document.
/// Answers are kept per condition (by ``ContextCondition/id``): a
/// document-wide condition is checked once per document and a sentence
/// condition once per sentence, whichever rules and matches ask. Document
/// conditions are checked before a rule's pattern runs, so a
/// `require: {in: document}` doubles as a fast prefilter.
final class ContextCheck {
    let document: DocumentText
    let matcher: Matcher
    private var documentAnswers: [Int: Bool] = [:]
    /// Keyed by condition id and sentence index.
    private var sentenceAnswers: [SentenceKey: Bool] = [:]

    private struct SentenceKey: Hashable {
        var condition: Int
        var sentence: Int
    }

    init(document: DocumentText, matcher: Matcher) {
        self.document = document
        self.matcher = matcher
    }

    /// The first document-wide condition that fails, or `nil` when all hold.
    func firstDocumentFailure(of conditions: [ContextCondition]) -> ContextCondition? {
        conditions.first { condition in
            guard condition.scope == .document else { return false }
            let found = documentAnswers[condition.id] ?? {
                let answer = finds(condition.pattern, in: 0..<document.bytes.count)
                documentAnswers[condition.id] = answer
                return answer
            }()
            return found != (condition.effect == .require)
        }
    }

    /// The first condition around a match that fails, or `nil` when all hold.
    /// Document-wide conditions are left to ``firstDocumentFailure(of:)``.
    func firstFailure(of conditions: [ContextCondition], around match: Range<Int>) -> ContextCondition? {
        guard !conditions.isEmpty else { return nil }
        let sentenceIndex = document.sentenceIndex(containing: match.lowerBound)
        let sentence = sentenceIndex.map { document.sentences[$0] } ?? 0..<document.bytes.count
        return conditions.first { condition in
            switch condition.scope {
            case .document:
                return false
            case .sentence where sentenceIndex != nil:
                return !holds(condition, inSentence: sentenceIndex!)
            default:
                let region = self.region(condition.scope, match: match, sentence: sentence)
                return finds(condition.pattern, in: region) != (condition.effect == .require)
            }
        }
    }

    /// Whether a sentence condition holds for the sentence at `index`.
    private func holds(_ condition: ContextCondition, inSentence index: Int) -> Bool {
        let key = SentenceKey(condition: condition.id, sentence: index)
        let found = sentenceAnswers[key] ?? {
            let answer = finds(condition.pattern, in: document.sentences[index])
            sentenceAnswers[key] = answer
            return answer
        }()
        return found == (condition.effect == .require)
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
