internal import CPCRE2

/// How far a pattern got in a subject: for each start position PCRE2 tried,
/// the furthest subject offset it reached and the pattern item it was about
/// to match there, which is where the attempt failed. Made by
/// ``Matcher/trace(of:in:from:definitionsStart:)``.
public struct MatchTrace: Sendable {
    /// A pattern item PCRE2 was about to match, and where in the subject.
    public struct Step: Sendable, Hashable {
        /// The item's byte offset in the pattern text.
        public let patternOffset: Int
        /// The item's length in the pattern text as PCRE2 reports it: `0` at
        /// the end of the pattern; for a group, its opening (`(?<unit>`).
        public let itemLength: Int
        /// The subject byte offset where the item was to match.
        public let subjectOffset: Int
    }

    /// One start position.
    public struct Attempt: Sendable, Hashable {
        /// The subject byte offset the attempt started at.
        public let start: Int
        /// The step at the furthest subject offset the attempt reached (the
        /// last one tried there). Steps inside lookaround assertions do not
        /// count: a failing `(?!…)` is the step, not what it peeked at.
        public let furthest: Step
        /// The item of the pattern's main part that was being matched at the
        /// furthest step: the furthest step itself, or, when that lies in the
        /// subroutine definitions, the item that called into them.
        public let mainItem: Step

        /// The furthest subject offset reached.
        public var furthestSubjectOffset: Int { furthest.subjectOffset }
        /// How many subject bytes the attempt got through.
        public var progress: Int { furthest.subjectOffset - start }
    }

    /// Every start position tried, in order; the last one matched when ``match`` is set.
    public let attempts: [Attempt]
    /// The match, when the pattern matched.
    public let match: Match?

    /// The attempt that got through the most text (the earliest on ties).
    public var best: Attempt? {
        attempts.max { $0.progress < $1.progress }
    }
}

extension Matcher {
    /// Matches `pattern` as ``firstMatch(of:in:from:notEmptyAtStart:anchored:)``
    /// does, recording how far each start position got.
    ///
    /// - Parameters:
    ///   - pattern: compiled with ``RegexOptions/autoCallout``.
    ///   - definitionsStart: where subroutine definitions begin in the
    ///     pattern text (a trailing `(?(DEFINE)…)`); steps from there on are
    ///     credited to the main-part item that called them.
    public func trace(
        of pattern: Pattern, in subject: UnsafeBufferPointer<UInt8>, from start: Int = 0,
        definitionsStart: Int? = nil
    ) throws(MatchError) -> MatchTrace {
        precondition(pattern.options.contains(.autoCallout), "trace needs a pattern compiled with .autoCallout")
        let recorder = TraceRecorder(
            structure: PatternStructure(pattern),
            definitionsStart: definitionsStart ?? pattern.source.utf8.count)
        pcre2_set_callout_8(
            context,
            { block, data in
                guard let block, let data else { return 0 }
                Unmanaged<TraceRecorder>.fromOpaque(data).takeUnretainedValue().record(block.pointee)
                return 0
            }, Unmanaged.passUnretained(recorder).toOpaque())
        defer { pcre2_set_callout_8(context, nil, nil) }
        let match = try firstMatch(of: pattern, in: subject, from: start)
        return MatchTrace(attempts: recorder.finish(), match: match)
    }
}

/// Collects callouts into attempts, one per start position.
private final class TraceRecorder {
    private let structure: PatternStructure
    private let definitionsStart: Int
    private var attempts: [MatchTrace.Attempt] = []
    private var start: Int?
    private var furthest: MatchTrace.Step?
    private var mainItem: MatchTrace.Step?
    private var currentMainItem: MatchTrace.Step?

    init(structure: PatternStructure, definitionsStart: Int) {
        self.structure = structure
        self.definitionsStart = definitionsStart
    }

    func record(_ block: pcre2_callout_block_8) {
        let step = MatchTrace.Step(
            patternOffset: block.pattern_position, itemLength: block.next_item_length,
            subjectOffset: block.current_position)
        if block.start_match != start {
            closeAttempt()
            start = block.start_match
        }
        guard !structure.isInsideLookaround(step.patternOffset) else { return }
        if step.patternOffset < definitionsStart { currentMainItem = step }
        if furthest.map({ step.subjectOffset >= $0.subjectOffset }) ?? true {
            furthest = step
            mainItem = currentMainItem ?? step
        }
    }

    func finish() -> [MatchTrace.Attempt] {
        closeAttempt()
        return attempts
    }

    private func closeAttempt() {
        if let start, let furthest, let mainItem {
            attempts.append(MatchTrace.Attempt(start: start, furthest: furthest, mainItem: mainItem))
        }
        start = nil
        furthest = nil
        mainItem = nil
        currentMainItem = nil
    }
}
