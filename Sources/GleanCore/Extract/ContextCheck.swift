import GleanRegex

/// Checks a rule's `require:` and `forbid:` conditions for one document.
/// Document-wide conditions are checked once per rule before its pattern
/// runs, and their answers are shared by every rule with the same condition,
/// so a `require: {in: document}` doubles as a fast prefilter. A sentence
/// requirement marked `prefilter: true` limits where a rule is searched at
/// all: see ``searchRegions(requiring:)``.
final class ContextCheck {
    let document: DocumentText
    let matcher: Matcher
    /// The rule set's distinct document-wide conditions (see ``Extractor``),
    /// and for each, once asked, whether it holds.
    private let documentConditions: [ContextCondition]
    private var documentAnswers: [Bool?]
    /// The `words:` conditions among them, merged into one scanner, so that
    /// the document's words are read once for all of them.
    private let documentWords: DocumentWordConditions?
    /// The rule set's prefilter requirements (see ``Extractor``), and for
    /// each, once asked, whether it holds in each sentence.
    private let prefilters: [ContextCondition]
    private var sentenceAnswers: [[Bool]?]
    /// Whether a sentence-wide condition (by identity) holds in a sentence (by
    /// its start), once asked: a sentence with several matches is searched once.
    private var sentenceConditionAnswers: [SentenceCondition: Bool] = [:]
    /// The search region of a rule without prefilters: made once, not once per rule.
    private lazy var wholeDocument = [0..<(document.bytes.count + 1)]
    /// Whether the document is all ASCII, where a window of characters is one of bytes: asked once, as
    /// the document's answer reads its offset tables (an array retained and released on every call).
    private lazy var isASCII = document.isASCII

    private struct SentenceCondition: Hashable {
        let condition: ObjectIdentifier
        let sentenceStart: Int
    }

    init(
        document: DocumentText, matcher: Matcher, documentConditions: [ContextCondition] = [],
        documentWords: DocumentWordConditions? = nil, prefilters: [ContextCondition] = []
    ) {
        self.document = document
        self.matcher = matcher
        self.documentConditions = documentConditions
        self.documentWords = documentWords
        documentAnswers = Array(repeating: nil, count: documentConditions.count)
        self.prefilters = prefilters
        sentenceAnswers = Array(repeating: nil, count: prefilters.count)
    }

    /// Where the matches of a rule with the given prefilter requirements
    /// (indices into the extractor's list) can start: the runs of sentences where all of
    /// them hold, each sentence reaching to the start of the next, so that every
    /// offset ``DocumentText/sentence(containing:)`` assigns to a passing
    /// sentence is inside. Matches elsewhere would fail the requirement anyway.
    func searchRegions(requiring requirements: [Int]) throws(ConditionError) -> [Range<Int>] {
        guard !requirements.isEmpty else { return wholeDocument }
        let end = document.bytes.count + 1
        let sentences = document.sentences.isEmpty ? [0..<document.bytes.count] : document.sentences
        var answers: [[Bool]] = []
        for requirement in requirements {
            if sentenceAnswers[requirement] == nil {
                var found: [Bool] = []
                for sentence in sentences { found.append(try holds(prefilters[requirement], in: sentence)) }
                sentenceAnswers[requirement] = found
            }
            answers.append(sentenceAnswers[requirement]!)
        }
        var regions: [Range<Int>] = []
        for index in sentences.indices where answers.allSatisfy({ $0[index] }) {
            let lower = index == 0 ? 0 : sentences[index].lowerBound
            let upper = index == sentences.count - 1 ? end : sentences[index + 1].lowerBound
            if let last = regions.last, last.upperBound == lower {
                regions[regions.count - 1] = last.lowerBound..<upper
            } else {
                regions.append(lower..<upper)
            }
        }
        return regions
    }

    /// The `words:` conditions among a rule set's document-wide conditions:
    /// their places in that list, and one scanner merged from theirs (its
    /// scanner `n` is the condition at `indices[n]`). Made once per rule set.
    struct DocumentWordConditions: Sendable {
        let indices: [Int]
        let scanner: WordStartScanner

        init(_ documentConditions: [ContextCondition]) {
            indices = documentConditions.indices.filter { documentConditions[$0].words != nil }
            scanner = WordStartScanner(merging: indices.map { documentConditions[$0].words! })
        }
    }

    /// The first of the given document-wide conditions (indices into the
    /// extractor's list) that fails, or `nil` when all hold.
    func firstDocumentFailure(among conditions: [Int]) throws(ConditionError) -> ContextCondition? {
        for index in conditions {
            let condition = documentConditions[index]
            if documentAnswers[index] == nil {
                if condition.words != nil, let documentWords {
                    answerWordConditions(with: documentWords)
                } else {
                    documentAnswers[index] = try holds(condition, in: 0..<document.bytes.count)
                }
            }
            if documentAnswers[index] != (condition.effect == .require) { return condition }
        }
        return nil
    }

