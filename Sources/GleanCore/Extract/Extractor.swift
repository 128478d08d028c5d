import Dispatch
import GleanRegex

/// Runs a rule set over documents. One extractor serves every thread: its
/// compiled patterns are shared, and each thread passes its own ``Matcher``.
///
/// Per document: every rule's matches are found, matches whose context
/// conditions fail or whose values cannot be read are dropped, veto matches
/// remove the candidates of their field they overlap, overlapping
/// candidates of one field are resolved (the longest match wins, then the
/// higher rule priority, then the earlier match, then the earlier rule),
/// and linkers fill the attributes the winning rules ask for.
public final class Extractor: Sendable {
    public let ruleSet: RuleSet
    private let builders: [ValueBuilder]
    /// Each field's place in the rule set, for ordering facts that start together.
    private let fieldOrder: [String: Int]
    /// The distinct document-wide conditions of all rules, and for each rule
    /// the ones it has (indices): each is checked at most once per document.
    private let documentConditions: [ContextCondition]
    private let ruleDocumentConditions: [[Int]]
    /// The `words:` conditions among them, answered in one pass.
    private let documentWords: ContextCheck.DocumentWordConditions
    /// The distinct prefilter requirements of all rules (`require: {in:
    /// sentence, prefilter: true}`), and for each rule the ones it has
    /// (indices): a rule is searched only in the sentences where its
    /// prefilters hold, each found once per document.
    private let prefilters: [ContextCondition]
    private let rulePrefilters: [[Int]]

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        builders = ruleSet.rules.map { ValueBuilder(rule: $0, schema: ruleSet.fields[$0.field]!) }
        fieldOrder = Dictionary(uniqueKeysWithValues: ruleSet.fields.keys.enumerated().map { ($1, $0) })
        (documentConditions, ruleDocumentConditions) = Self.numbered(ruleSet.rules) { $0.scope == .document }
        documentWords = ContextCheck.DocumentWordConditions(documentConditions)
        (prefilters, rulePrefilters) = Self.numbered(ruleSet.rules, \.limitsSearch)
    }

    /// The distinct conditions (by effect and pattern) that pass `included`,
    /// and per rule the indices of its own.
    private static func numbered(_ rules: [Rule], _ included: (ContextCondition) -> Bool)
        -> (distinct: [ContextCondition], perRule: [[Int]]) {
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

    /// The facts in `text`. `rules` limits the run to some rules (by index);
    /// `recordingRejections` also lists the matches that did not become facts.
    public func extract(_ text: String, matcher: Matcher, rules: [Int]? = nil,
                        recordingRejections: Bool = false, timing: RuleTiming? = nil) -> Extraction {
        let documentStarted = timing == nil ? 0 : RuleTiming.now
        let document = DocumentText(text)
        timing?.add(RuleTiming.now - documentStarted, toStage: "sentences and offsets")
        var extraction = Extraction()
        var candidates: [Candidate] = []
        var vetoes: [(field: String, range: Range<Int>)] = []
        let context = ContextCheck(document: document, matcher: matcher,
                                   documentConditions: documentConditions, documentWords: documentWords,
                                   prefilters: prefilters)
        // The number words of the document, found by the first count-anchored rule.
        var numberWords: [Int]?
        for ruleIndex in rules ?? Array(ruleSet.rules.indices) {
            let rule = ruleSet.rules[ruleIndex]
            var parts = RuleTiming.Parts()
            let started = timing == nil ? 0 : RuleTiming.now
            defer {
                if let timing {
                    parts.search = RuleTiming.now - started - parts.conditions - parts.values
                    timing.add(parts, toRule: rule.id)
                }
            }
            let documentCheckStarted = timing == nil ? 0 : RuleTiming.now
            let failedDocumentCondition: ContextCondition?
            let regions: [Range<Int>]
            do {
                failedDocumentCondition = try context.firstDocumentFailure(among: ruleDocumentConditions[ruleIndex])
                // Explanations search everywhere, so a match a prefilter would skip is listed with its reason.
                regions = failedDocumentCondition != nil ? []
                    : try context.searchRegions(requiring: recordingRejections ? [] : rulePrefilters[ruleIndex])
            } catch {
                extraction.warnings.append("rule \(rule.id) not run: \(error)")
                continue
            }
            if timing != nil { parts.conditions += RuleTiming.now - documentCheckStarted }
            if let failed = failedDocumentCondition {
                if recordingRejections {
                    extraction.rejections.append(Rejection(rule: rule.id, range: 0..<0,
                                                           reason: "not run: document \(failed.effect.rawValue) failed: \(failed.patternText)"))
                }
                continue
            }
            /// Drops a match that could not be checked or read (the match limit), with a warning.
            func drop(_ match: Match, because reason: String) {
                let start = document.codePointOffset(ofByte: match.range.lowerBound)
                extraction.warnings.append("rule \(rule.id): its match at character \(start) was dropped: \(reason)")
            }
            /// Keeps a match whose context holds and whose values can be read, as a candidate or a veto.
            func consider(_ match: Match) {
                guard !match.range.isEmpty else { return }
                let checkStarted = timing == nil ? 0 : RuleTiming.now
                let failedCondition: ContextCondition?
                do {
                    failedCondition = try context.firstFailure(of: rule.conditions, around: match.range, prefiltersHold: !recordingRejections)
                } catch {
                    drop(match, because: "\(error)")
                    if recordingRejections {
                        extraction.rejections.append(Rejection(rule: rule.id, range: match.range, reason: "\(error)"))
                    }
                    return
                }
                if timing != nil { parts.conditions += RuleTiming.now - checkStarted }
                if let failed = failedCondition {
                    if recordingRejections {
                        extraction.rejections.append(Rejection(rule: rule.id, range: match.range,
                                                               reason: "\(failed.effect.rawValue) failed: \(failed.patternText)"))
                    }
                    return
                }
                if rule.isVeto {
                    vetoes.append((rule.field, match.range))
                    return
                }
                let valuesStarted = timing == nil ? 0 : RuleTiming.now
                let values = builders[ruleIndex].values(for: match, in: document, matcher: matcher)
                if timing != nil { parts.values += RuleTiming.now - valuesStarted }
                switch values {
                case let .success(facts):
                    candidates.append(Candidate(ruleIndex: ruleIndex, range: match.range, facts: facts))
                case let .failure(failure):
                    if failure.isMatchError { drop(match, because: failure.message) }
                    if recordingRejections {
                        extraction.rejections.append(Rejection(rule: rule.id, range: match.range, reason: failure.message))
                    }
                }
            }
            do {
                try document.bytes.withUnsafeBufferPointer { subject in
                    try forEachMatch(of: rule, in: subject, within: regions, words: document.words, wordKeys: document.wordKeys,
                                     numberWords: &numberWords, matcher: matcher, consider)
                }
            } catch {
                extraction.warnings.append("rule \(rule.id): \(error)")
            }
        }
        let links = AttributeLinker(ruleSet: ruleSet, document: document, matcher: matcher, timing: timing)
        let resolvingStarted = timing == nil ? 0 : RuleTiming.now
        defer { timing?.add(RuleTiming.now - resolvingStarted - links.elapsed, toStage: "overlaps and facts") }
        let (winners, losers) = resolve(candidates, vetoes: vetoes, explainingLosers: recordingRejections)
        if recordingRejections { extraction.rejections += losers }
        var seen: Set<Fact> = []
        // Each field's winners, in order (they do not overlap): what a linker weighs a fact against.
        var winnersOfField: [String: DisjointRanges] = [:]
        for candidate in winners {
            winnersOfField[ruleSet.rules[candidate.ruleIndex].field, default: DisjointRanges()].insert(candidate.range, tag: 0)
        }
        for candidate in winners {
            let rule = ruleSet.rules[candidate.ruleIndex]
            for var values in candidate.facts {
                for name in rule.links where values[name] == nil {
                    values[name] = links.value(for: name, near: candidate.range, sameFieldFacts: winnersOfField[rule.field]!)
                }
                let schema = ruleSet.fields[rule.field]!
                guard schema.isComplete(values) else {
                    if recordingRejections {
                        extraction.rejections.append(Rejection(rule: rule.id, range: candidate.range,
                                                               reason: "no \(rule.links.joined(separator: " or ")) found to link"))
                    }
                    continue
                }
                let fact = Fact(field: rule.field, values: ValueBuilder.ordered(values, as: schema),
                                rule: rule.id, text: document.originalText(candidate.range),
                                start: document.codePointOffset(ofByte: candidate.range.lowerBound),
                                end: document.codePointOffset(ofByte: candidate.range.upperBound))
                if seen.insert(fact).inserted { extraction.facts.append(fact) }
            }
        }
        extraction.warnings += links.warnings
        extraction.facts.sort { ($0.start, fieldOrder[$0.field] ?? 0, $0.end) < ($1.start, fieldOrder[$1.field] ?? 0, $1.end) }
        return extraction
    }

    /// Every non-overlapping match of a rule's pattern, left to right, that
    /// starts in one of `regions` (ascending; the text around them is still
    /// seen). For a rule with a ``MatchAnchor`` the same matches are found
    /// faster: the pattern is tried anchored at each word a match can start
    /// at, and for counts the digit-led pattern searches the digits in
    /// between. `words` are the document's words, `wordKeys` their
    /// ``WordStartScanner/keys(of:in:)``; its number words are found once, in
    /// `numberWords`.
    func forEachMatch(of rule: Rule, in subject: UnsafeBufferPointer<UInt8>, within regions: [Range<Int>],
                      words: [Range<Int>], wordKeys: [UInt16], numberWords: inout [Int]?, matcher: Matcher,
                      _ body: (Match) throws -> Void) throws {
        var wordStarts: [Int] = []
        if let anchor = rule.anchor {
            if anchor.start == .count {
                wordStarts = numberWords ?? anchor.words.positions(among: words, keys: wordKeys, in: subject)
                numberWords = wordStarts
            } else {
                wordStarts = anchor.words.positions(among: words, keys: wordKeys, in: subject)
            }
        }
        // A match may run past its region's end: the next region starts after it.
        var searchedTo = 0
        for region in regions where max(region.lowerBound, searchedTo) < region.upperBound {
            let from = max(region.lowerBound, searchedTo)
            searchedTo = try forEachMatch(of: rule, in: subject, within: from..<region.upperBound,
                                          wordStarts: wordStarts, matcher: matcher, body)
        }
    }

    /// The matches of ``forEachMatch(of:in:within:words:wordKeys:numberWords:matcher:_:)``
    /// in one region; returns where the search ended (the end of the last
    /// match, or the region's start).
    private func forEachMatch(of rule: Rule, in subject: UnsafeBufferPointer<UInt8>, within region: Range<Int>,
                              wordStarts: [Int], matcher: Matcher, _ body: (Match) throws -> Void) throws -> Int {
        var searchedTo = region.lowerBound
        guard let anchor = rule.anchor else {
            try matcher.forEachMatch(of: rule.pattern, in: subject, from: region.lowerBound, startingBefore: region.upperBound) { match in
                searchedTo = match.range.upperBound
                try body(match)
            }
            return searchedTo
        }
        var start = region.lowerBound
        var nextWord = 0
        // The leftmost digit-led match at or after `start`, once searched for.
        var digitMatch: Match?, digitSearched = anchor.digitLed == nil
        while start < region.upperBound {
            if let digitLed = anchor.digitLed, !digitSearched || (digitMatch.map { $0.range.lowerBound < start } ?? false) {
                digitMatch = try matcher.firstMatch(of: digitLed, in: subject, from: start, startingBefore: region.upperBound)
                digitSearched = true
            }
            var found = digitMatch
            let digitStart = digitMatch?.range.lowerBound ?? region.upperBound
            while nextWord < wordStarts.count, wordStarts[nextWord] < start { nextWord += 1 }
            while nextWord < wordStarts.count, wordStarts[nextWord] < digitStart {
                defer { nextWord += 1 }
                if let match = try matcher.firstMatch(of: anchor.anchored, in: subject, from: wordStarts[nextWord]) {
                    found = match
                    break
                }
            }
            guard let match = found else { return searchedTo }
            if !match.range.isEmpty { try body(match) }
            searchedTo = match.range.upperBound
            start = match.range.isEmpty ? Matcher.nextCharacter(after: match.range.lowerBound, in: subject) : match.range.upperBound
        }
        return searchedTo
    }

    /// Vetoes first, then per field the longest match, higher priority,
    /// earlier start and earlier rule win; losers that overlap a winner go
    /// (and are listed with the reason when `explainingLosers`).
    private func resolve(_ candidates: [Candidate], vetoes: [(field: String, range: Range<Int>)], explainingLosers: Bool)
        -> (winners: [Candidate], losers: [Rejection]) {
        let rules = ruleSet.rules
        let ranked = candidates.sorted { a, b in
            // Properties read in place: copying whole rules here was a hot spot.
            let priorityA = rules[a.ruleIndex].priority, priorityB = rules[b.ruleIndex].priority
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            if priorityA != priorityB { return priorityA > priorityB }
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            return a.ruleIndex < b.ruleIndex
        }
        let vetoed = Dictionary(grouping: vetoes, by: \.field).mapValues { DisjointRanges(covering: $0.map(\.range)) }
        var accepted: [Candidate] = []
        var claimed: [String: DisjointRanges] = [:]
        var losers: [Rejection] = []
        for candidate in ranked {
            let field = rules[candidate.ruleIndex].field
            let isVetoed = vetoed[field]?.overlaps(candidate.range) ?? false
            // The first accepted candidate it overlaps (tags are acceptance order).
            let winner = isVetoed ? nil : claimed[field]?.tags(overlapping: candidate.range).min().map { accepted[$0] }
            guard isVetoed || winner != nil else {
                claimed[field, default: DisjointRanges()].insert(candidate.range, tag: accepted.count)
                accepted.append(candidate)
                continue
            }
            if explainingLosers {
                let reason = winner.map { "overlaps the fact of rule \(rules[$0.ruleIndex].id)" } ?? "vetoed by an overlapping veto rule"
                losers.append(Rejection(rule: rules[candidate.ruleIndex].id, range: candidate.range, reason: reason))
            }
        }
        return (accepted.sorted { $0.range.lowerBound < $1.range.lowerBound }, losers)
    }
}

/// What extraction found in one document.
public struct Extraction: Sendable {
    public var facts: [Fact] = []
    /// Problems that cost a rule its matches in this document (e.g. the match limit).
    public var warnings: [String] = []
    /// Matches that did not become facts, and why (only when asked for).
    public var rejections: [Rejection] = []
}
