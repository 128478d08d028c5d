/// Splits a phrase such as `between twelve and 16`, `1,242`, `2,67` or
/// `grades III/IV` into numbers and the words between them, so normalizers
/// can read counts, ranges and bounds however they are written.
struct NumberTokenizer {
    enum Token: Hashable {
        case number(Double)
        case word(String)
        case symbol(Character)
    }

    /// Whether Roman numerals (`III`) count as numbers.
    var readsRomanNumerals = false

    func tokens(of text: String) -> [Token] {
        // Most texts are one number in plain digits, `12`, `150`: read at once.
        if let plain = NumberTokenizer.plainDigits(text) { return [.number(plain)] }
        var tokens: [Token] = []
        var pendingWords: [String] = []
        func flushWords() {
            guard !pendingWords.isEmpty else { return }
            // A multiplier word right after digits scales them: `1 million IU` is 1,000,000, `2.5 thousand` 2,500.
            if pendingWords.count == 1, let multiplier = NumberWords.multipliers[pendingWords[0]], multiplier >= 1000,
                case let .number(value)? = tokens.last
            {
                tokens[tokens.count - 1] = .number(value * Double(multiplier))
            } else {
                tokens.append(contentsOf: NumberTokenizer.numberRuns(in: pendingWords))
            }
            pendingWords.removeAll()
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII, character.isNumber {
                flushWords()
                let (value, end) = NumberTokenizer.readNumeral(in: text, from: index)
                tokens.append(.number(value))
                index = end
            } else if character.isLetter {
                var end = index
                while end < text.endIndex, text[end].isLetter { end = text.index(after: end) }
                let word = text[index..<end].lowercased()
                if readsRomanNumerals, let roman = NumberWords.romanValue(word),
                    text[index].isUppercase || word.count > 1
                {
                    flushWords()
                    tokens.append(.number(Double(roman)))
                } else {
                    pendingWords.append(word)
                }
                index = end
            } else {
                // Spaces, and hyphens inside `twenty-one`, keep a run of words together.
                let joinsWords =
                    character.isWhitespace
                    || (NumberTokenizer.hyphens.contains(character) && !pendingWords.isEmpty
                        && NumberTokenizer.continuesWordNumber(text, after: index))
                if !joinsWords {
                    flushWords()
                    tokens.append(.symbol(character))
                }
                index = text.index(after: index)
            }
        }
        flushWords()
        return tokens
    }

    /// The value of a text of 1 to 15 ASCII digits and nothing else.
    private static func plainDigits(_ text: String) -> Double? {
        let utf8 = text.utf8
        guard (1...15).contains(utf8.count) else { return nil }
        var value = 0
        for byte in utf8 {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return Double(value)
    }

    /// All numbers in the text, in order.
    func numbers(in text: String) -> [Double] {
        tokens(of: text).compactMap { if case let .number(value) = $0 { value } else { nil } }
    }

    /// What joins `twenty-one`: the ASCII hyphen-minus and the Unicode hyphens
    /// (U+2010, the non-breaking U+2011) that typeset abstracts carry.
    private static let hyphens: Set<Character> = ["-", "\u{2010}", "\u{2011}"]

    /// `twenty-one`: a hyphen between number words joins them, and so does
    /// one before an `and` that a number word follows (`three-hundred-and-six`).
    private static func continuesWordNumber(_ text: String, after hyphen: String.Index) -> Bool {
        var end = text.index(after: hyphen)
        var word = ""
        while end < text.endIndex, text[end].isLetter {
            word.append(text[end])
            end = text.index(after: end)
        }
        let lowered = word.lowercased()
        if lowered == "and", end < text.endIndex, hyphens.contains(text[end]) || text[end] == " " {
            return continuesWordNumber(text, after: end)
        }
        return NumberWords.isNumberWord(lowered)
    }

    /// Turns a run of words into number tokens where consecutive words form a
    /// number (`two hundred and eighty four`), and word tokens elsewhere.
    private static func numberRuns(in words: [String]) -> [Token] {
        var result: [Token] = []
        var index = 0
        while index < words.count {
            // The longest run starting here that reads as one number.
            var best: (end: Int, value: Int)?
            var end = index
            while end < words.count, NumberWords.isNumberWord(words[end]) || (words[end] == "and" && end > index) {
                end += 1
                if let value = NumberWords.value(of: Array(words[index..<end])), words[end - 1] != "and" {
                    best = (end, value)
                }
            }
            if let best {
                result.append(.number(Double(best.value)))
                index = best.end
            } else {
                result.append(.word(words[index]))
                index += 1
            }
        }
        return result
    }

    /// What stands between thousands in `15 000`: a space, a no-break space
    /// (U+00A0), a thin space (U+2009) or a narrow no-break space (U+202F).
    private static let thousandsSpaces: Set<Character> = [" ", "\u{A0}", "\u{2009}", "\u{202F}"]

    /// The three digits after a thousands space at `space` and where they end,
    /// if exactly three digits follow it (`15 000`, not `1 2` or `1 2000`).
    private static func thousandsGroup(
        in text: String, after space: String.Index
    ) -> (digits: String, end: String.Index)? {
        var end = text.index(after: space)
        var group = ""
        while end < text.endIndex, text[end].isASCII, text[end].isNumber, group.count <= 3 {
            group.append(text[end])
            end = text.index(after: end)
        }
        return group.count == 3 ? (group, end) : nil
    }

    /// Reads `1,242`, `40.000` and `15 000` (thousands), `2,67` and `1·3` (decimal marks) and `10.5`.
    private static func readNumeral(in text: String, from start: String.Index) -> (Double, String.Index) {
        var digits = ""
        var index = start
        func readDigits() -> String {
            var run = ""
            while index < text.endIndex, text[index].isASCII, text[index].isNumber {
                run.append(text[index])
                index = text.index(after: index)
            }
            return run
        }
        digits = readDigits()
        // Thousands set apart by spaces follow a head of one to three digits and
        // only other such groups: `100 000 IU`, `1 000 000`, not `1,000 000`.
        var spacesJoinThousands = digits.count <= 3 && !digits.hasPrefix("0")
        while index < text.endIndex {
            let mark = text[index]
            if thousandsSpaces.contains(mark) {
                guard spacesJoinThousands, let group = thousandsGroup(in: text, after: index) else { break }
                digits += group.digits
                index = group.end
                continue
            }
            spacesJoinThousands = false
            guard mark == "," || mark == "." || mark == "·" else { break }
            let afterMark = text.index(after: index)
            guard afterMark < text.endIndex, text[afterMark].isASCII, text[afterMark].isNumber else { break }
            let save = index
            index = afterMark
            let run = readDigits()
            if mark == ",", run.count == 3 {
                digits += run  // thousands separator
            } else if mark == ".", run == "000", !digits.isEmpty, !digits.hasPrefix("0"), !digits.contains(".") {
                digits += run  // European thousands: 40.000 IU
            } else if mark == ",", digits.count <= 3, run.count <= 2, !digits.contains(".") {
                digits += "." + run  // decimal comma
                break
            } else if mark != ",", !digits.contains(".") {
                digits += "." + run
                break
            } else {
                index = save
                break
            }
        }
        return (Double(digits) ?? 0, index)
    }
}
