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
        let root = Branch()
        for word in words {
            var branch = root
            for token in tokens(of: word) {
                let next = branch.next[token] ?? Branch()
                branch.next[token] = next
                branch = next
            }
            branch.endsWord = true
        }
        return (caseless ? "(?i:" : "(?:") + root.alternatives.joined(separator: "|") + ")"
    }

    /// A word's characters as pattern text, each run of spaces as `\s+`.
    private static func tokens(of word: String) -> [String] {
        Array(word.split(separator: " ").map { $0.map(String.init) }.joined(separator: [#"\s+"#]))
    }

    private final class Branch {
        var next: [String: Branch] = [:]
        var endsWord = false

        /// Each branch below this point, as pattern text.
        var alternatives: [String] { next.keys.sorted().map { $0 + next[$0]!.pattern } }

        /// The words below this point: continuations first, and the end of a
        /// word (an empty alternative) last, so longer words win.
        var pattern: String {
            let continuations = alternatives
            if continuations.isEmpty { return "" }
            if endsWord { return "(?:" + continuations.joined(separator: "|") + ")?" }
            if continuations.count == 1 { return continuations[0] }
            return "(?:" + continuations.joined(separator: "|") + ")"
        }
    }
}
