import Foundation
import GleanRegex

/// What `glean explain` shows for one document: its facts and the matches
/// that did not become facts, with why.
public struct DocumentExplanation: Sendable {
    public let text: DocumentText
    /// The facts, in text order.
    public let facts: [Fact]
    /// Matches that did not become facts.
    public let rejections: [ExplainedRejection]
    /// What extraction could not do in this document (a pattern that hit the match limit).
    public let warnings: [String]
}

/// A match that did not become a fact.
public struct ExplainedRejection: Sendable {
    public let rule: String
    /// The matched bytes in the document text.
    public let range: Range<Int>
    /// A failed context condition, a normalizer failure, an overlap lost or a veto.
    public let reason: String
}

/// What `glean explain --rule ID` shows: each match of the rule with its
/// captures and the values the normalizers made of them, and for each
/// sentence the rule did not match, how far its pattern got.
public struct RuleExplanation: Sendable {
    public let rule: String
    public let field: String
    public let location: SourceLocation
    public let text: DocumentText
    /// Why the rule did not run in this document (a document condition failed), if it did not.
    public let notRun: String?
    /// The rule's matches, in text order, facts and rejections alike.
    public let matches: [ExplainedMatch]
    /// For each candidate sentence, the attempt that got furthest without
    /// matching, in text order.
    public let misses: [SentenceTrace]
    /// How many sentences were candidates (held a literal word of the pattern, or all).
    public let candidateSentences: Int
    /// What could not be checked for this rule (a pattern that hit the match
    /// limit): where it says so, "no match" is not the whole story.
    public let warnings: [String]
}

/// One match of the focused rule.
public struct ExplainedMatch: Sendable {
    /// The matched bytes.
    public let range: Range<Int>
    /// Named groups of the rule's own pattern that took part, with their text.
    public let captures: [(group: String, text: String)]
    /// How each value was made.
    public let values: [ValueDerivation]
    /// The facts it became; empty when rejected.
    public let facts: [Fact]
    /// Why it did not become a fact.
    public let rejection: String?
}

/// How one value of a match was made: `amount: group amount "1.3" → quantity → 1.3`.
public struct ValueDerivation: Sendable {
    public let name: String
    /// Where it came from: `group amount "1.3" (quantity)`, `constant`, `linked`, ...
    public let source: String
    /// The value(s), or what went wrong.
    public let result: String
}

/// How far the focused rule's pattern got in one sentence, in the attempt
/// that got furthest without matching.
public struct SentenceTrace: Sendable {
    public let sentence: Range<Int>
    /// From where the best attempt started to where it stopped.
    public let matched: Range<Int>
    /// The item of the rule's pattern it could not get past.
    public let expecting: String
    public let location: SourceLocation
    /// When it stopped inside a shared definition: its name, the item there and where that is written.
    public let inDefinition: (name: String, item: String, location: SourceLocation)?
    /// Context conditions that would fail around the attempt: `require` not found, `forbid` found.
    public let context: [String]
}

/// A rule ID that is not in the rule set.
public struct UnknownRuleError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Explains extraction for rule authors (`glean explain`).
public struct Explainer {
    public let extractor: Extractor
    private var ruleSet: RuleSet { extractor.ruleSet }

    public init(extractor: Extractor) { self.extractor = extractor }

    /// Every fact in `text` and every match that did not become one.
    public func explain(_ text: String, matcher: Matcher = Matcher()) -> DocumentExplanation {
        var collector = RejectionCollector()
        let extraction = extractor.extract(text, matcher: matcher, observer: &collector)
        return DocumentExplanation(
            text: DocumentText(text), facts: extraction.facts,
            rejections: collector.rejections.map(ExplainedRejection.init).sorted {
                $0.range.lowerBound < $1.range.lowerBound
            },
            warnings: extraction.warnings)
    }

