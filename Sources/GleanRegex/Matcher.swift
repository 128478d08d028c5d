internal import CPCRE2

/// The per-thread half of matching: PCRE2 match data, a match context with
/// limits, and a JIT stack. A matcher is cheap to reuse and must not be
/// shared between threads; patterns are.
public final class Matcher {
    /// Backtracking steps allowed per match attempt before it fails with
    /// ``MatchError/matchLimitExceeded``.
    public let matchLimit: UInt32

    let context: OpaquePointer
    private let jitStack: OpaquePointer
    private var matchData: OpaquePointer
    private var matchDataPairs: Int

    /// - Parameters:
    ///   - matchLimit: backtracking budget per attempt (PCRE2's match limit).
    ///   - jitStackSize: the most memory the JIT stack may grow to, in bytes.
    public init(matchLimit: UInt32 = 1_000_000, jitStackSize: Int = 1 << 20) {
        self.matchLimit = matchLimit
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, matchLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(jitStackSize, 32 * 1024), nil)
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        matchDataPairs = 16
        matchData = pcre2_match_data_create_8(UInt32(matchDataPairs), nil)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_jit_stack_free_8(jitStack)
        pcre2_match_context_free_8(context)
    }

    /// The first match of `pattern` in `subject` at or after byte `start`.
    /// `subject` must be valid UTF-8 (Swift strings always are). `anchored`
    /// runs PCRE2's interpreter (its JIT does not take the option at match
    /// time): compile with ``RegexOptions/anchored`` for repeated anchored use.
    ///
    /// With `limit`, only a match that starts before byte `limit` is found;
    /// a pattern compiled with ``RegexOptions/offsetLimit`` stops searching
    /// there, any other is searched to the end and its match dropped.
    public func firstMatch(
        of pattern: Pattern, in subject: UnsafeBufferPointer<UInt8>,
        from start: Int = 0, startingBefore limit: Int? = nil, notEmptyAtStart: Bool = false,
        anchored: Bool = false
    ) throws(MatchError) -> Match? {
        if let limit {
            guard limit > start else { return nil }
            if pattern.options.contains(.offsetLimit) {
                pcre2_set_offset_limit_8(context, limit - 1)
                defer { pcre2_set_offset_limit_8(context, Matcher.unset) }
                return try firstMatch(
                    of: pattern, in: subject, from: start, notEmptyAtStart: notEmptyAtStart, anchored: anchored)
            }
            let match = try firstMatch(
                of: pattern, in: subject, from: start, notEmptyAtStart: notEmptyAtStart, anchored: anchored)
            return match.flatMap { $0.range.lowerBound < limit ? $0 : nil }
        }
        ensureCapacity(for: pattern)
        var flags = UInt32(PCRE2_NO_UTF_CHECK)
        if notEmptyAtStart { flags |= UInt32(PCRE2_NOTEMPTY_ATSTART) }
        if anchored { flags |= UInt32(PCRE2_ANCHORED) }
        let readiness = pattern.jitReadiness()
        var result = run(pattern, in: subject, from: start, flags: flags, readiness: readiness)
        if case .compiling = readiness, result < 0, result != PCRE2_ERROR_NOMATCH {
            // The interpreter ran while another thread JIT-compiled the pattern, and ran into a limit the
            // JIT code may not: the answer is the JIT's, as it would be at any other time.
            result = run(pattern, in: subject, from: start, flags: flags, readiness: pattern.waitedReadiness())
        }
        if result == PCRE2_ERROR_NOMATCH { return nil }
        if result < 0 { throw Matcher.error(for: result) }
        return readMatch(groupCount: pattern.captureCount + 1)
    }

    /// One call of PCRE2 (its JIT code, or the interpreter) with the
    /// matcher's match data and context; returns PCRE2's result code.
    private func run(
        _ pattern: Pattern, in subject: UnsafeBufferPointer<UInt8>, from start: Int, flags: UInt32,
        readiness: Pattern.JITReadiness
    ) -> Int32 {
        var code = pattern.code
        switch readiness {
        case .compiled:
            if flags & UInt32(PCRE2_ANCHORED) == 0, let base = subject.baseAddress {
                // PCRE2's fast path: the checks pcre2_match makes first hold here
                // (valid UTF-8, JIT code for these options), and most calls find nothing.
                return pcre2_jit_match_8(code, base, subject.count, start, flags, matchData, context)
            }
        case .refused: break
        case .compiling(let copy): code = copy
        }
        if let base = subject.baseAddress {
            return pcre2_match_8(code, base, subject.count, start, flags, matchData, context)
        }
        // An empty subject still needs a valid pointer.
        var empty: UInt8 = 0
        return pcre2_match_8(code, &empty, 0, start, flags, matchData, context)
    }

    /// Every non-overlapping match of `pattern` in `subject`, left to right,
    /// from byte `start` on and starting before byte `limit` (the whole
    /// subject is still seen, by lookbehinds and lookaheads; see
    /// ``firstMatch(of:in:from:startingBefore:notEmptyAtStart:anchored:)``
    /// for what the limit costs). An empty match
    /// is followed by an attempt one character further on, so the scan
    /// always ends.
    public func forEachMatch(
        of pattern: Pattern, in subject: UnsafeBufferPointer<UInt8>,
        from start: Int = 0, startingBefore limit: Int? = nil,
        _ body: (Match) throws -> Void
    ) throws {
        var start = start
        var previousWasEmpty = false
        while start <= subject.count {
            guard
                let match = try firstMatch(
                    of: pattern, in: subject, from: start,
                    startingBefore: limit,
                    notEmptyAtStart: previousWasEmpty, anchored: previousWasEmpty)
            else {
                guard previousWasEmpty else { return }
                start = Matcher.nextCharacter(after: start, in: subject)
                previousWasEmpty = false
                continue
            }
            try body(match)
            previousWasEmpty = match.range.isEmpty
            start = match.range.upperBound
        }
    }

    /// Convenience for arrays: every match of `pattern` in `subject`.
    public func matches(of pattern: Pattern, in subject: [UInt8]) throws -> [Match] {
        var found: [Match] = []
        try subject.withUnsafeBufferPointer { buffer in
            try forEachMatch(of: pattern, in: buffer) { found.append($0) }
        }
        return found
    }

    private func ensureCapacity(for pattern: Pattern) {
        let pairs = pattern.captureCount + 1
        guard pairs > matchDataPairs else { return }
        pcre2_match_data_free_8(matchData)
        matchDataPairs = pairs
        matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
    }

    private func readMatch(groupCount: Int) -> Match {
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(groupCount)
        for group in 0..<groupCount {
            let lower = ovector[2 * group]
            let upper = ovector[2 * group + 1]
            groups.append(lower == Matcher.unset || upper < lower ? nil : lower..<upper)
        }
        let mark = pcre2_get_mark_8(matchData).map { String(cString: $0) }
        return Match(groups: groups, mark: mark, attemptStart: pcre2_get_startchar_8(matchData))
    }

    /// PCRE2_UNSET, `~(size_t)0`, as Swift imports `size_t`.
    static let unset = Int(bitPattern: UInt.max)

    static func error(for code: Int32) -> MatchError {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: .matchLimitExceeded
        case PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT: .depthLimitExceeded
        case PCRE2_ERROR_JIT_STACKLIMIT: .jitStackExhausted
        default: .failed(code: code, message: PCRE2Message.text(for: code))
        }
    }

    /// The byte offset of the character after the one starting at `offset`.
    public static func nextCharacter(after offset: Int, in subject: UnsafeBufferPointer<UInt8>) -> Int {
        var next = offset + 1
        while next < subject.count, subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
