/// A definition written as a list of words, `people: {words: [patient,
/// patients, women, ...]}`, compiled into one prefix tree:
/// `(?:p(?:atient(?:s)?|eople)|women)`. PCRE2 tries the alternatives of a
/// group one after another, so a long alternation of words costs a test per
/// word at every position it is tried; the tree tests each character once.
/// Where one word continues another, the longer is tried first.
///
/// Words hold letters, digits, `-` and `'`; a space matches any run of
/// white space. Case follows the pattern that calls the list, unless the
/// list says `caseless: true`.
enum WordList {
    /// The first character a word may not hold, if any.
    static func invalidCharacter(in word: String) -> Character? {
        word.first { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == " ") }
    }

    /// The words as one group, for a pattern in extended mode.
    static func pattern(_ words: [String], caseless: Bool = false) -> String {
        // Sorted token by token, the words that share a beginning lie side by side, a word before its continuations.
        let sorted = Set(words.map(tokens(of:))).sorted { $0.lexicographicallyPrecedes($1) }
        var text = caseless ? "(?i:" : "(?:"
        writeAlternatives(sorted[...], at: 0, into: &text)
        text += ")"
        return text
    }

    /// A word's characters as pattern text, each run of spaces as `\s+`.
    private static func tokens(of word: String) -> [String] {
        var tokens: [String] = []
        var afterSpace = false
        for character in word {
            if character == " " {
                afterSpace = !tokens.isEmpty
                continue
            }
            if afterSpace { tokens.append(#"\s+"#) }
            afterSpace = false
            tokens.append(String(character))
        }
        return tokens
    }

    /// The branches of `words` (sorted, sharing their first `depth` tokens,
    /// each longer than that), one per token at `depth`, in the order of
    /// those tokens, joined by `|`.
    private static func writeAlternatives(_ words: ArraySlice<[String]>, at depth: Int, into text: inout String) {
        var start = words.startIndex
        while start < words.endIndex {
            let token = words[start][depth]
            var end = start + 1
            while end < words.endIndex, words[end][depth] == token { end += 1 }
            if start > words.startIndex { text += "|" }
            text += token
            writeContinuations(words[start..<end], after: depth + 1, into: &text)
            start = end
        }
    }

    /// What follows the first `depth` tokens that `words` (sorted) share:
    /// the continuations first, and the end of a word (an empty
    /// alternative) last, so longer words win.
    private static func writeContinuations(_ words: ArraySlice<[String]>, after depth: Int, into text: inout String) {
        let endsWord = words[words.startIndex].count == depth
        let continuations = endsWord ? words.dropFirst() : words
        guard let first = continuations.first, let last = continuations.last else { return }
        if !endsWord, first[depth] == last[depth] {
            text += first[depth]
            writeContinuations(continuations, after: depth + 1, into: &text)
            return
        }
        text += "(?:"
        writeAlternatives(continuations, at: depth, into: &text)
        text += endsWord ? ")?" : ")"
    }
}