    /// The rule `id` in `text`: its matches in detail and how far it got where it did not match.
    public func explain(
        _ text: String, rule id: String, matcher: Matcher = Matcher()
    ) throws(UnknownRuleError) -> RuleExplanation {
        let rule = try self.rule(id)
        let document = DocumentText(text)
        // All rules run, so that overlaps lost to other rules and vetoes show.
        var collector = RejectionCollector()
        let extraction = extractor.extract(text, matcher: matcher, observer: &collector)
        var matches: [ExplainedMatch] = []
        let facts = extraction.facts.filter { $0.rule == id }
        let factRanges = Dictionary(grouping: facts) {
            document.byteOffset(ofCodePoint: $0.start)..<document.byteOffset(ofCodePoint: $0.end)
        }
        for (range, facts) in factRanges {
            matches.append(explainMatch(rule, at: range, facts: facts, rejection: nil, in: document, matcher: matcher))
        }
        var notRun: String?
        for rejection in collector.rejections where rejection.rule == id && factRanges[rejection.range] == nil {
            guard !rejection.range.isEmpty else {
                notRun = rejection.reason
                continue
            }
            matches.append(
                explainMatch(
                    rule, at: rejection.range, facts: [], rejection: rejection.reason, in: document, matcher: matcher))
        }
        matches.sort { $0.range.lowerBound < $1.range.lowerBound }

        let words = Explainer.literalWords(in: rule.patternText)
        let withWords = document.sentences.filter { sentence in
            let lowered = document.text(sentence).lowercased()
            return words.contains { lowered.contains($0) }
        }
        let candidates = withWords.isEmpty ? document.sentences : withWords
        var misses: [SentenceTrace] = []
        var warnings = extraction.warnings.filter {
            $0.hasPrefix("rule \(id):") || $0.hasPrefix("rule \(id) ") || $0.hasPrefix("linker ")
        }
        if let traceable = try? TraceableRule(
            rule: rule, definitions: PatternComposer(definitions: ruleSet.definitions))
        {
            let files = RuleFileIndex()
            for sentence in candidates {
                // Attempts that got past at least one item of the rule's own pattern.
                let attempts: [MatchTrace.Attempt]
                do {
                    attempts = try traceable.failedAttempts(in: sentence, of: document, matcher: matcher)
                        .filter { $0.mainItem.subjectOffset > $0.start }
                } catch {
                    warnings.append(
                        "the trace of the sentence from character \(document.codePointOffset(ofByte: sentence.lowerBound)) stopped: \(error)"
                    )
                    continue
                }
                guard let best = attempts.max(by: { $0.progress < $1.progress }) else { continue }
                misses.append(traceSentence(sentence, best, traceable, files: files, in: document, matcher: matcher))
            }
        }
        return RuleExplanation(
            rule: rule.id, field: rule.field, location: rule.location, text: document,
            notRun: notRun, matches: matches, misses: misses, candidateSentences: candidates.count,
            warnings: warnings)
    }

    /// Rule `id`'s pattern with every shared definition it calls, as PCRE2 compiles it.
    public func expandedPattern(ofRule id: String) throws(UnknownRuleError) -> String {
        PatternComposer(definitions: ruleSet.definitions).expanded(try rule(id).patternText)
    }

    private func rule(_ id: String) throws(UnknownRuleError) -> Rule {
        guard let rule = ruleSet.rule(withID: id) else {
            throw UnknownRuleError(description: "no rule '\(id)'\(ruleSet.hint(forUnknownRuleID: id))")
        }
        return rule
    }

    private func explainMatch(
        _ rule: Rule, at range: Range<Int>, facts: [Fact], rejection: String?,
        in document: DocumentText, matcher: Matcher
    ) -> ExplainedMatch {
        let match = document.bytes.withUnsafeBufferPointer { bytes in
            (try? matcher.firstMatch(of: rule.pattern, in: bytes, from: range.lowerBound, anchored: true)) ?? nil
        }
        var captures: [(group: String, text: String)] = []
        var values: [ValueDerivation] = []
        if let match {
            let own = rule.pattern.groupNumbers.filter { ruleSet.definitions[$0.key] == nil }
                .flatMap { name, numbers in numbers.map { (name, $0) } }.sorted { $0.1 < $1.1 }
            for (name, number) in own {
                if let group = match.range(ofGroup: number) { captures.append((name, document.text(group))) }
            }
            for (name, sources) in rule.values {
                values.append(
                    derivation(of: name, from: sources, match: match, facts: facts, in: document, matcher: matcher))
            }
        }
        for name in rule.links {
            let linked = Set(facts.compactMap { $0.values[name]?.description }).sorted()
            values.append(
                ValueDerivation(
                    name: name, source: "linked", result: linked.isEmpty ? "none found" : linked.joined(separator: ", ")
                ))
        }
        return ExplainedMatch(range: range, captures: captures, values: values, facts: facts, rejection: rejection)
    }