    /// Answers every `words:` condition among the document-wide ones in one pass over the document's words.
    private func answerWordConditions(with conditions: DocumentWordConditions) {
        let found = document.bytes.withUnsafeBufferPointer {
            conditions.scanner.scannersFinding(among: document.words, in: $0)
        }
        for (owner, index) in conditions.indices.enumerated() { documentAnswers[index] = found[owner] }
    }

    /// The first condition around a match that fails, or `nil` when all hold.
    /// Document-wide conditions are left to ``firstDocumentFailure(among:)``, and
    /// prefilter requirements to ``searchRegions(requiring:)`` when
    /// `prefiltersHold` (the match was searched for where they hold).
    /// Otherwise a prefilter holds for the match where it holds in the
    /// sentence of the match's start or of its attempt's (`attemptStart`), as
    /// a search confined to the prefilter's sentences would have found it:
    /// `SLEDAI ... \K the score fell` starts its attempt in the sentence that
    /// names the SLEDAI.
    func firstFailure(
        of conditions: [ContextCondition], around match: Range<Int>, attemptStart: Int? = nil,
        prefiltersHold: Bool = false
    ) throws(ConditionError) -> ContextCondition? {
        guard !conditions.isEmpty else { return nil }
        let sentence = document.sentence(containing: match.lowerBound)
        for condition in conditions where condition.scope != .document && !(prefiltersHold && condition.limitsSearch) {
            guard try applies(condition, to: match) else { continue }
            var holding = try holds(condition, around: match, sentence: sentence)
            if condition.limitsSearch, !holding, let attemptStart, !sentence.contains(attemptStart) {
                holding = try holds(condition, around: match, sentence: document.sentence(containing: attemptStart))
            }
            if holding != (condition.effect == .require) { return condition }
        }
        return nil
    }

    /// Whether a condition concerns a match: always, unless its `when_match:`
    /// pattern finds nothing in the matched text.
    func applies(_ condition: ContextCondition, to match: Range<Int>) throws(ConditionError) -> Bool {
        guard let filter = condition.matchFilter else { return true }
        do {
            return try finds(filter, in: match)
        } catch {
            throw ConditionError(condition: condition, failure: error)
        }
    }

    /// Whether a condition's pattern or words are found in its region around a match.
    private func holds(
        _ condition: ContextCondition, around match: Range<Int>, sentence: Range<Int>
    ) throws(ConditionError) -> Bool {
        guard condition.scope == .sentence else {
            return try holds(condition, in: region(condition.scope, match: match, sentence: sentence))
        }
        let key = SentenceCondition(condition: ObjectIdentifier(condition), sentenceStart: sentence.lowerBound)
        if let known = sentenceConditionAnswers[key] { return known }
        let answer = try holds(condition, in: sentence)
        sentenceConditionAnswers[key] = answer
        return answer
    }

    /// Whether a condition's pattern finds a match inside `region`; for a
    /// `words:` condition, whether one of its words is among the document's
    /// words inside `region`.
    func holds(_ condition: ContextCondition, in region: Range<Int>) throws(ConditionError) -> Bool {
        guard let scanner = condition.words else {
            do {
                return try finds(condition.pattern, in: region)
            } catch {
                throw ConditionError(condition: condition, failure: error)
            }
        }
        let inRegion = document.words.ranges.drop { $0.lowerBound < region.lowerBound }.prefix {
            $0.lowerBound < region.upperBound
        }
        return document.bytes.withUnsafeBufferPointer { scanner.findsAny(among: inRegion, in: $0) }
    }

    /// Whether `pattern` finds a match inside `region`.
    func finds(_ pattern: Pattern, in region: Range<Int>) throws(MatchError) -> Bool {
        try document.bytes.withUnsafeBufferPointer { bytes throws(MatchError) in
            let slice = UnsafeBufferPointer(rebasing: bytes[region])
            return try matcher.firstMatch(of: pattern, in: slice) != nil
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
        if isASCII { return max(0, offset - characters) }
        var index = offset
        var remaining = characters
        while index > 0, remaining > 0 {
            index -= 1
            if document.bytes[index] & 0xC0 != 0x80 { remaining -= 1 }
        }
        return index
    }

    private func stepForward(_ characters: Int, from offset: Int) -> Int {
        if isASCII { return min(document.bytes.count, offset + characters) }
        var index = offset
        var remaining = characters
        while index < document.bytes.count, remaining > 0 {
            index += 1
            while index < document.bytes.count, document.bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }
}

/// A context condition that could not be checked: its pattern hit PCRE2's
/// match limit (or another matching error). The match it was checked for
/// is dropped, with a warning: it was never silently kept or lost.
struct ConditionError: Error, CustomStringConvertible {
    let condition: ContextCondition
    let failure: MatchError

    var description: String {
        "\(condition.effect.rawValue) condition at \(condition.location) could not be checked: \(failure)"
    }
}
