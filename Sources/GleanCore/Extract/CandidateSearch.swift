import GleanRegex

/// The first two stages of extraction in one document, rule by rule: find
/// the rule's matches (only where its document conditions and prefilters
/// allow), then check each match's context conditions and read its values.
/// A match that passes is a candidate fact, or for a veto rule a veto.
struct CandidateSearch {
    let document: DocumentText
    let matcher: Matcher
    let context: ContextCheck
    /// Whether rejected matches are reported: rules then search past their prefilters.
    let explaining: Bool
    let measuring: Bool
    private(set) var candidates: [Candidate] = []
    private(set) var vetoes: [(field: String, range: Range<Int>)] = []
    private(set) var warnings: [String] = []
    /// The number words of the document, found by the first count-anchored rule.
    private var numberWords: [Int]?

    init(document: DocumentText, matcher: Matcher, context: ContextCheck, explaining: Bool, measuring: Bool) {
        self.document = document
        self.matcher = matcher
        self.context = context
        self.explaining = explaining
        self.measuring = measuring
    }

    /// Finds the candidates and vetoes of `prepared` in the document.
    mutating func run<Observer: ExtractionObserver>(_ prepared: PreparedRule, observer: inout Observer) {
        var time = ExtractionTimes.RuleTime()
        let started = measuring ? ExtractionTimes.now : 0
        defer {
            if measuring {
                time.search = ExtractionTimes.now - started - time.conditions - time.values
                observer.rule(prepared.rule.id, took: time)
            }
        }
        guard let regions = searchRegions(of: prepared, time: &time, observer: &observer) else { return }
        // Locals, so that the match callback may change this search.
        let (document, matcher) = (self.document, self.matcher)
        var numberWords = self.numberWords
        defer { self.numberWords = numberWords }
        do {
            try document.bytes.withUnsafeBufferPointer { subject in
                try RuleMatching.forEachMatch(
                    of: prepared.rule, in: subject, within: regions, words: document.words,
                    numberWords: &numberWords, matcher: matcher
                ) {
                    consider($0, of: prepared, time: &time, observer: &observer)
                }
            }
        } catch {
            warnings.append("rule \(prepared.rule.id): \(error)")
        }
    }

    /// Where the rule may be searched: nowhere when a document condition
    /// fails (nil), else the sentences its prefilters allow (everywhere when
    /// explaining, so that a match a prefilter would skip is listed with its reason).
    private mutating func searchRegions<Observer: ExtractionObserver>(
        of prepared: PreparedRule, time: inout ExtractionTimes.RuleTime, observer: inout Observer
    ) -> [Range<Int>]? {
        let started = measuring ? ExtractionTimes.now : 0
        defer { if measuring { time.conditions += ExtractionTimes.now - started } }
        let failed: ContextCondition?
        do {
            failed = try context.firstDocumentFailure(among: prepared.documentConditions)
            if failed == nil { return try context.searchRegions(requiring: explaining ? [] : prepared.prefilters) }
        } catch {
            warnings.append("rule \(prepared.rule.id) not run: \(error)")
            return nil
        }
        if explaining, let failed {
            observer.rejected(
                Rejection(
                    rule: prepared.rule.id, range: 0..<0,
                    reason: "not run: document \(failed.effect.rawValue) failed: \(failed.patternText)"))
        }
        return nil
    }

    /// Keeps a match whose context holds and whose values can be read, as a candidate or a veto.
    private mutating func consider<Observer: ExtractionObserver>(
        _ match: Match, of prepared: PreparedRule, time: inout ExtractionTimes.RuleTime, observer: inout Observer
    ) {
        guard !match.range.isEmpty else { return }
        let rule = prepared.rule
        let checkStarted = measuring ? ExtractionTimes.now : 0
        let failed: ContextCondition?
        do {
            failed = try context.firstFailure(
                of: rule.conditions, around: match.range, attemptStart: match.attemptStart, prefiltersHold: !explaining)
        } catch {
            drop(match, of: rule, because: "\(error)", observer: &observer)
            return
        }
        if measuring { time.conditions += ExtractionTimes.now - checkStarted }
        if let failed {
            if explaining {
                observer.rejected(
                    Rejection(
                        rule: rule.id, range: match.range,
                        reason: "\(failed.effect.rawValue) failed: \(failed.patternText)"))
            }
            return
        }
        guard !rule.isVeto else {
            vetoes.append((rule.field, match.range))
            return
        }
        let valuesStarted = measuring ? ExtractionTimes.now : 0
        let values = prepared.builder.values(for: match, in: document, matcher: matcher)
        if measuring { time.values += ExtractionTimes.now - valuesStarted }
        switch values {
        case let .success(facts):
            candidates.append(Candidate(ruleIndex: prepared.index, range: match.range, facts: facts))
        case let .failure(failure):
            if failure.isMatchError {
                drop(match, of: rule, because: failure.message, observer: &observer)
            } else if explaining {
                observer.rejected(Rejection(rule: rule.id, range: match.range, reason: failure.message))
            }
        }
    }

    /// Drops a match that could not be checked or read (the match limit),
    /// with a warning, and as a rejection when explaining.
    private mutating func drop<Observer: ExtractionObserver>(
        _ match: Match, of rule: Rule, because reason: String,
        observer: inout Observer
    ) {
        let start = document.codePointOffset(ofByte: match.range.lowerBound)
        warnings.append("rule \(rule.id): its match at character \(start) was dropped: \(reason)")
        if explaining { observer.rejected(Rejection(rule: rule.id, range: match.range, reason: reason)) }
    }
}
