import GleanRegex

/// Finds a rule's matches in a document: every non-overlapping match of its
/// pattern, left to right, that starts in one of the regions it may be
/// searched in. For a rule with a ``MatchAnchor`` the same matches are found
/// faster: the pattern is tried anchored at each word a match can start at,
/// and for counts the digit-led pattern searches the digits in between.
enum RuleMatching {
    /// Calls `body` with each match of `rule` that starts in one of `regions`
    /// (ascending; the text around them is still seen). `words` are the
    /// document's words; its number words are found once, in `numberWords`.
    static func forEachMatch(
        of rule: Rule, in subject: UnsafeBufferPointer<UInt8>, within regions: [Range<Int>],
        words: DocumentWords, numberWords: inout [Int]?, matcher: Matcher,
        _ body: (Match) throws -> Void
    ) throws {
        guard !regions.isEmpty else { return }
        var wordStarts: [Int] = []
        if let anchor = rule.anchor {
            if anchor.start == .count {
                // The same for every rule anchored at counts: found in the whole document, once.
                wordStarts = numberWords ?? anchor.words.positions(among: words, in: subject, within: nil)
                numberWords = wordStarts
            } else {
                wordStarts = anchor.words.positions(among: words, in: subject, within: regions)
            }
        }
        // A match may run past its region's end: the next region starts after it.
        var searchedTo = 0
        for region in regions where max(region.lowerBound, searchedTo) < region.upperBound {
            let from = max(region.lowerBound, searchedTo)
            searchedTo = try forEachMatch(
                of: rule, in: subject, within: from..<region.upperBound,
                wordStarts: wordStarts, matcher: matcher, body)
        }
    }

    /// The matches in one region; returns where the search ended (the end of
    /// the last match, or the region's start).
    private static func forEachMatch(
        of rule: Rule, in subject: UnsafeBufferPointer<UInt8>, within region: Range<Int>,
        wordStarts: [Int], matcher: Matcher, _ body: (Match) throws -> Void
    ) throws -> Int {
        var searchedTo = region.lowerBound
        guard let anchor = rule.anchor else {
            try matcher.forEachMatch(
                of: rule.pattern, in: subject, from: region.lowerBound, startingBefore: region.upperBound
            ) { match in
                searchedTo = match.range.upperBound
                try body(match)
            }
            return searchedTo
        }
        var start = region.lowerBound
        var nextWord = 0
        // The leftmost digit-led match at or after `start`, once searched for.
        var digitMatch: Match?
        var digitSearched = anchor.digitLed == nil
        while start < region.upperBound {
            if let digitLed = anchor.digitLed,
                !digitSearched || (digitMatch.map { $0.range.lowerBound < start } ?? false)
            {
                digitMatch = try matcher.firstMatch(
                    of: digitLed, in: subject, from: start, startingBefore: region.upperBound)
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
            start =
                match.range.isEmpty
                ? Matcher.nextCharacter(after: match.range.lowerBound, in: subject) : match.range.upperBound
        }
        return searchedTo
    }
}