    /// The first source that yields a value, as ``ValueBuilder`` takes it.
    private func derivation(
        of name: String, from sources: [ValueSource], match: Match, facts: [Fact],
        in document: DocumentText, matcher: Matcher
    ) -> ValueDerivation {
        var skipped: [String] = []
        for source in sources {
            switch source {
            case let .group(group, number, normalizer):
                guard let range = match.range(ofGroup: number) else {
                    skipped.append("group \(group) did not take part")
                    continue
                }
                let captured = document.text(range)
                let how = "group \(group) \"\(captured)\" → \(normalizer.name)"
                switch normalizer.normalize(captured, matcher: matcher) {
                case let .success(produced):
                    return ValueDerivation(
                        name: name, source: how, result: produced.map(\.description).joined(separator: ", "))
                case let .failure(failure):
                    return ValueDerivation(name: name, source: how, result: "failed: \(failure.message)")
                }
            case let .constant(value, whenGroup):
                if let whenGroup, match.range(ofGroup: whenGroup) == nil {
                    skipped.append("constant needs a group that did not take part")
                    continue
                }
                return ValueDerivation(name: name, source: "constant", result: value.description)
            case let .comparison(earlier, later):
                let result = Set(facts.compactMap { $0.values[name]?.description }).sorted().joined(separator: ", ")
                return ValueDerivation(
                    name: name, source: "compare \(earlier), \(later)", result: result.isEmpty ? "none" : result)
            case let .range(low, high, normalizer):
                guard let lowRange = match.range(ofGroup: low.number), let highRange = match.range(ofGroup: high.number)
                else {
                    skipped.append("range \(low.name), \(high.name): a group did not take part")
                    continue
                }
                let joined = document.text(lowRange) + "-" + document.text(highRange)
                let how = "range of groups \(low.name), \(high.name) \"\(joined)\" → \(normalizer.name)"
                switch normalizer.normalize(joined, matcher: matcher) {
                case let .success(produced):
                    return ValueDerivation(
                        name: name, source: how, result: produced.map(\.description).joined(separator: ", "))
                case let .failure(failure):
                    return ValueDerivation(name: name, source: how, result: "failed: \(failure.message)")
                }
            }
        }
        return ValueDerivation(name: name, source: skipped.joined(separator: "; "), result: "none")
    }

    private func traceSentence(
        _ sentence: Range<Int>, _ attempt: MatchTrace.Attempt, _ traceable: TraceableRule,
        files: RuleFileIndex, in document: DocumentText, matcher: Matcher
    ) -> SentenceTrace {
        let main = traceable.place(of: attempt.mainItem, files: files)
        let inner = traceable.place(of: attempt.furthest, files: files)
        let matched = attempt.start..<attempt.furthestSubjectOffset
        let check = ContextCheck(document: document, matcher: matcher)
        var context: [String] = []
        for condition in traceable.rule.conditions {
            let region = check.region(condition.scope, match: matched, sentence: sentence)
            let found: Bool
            do {
                guard try check.applies(condition, to: matched) else { continue }
                found = try check.holds(condition, in: region)
            } catch {
                context.append("\(error)")
                continue
            }
            let pattern = condition.patternText.split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            .joined(separator: " ")
            switch (condition.effect, found) {
            case (.require, false): context.append("required context not found: \(pattern) (\(condition.location))")
            case (.forbid, true): context.append("forbidden context present: \(pattern) (\(condition.location))")
            default: break
            }
        }
        return SentenceTrace(
            sentence: sentence, matched: matched, expecting: main.item, location: main.location,
            inDefinition: inner.definition.map { ($0, inner.item, inner.location) }, context: context)
    }

    /// Literal words (three letters or more) of a pattern, lower-cased:
    /// what a sentence must contain to be worth tracing. Words in
    /// lookarounds, group names and subroutine calls do not count.
    static func literalWords(in pattern: String) -> [String] {
        let bytes = Array(pattern.utf8)
        let structure = PatternStructure(pattern, extended: true)
        var words: Set<String> = []
        var current: [UInt8] = []
        var inName = false
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        for (offset, byte) in bytes.enumerated() {
            let previous = offset > 0 ? bytes[offset - 1] : 0
            if isLetter(byte), !inName, !structure.isInsideLookaround(offset),
                !(current.isEmpty && previous == UInt8(ascii: "\\"))
            {
                current.append(byte)
                continue
            }
            if current.count >= 3 { words.insert(String(decoding: current, as: UTF8.self).lowercased()) }
            current = []
            // Group names and subroutine calls: (?<name>, (?&name), (?P<name>, (?'name'.
            if previous == UInt8(ascii: "?") || previous == UInt8(ascii: "P"), "<&'".utf8.contains(byte) {
                inName = true
            }
            if inName, ">)'".utf8.contains(byte) { inName = false }
        }
        if current.count >= 3 { words.insert(String(decoding: current, as: UTF8.self).lowercased()) }
        return words.sorted()
    }
}

extension ExplainedRejection {
    init(_ rejection: Rejection) {
        self.init(rule: rejection.rule, range: rejection.range, reason: rejection.reason)
    }
}
