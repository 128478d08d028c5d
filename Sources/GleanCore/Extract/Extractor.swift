import GleanRegex

/// Runs a rule set over documents. One extractor serves every thread: its
/// compiled patterns are shared, and each thread passes its own ``Matcher``.
///
/// A document goes through named stages: split into sentences; for each
/// rule, find its matches and check their context (``CandidateSearch``),
/// which yields candidate facts and vetoes; resolve overlaps
/// (``OverlapResolution``); link the attributes the winning rules ask for
/// (``AttributeLinker``); emit the facts, in text order. Fallback rules are
/// searched afterwards, only for the fields the other rules found no fact
/// of, and their candidates go through the last three stages then. An
/// ``ExtractionObserver`` sees the rejected matches and the stages' times.
public final class Extractor: Sendable {
    public let ruleSet: RuleSet
    /// The rules searched in every document: all but the fallbacks.
    private let rules: [PreparedRule]
    /// The fallback rules, searched in a document only for the fields the other rules found no fact of.
    private let fallbackRules: [PreparedRule]
    /// Each field's place in the rule set, for ordering facts that start together.
    private let fieldOrder: [String: Int]
    /// The distinct document-wide conditions of all rules: each is checked
    /// at most once per document.
    private let documentConditions: [ContextCondition]
    /// The `words:` conditions among them, answered in one pass.
    private let documentWords: ContextCheck.DocumentWordConditions
    /// The distinct prefilter requirements of all rules (`require: {in:
    /// sentence, prefilter: true}`): a rule is searched only in the sentences
    /// where its prefilters hold, each found once per document.
    private let prefilters: [ContextCondition]

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        fieldOrder = Dictionary(uniqueKeysWithValues: ruleSet.fields.keys.enumerated().map { ($1, $0) })
        let ruleDocumentConditions: [[Int]]
        let rulePrefilters: [[Int]]
        (documentConditions, ruleDocumentConditions) = Self.numbered(ruleSet.rules) { $0.scope == .document }
        documentWords = ContextCheck.DocumentWordConditions(documentConditions)
        (prefilters, rulePrefilters) = Self.numbered(ruleSet.rules, \.limitsSearch)
        let prepared = ruleSet.rules.enumerated().map { index, rule in
            PreparedRule(
                rule: rule, index: index, builder: ValueBuilder(rule: rule, schema: ruleSet.schema(of: rule)),
                documentConditions: ruleDocumentConditions[index], prefilters: rulePrefilters[index])
        }
        rules = prepared.filter { !$0.rule.isFallback }
        fallbackRules = prepared.filter(\.rule.isFallback)
    }

    /// The distinct conditions (by effect and pattern) that pass `included`,
    /// and per rule the indices of its own.
    private static func numbered(
        _ rules: [Rule], _ included: (ContextCondition) -> Bool
    )
        -> (distinct: [ContextCondition], perRule: [[Int]])
    {
        var index: [String: Int] = [:]
        var distinct: [ContextCondition] = []
        let perRule = rules.map { rule in
            rule.conditions.filter(included).map { condition in
                let key = condition.effect.rawValue + " " + condition.patternText
                if let known = index[key] { return known }
                distinct.append(condition)
                index[key] = distinct.count - 1
                return distinct.count - 1
            }
        }
        return (distinct, perRule)
    }

    /// The facts in `text`, found by every rule, or by the rules with the IDs in `ruleIDs`.
    public func extract(_ text: String, matcher: Matcher, rules ruleIDs: Set<String>? = nil) -> Extraction {
        var observer = SilentObserver()
        return extracting(text, matcher: matcher, rules: ruleIDs, observer: &observer)
    }

    /// The facts in `text`, with the times of its rules and stages given to `observer`.
    public func extract(
        _ text: String, matcher: Matcher, rules ruleIDs: Set<String>? = nil, observer: inout TimingObserver
    ) -> Extraction {
        extracting(text, matcher: matcher, rules: ruleIDs, observer: &observer)
    }

    /// The facts in `text`, with the matches that did not become facts given to `observer`.
    public func extract(
        _ text: String, matcher: Matcher, rules ruleIDs: Set<String>? = nil, observer: inout RejectionCollector
    ) -> Extraction {
        extracting(text, matcher: matcher, rules: ruleIDs, observer: &observer)
    }

    /// The facts in `text`, reporting rejected matches and times to `observer`
    /// as it asks. (Called from another module with a generic observer, this
    /// runs unspecialized, slower code: the overloads above for the
    /// observers glean has are compiled for each of them.)
    public func extract<Observer: ExtractionObserver>(
        _ text: String, matcher: Matcher, rules ruleIDs: Set<String>? = nil, observer: inout Observer
    ) -> Extraction {
        extracting(text, matcher: matcher, rules: ruleIDs, observer: &observer)
    }

    /// The facts in each of `texts`, in order: the same as extracting them
    /// one by one with ``extract(_:matcher:rules:)``, faster. The rules'
    /// searches run rule by rule across the documents (each rule searches
    /// every document before the next rule starts), so that a rule's
    /// JIT-compiled patterns, some of them hundreds of kilobytes, are fetched
    /// into the processor's caches once per batch instead of once per
    /// document; each document's candidates are then resolved, linked and
    /// emitted as ``extract(_:matcher:rules:)`` does, and its fallback rules
    /// searched there, only where their field has no fact. A few dozen
    /// abstracts make a good batch.
    public func extract(batch texts: [String], matcher: Matcher) -> [Extraction] {
        var observer = SilentObserver()
        var searches = texts.map { candidateSearch(in: DocumentText($0), matcher: matcher, observer: observer) }
        for prepared in rules {
            for index in searches.indices { searches[index].run(prepared, observer: &observer) }
        }
        return searches.map { search in
            var clock = StageClock(running: false)
            return finishing(search, matcher: matcher, rules: nil, clock: &clock, observer: &observer)
        }
    }

    private func extracting<Observer: ExtractionObserver>(
        _ text: String, matcher: Matcher, rules ruleIDs: Set<String>?, observer: inout Observer
    ) -> Extraction {
        var clock = StageClock(running: observer.measuresTime)
        let document = DocumentText(text)
        // The indexes are built by the first rule that asks; timed, they are built here, as a stage of their own.
        if observer.measuresTime { document.buildIndexes() }
        clock.lap(ExtractionStage.splitSentences, to: &observer)
        var search = candidateSearch(in: document, matcher: matcher, observer: observer)
        for prepared in rules where ruleIDs?.contains(prepared.rule.id) ?? true {
            search.run(prepared, observer: &observer)
        }
        return finishing(search, matcher: matcher, rules: ruleIDs, clock: &clock, observer: &observer)
    }

    /// The first two stages' state for one document, before any rule runs.
    private func candidateSearch<Observer: ExtractionObserver>(
        in document: DocumentText, matcher: Matcher, observer: Observer
    ) -> CandidateSearch {
        CandidateSearch(
            document: document, matcher: matcher,
            context: ContextCheck(
                document: document, matcher: matcher,
                documentConditions: documentConditions,
                documentWords: documentWords, prefilters: prefilters),
            explaining: observer.explainsRejections, measuring: observer.measuresTime)
    }

    /// The stages after the rules' searches: overlaps, linking, the fallback
    /// rules' searches and stages, and the facts in text order.
    private func finishing<Observer: ExtractionObserver>(
        _ search: CandidateSearch, matcher: Matcher, rules ruleIDs: Set<String>?, clock: inout StageClock,
        observer: inout Observer
    ) -> Extraction {
        let document = search.document
        let linker = AttributeLinker(document: document, matcher: matcher, measuring: observer.measuresTime)
        var facts = self.facts(
            of: search.candidates, vetoes: search.vetoes, in: document, linker: linker, clock: &clock,
            observer: &observer)
        let fieldsFound = Set(facts.map(\.field))
        var search = search
        let searched = search.candidates.count
        // A fallback rule is searched only where its field has no fact; explained, everywhere, so that its
        // dropped matches are listed with the reason.
        for prepared in fallbackRules where ruleIDs?.contains(prepared.rule.id) ?? true {
            guard observer.explainsRejections || !fieldsFound.contains(prepared.rule.field) else { continue }
            search.run(prepared, observer: &observer)
        }
        let fallbacks = search.candidates[searched...]
        if !fallbacks.isEmpty {
            let kept = fallbacks.filter { !fieldsFound.contains(ruleSet.rules[$0.ruleIndex].field) }
            if observer.explainsRejections {
                for candidate in fallbacks where fieldsFound.contains(ruleSet.rules[candidate.ruleIndex].field) {
                    let rule = ruleSet.rules[candidate.ruleIndex]
                    observer.rejected(
                        Rejection(
                            rule: rule.id, range: candidate.range,
                            reason: "a fallback rule, and other rules found \(rule.field) facts here"))
                }
            }
            facts += self.facts(
                of: kept, vetoes: search.vetoes, in: document, linker: linker, clock: &clock, observer: &observer)
        }
        for (attribute, nanoseconds) in linker.elapsed {
            observer.stage(ExtractionStage.link(attribute), took: nanoseconds)
        }
        clock.restart()
        var extraction = Extraction(facts: facts, warnings: search.warnings + linker.warnings)
        extraction.facts.sort {
            ($0.start, fieldOrder[$0.field] ?? 0, $0.end) < ($1.start, fieldOrder[$1.field] ?? 0, $1.end)
        }
        clock.lap(ExtractionStage.emitFacts, to: &observer)
        return extraction
    }

    /// The facts of `candidates`: the winners of their overlaps, with their
    /// attributes linked, each distinct fact once.
    private func facts<Observer: ExtractionObserver>(
        of candidates: [Candidate], vetoes: [(field: String, range: Range<Int>)], in document: DocumentText,
        linker: AttributeLinker, clock: inout StageClock, observer: inout Observer
    ) -> [Fact] {
        clock.restart()
        let winners = OverlapResolution(rules: ruleSet.rules).winners(
            of: candidates, vetoes: vetoes, observer: &observer)
        clock.lap(ExtractionStage.resolveOverlaps, to: &observer)
        let linked = link(winners, with: linker)
        clock.restart()
        let facts = emitFacts(linked, in: document, observer: &observer)
        clock.lap(ExtractionStage.emitFacts, to: &observer)
        return facts
    }

    /// The fourth stage: each winner's value sets with the linked attributes
    /// its rule asks for filled in, where a linker finds them.
    private func link(
        _ winners: [Candidate], with linker: AttributeLinker
    ) -> [(candidate: Candidate, facts: [FactValues])] {
        // Each field's winners, in order (they do not overlap): what a linker weighs a fact against.
        var winnersOfField: [String: DisjointRanges] = [:]
        for candidate in winners {
            winnersOfField[ruleSet.rules[candidate.ruleIndex].field, default: DisjointRanges()].insert(
                candidate.range, tag: 0)
        }
        return winners.map { candidate in
            let rule = ruleSet.rules[candidate.ruleIndex]
            // A linker may find several values, one per name an amount is written once for
            // (`A and B (10 mg each)`): a fact for each.
            let facts = candidate.facts.flatMap { found in
                var sets = [found]
                for name in rule.links {
                    guard let attributeLinker = ruleSet.linkers[name], attributeLinker.applies(to: sets[0]) else {
                        continue
                    }
                    // A name the rule took itself may share its amount with others (`10 mg of A, B or C`).
                    let values =
                        found[name].map {
                            linker.values(
                                of: attributeLinker, sharingWith: $0, in: candidate.range,
                                sameFieldFacts: winnersOfField[rule.field]!)
                        }
                        ?? linker.values(
                            of: attributeLinker, near: candidate.range, sameFieldFacts: winnersOfField[rule.field]!)
                    guard !values.isEmpty else { continue }
                    sets = sets.flatMap { set in
                        values.map { value in
                            var copy = set
                            copy[name] = value
                            return copy
                        }
                    }
                }
                return sets
            }
            return (candidate, facts)
        }
    }

    /// The last stage: a fact for each complete value set (one whose
    /// required attributes are all there), each distinct fact once.
    private func emitFacts<Observer: ExtractionObserver>(
        _ linked: [(candidate: Candidate, facts: [FactValues])],
        in document: DocumentText, observer: inout Observer
    ) -> [Fact] {
        var facts: [Fact] = []
        var seen: Set<Fact> = []
        for (candidate, valueSets) in linked {
            let rule = ruleSet.rules[candidate.ruleIndex]
            let schema = ruleSet.schema(of: rule)
            for values in valueSets {
                guard schema.isComplete(values) else {
                    if observer.explainsRejections {
                        observer.rejected(
                            Rejection(
                                rule: rule.id, range: candidate.range,
                                reason: "no \(rule.links.joined(separator: " or ")) found to link"))
                    }
                    continue
                }
                let fact = Fact(
                    field: rule.field, values: ValueBuilder.ordered(values, as: schema),
                    rule: rule.id, text: document.originalText(candidate.range),
                    start: document.codePointOffset(ofByte: candidate.range.lowerBound),
                    end: document.codePointOffset(ofByte: candidate.range.upperBound))
                if seen.insert(fact).inserted { facts.append(fact) }
            }
        }
        return facts
    }
}

/// What extraction found in one document.
public struct Extraction: Sendable {
    public var facts: [Fact] = []
    /// Problems that cost a rule its matches in this document (e.g. the match limit).
    public var warnings: [String] = []
}

/// Times the stages of one document's extraction when the observer measures time.
private struct StageClock {
    let running: Bool
    private var started: UInt64

    init(running: Bool) {
        self.running = running
        started = running ? ExtractionTimes.now : 0
    }

    mutating func restart() { if running { started = ExtractionTimes.now } }

    /// Reports the time since the last start as `stage`, and starts again.
    mutating func lap<Observer: ExtractionObserver>(_ stage: String, to observer: inout Observer) {
        guard running else { return }
        let now = ExtractionTimes.now
        observer.stage(stage, took: now - started)
        started = now
    }
}
