import Foundation

/// The normalizers every rule set has. Rule files add vocabularies on top.
public enum BuiltinNormalizers {
    /// All built-in normalizers by name.
    public static let all: [String: Normalizer] = Dictionary(
        uniqueKeysWithValues: list.map { ($0.name, $0) })

    /// Whether a signed number's text holds a minus: a hyphen, the minus
    /// sign, or an en dash, which typesetting often puts for a minus.
    static func hasMinusSign(_ text: String) -> Bool {
        text.contains { $0 == "-" || $0 == "\u{2212}" || $0 == "\u{2013}" }
    }

    /// `unchanged` for a change of size zero, else the direction a fall or a rise names.
    private static func directionOfChange(
        sized text: String, otherwise direction: String
    ) -> Result<[FactValue], NormalizationFailure> {
        guard let magnitude = NumberTokenizer().numbers(in: text).first else {
            return .failure(NormalizationFailure("cannot read a number in \"\(text)\""))
        }
        return .success([.text(magnitude == 0 ? "unchanged" : direction)])
    }

    /// The first number in `text` when it is whole and at least `minimum`.
    private static func wholeNumber(
        in text: String, atLeast minimum: Double = -.infinity
    ) -> Result<[FactValue], NormalizationFailure> {
        let number = NumberTokenizer().numbers(in: text).first
        return single(text, number.flatMap { $0 >= minimum && $0 == $0.rounded() ? FactValue.number($0) : nil })
    }

    static let list: [Normalizer] = [
        // one number: `1.3`, `1,242`, `2,67`, `twelve`
        Normalizer(name: "number") { text, _ in
            single(text, NumberTokenizer().numbers(in: text).first.map(FactValue.number))
        },
        // one whole number: `12`, `Twelve`, `two hundred and eighty-four`
        Normalizer(name: "integer") { text, _ in wholeNumber(in: text) },
        // one number, negated: a decrease by `5.2` is `-5.2`
        Normalizer(name: "negative-number") { text, _ in
            single(text, NumberTokenizer().numbers(in: text).first.map { FactValue.number(-$0) })
        },
        // a count of things, a whole number of at least one: `12`, `Twelve` (`0 patients` counts no one)
        Normalizer(name: "count") { text, _ in wholeNumber(in: text, atLeast: 1) },
        // the direction of a signed change: `-4.3`, `–4.3` → decrease, `+2` → increase, `0` → unchanged
        Normalizer(name: "direction-of-change") { text, _ in
            let negative = hasMinusSign(text) || text.lowercased().contains("minus")
            return directionOfChange(sized: text, otherwise: negative ? "decrease" : "increase")
        },
        // the direction of a fall written as its size: `by 4` → decrease, `by 0` → unchanged
        Normalizer(name: "direction-of-decrease") { text, _ in directionOfChange(sized: text, otherwise: "decrease") },
        // the direction of a rise written as its size: `by 2` → increase, `by 0` → unchanged
        Normalizer(name: "direction-of-increase") { text, _ in directionOfChange(sized: text, otherwise: "increase") },
        // a number with its sign: `-4.3`, `−4.3`, `–4.3` (an en dash set as a minus), `+2`
        Normalizer(name: "signed-number") { text, _ in
            let negative = hasMinusSign(text)
            return single(text, NumberTokenizer().numbers(in: text).first.map { FactValue.number(negative ? -$0 : $0) })
        },
        // a number, a range `"12-16"` or a bound `">=3"`
        Normalizer(name: "quantity") { text, _ in
            QuantityReader().quantity(text)
        },
        // one value per list item: `1, 2 or 4` gives 1, 2 and 4
        Normalizer(name: "quantity-list") { text, _ in
            QuantityReader().quantityList(text)
        },
        // one negated number per list item: a decrease by `5.4, 4.1 and 2.2` is -5.4, -4.1 and -2.2
        Normalizer(name: "negative-number-list") { text, _ in
            QuantityReader().quantityList(text).flatMap { items in
                let negated = items.compactMap { item in
                    if case let .number(number) = item { FactValue.number(-number) } else { nil }
                }
                return negated.count == items.count
                    ? .success(negated) : .failure(NormalizationFailure("a range or bound in \"\(text)\""))
            }
        },
        // a grade from digits, Roman numerals or severity words: `III` → 3, `mild to moderate` → `"1-2"`
        Normalizer(name: "grade") { text, _ in
            QuantityReader(tokenizer: NumberTokenizer(readsRomanNumerals: true))
                .quantity(severityAsDigits(gradeInASCII(text)))
        },
        // a canonical dose unit: `mg/m(2)` → `mg/m2`, `µg/kg/min` → `mcg/kg/min`
        Normalizer(name: "unit") { text, _ in
            UnitReader.canonical(text)
        },
        // a cycle length in days: `21-day` → 21, `every 3 weeks` → 21
        Normalizer(name: "days") { text, _ in
            single(text, cycleLengthInDays(text).map(FactValue.number))
        },
        // a lower-case name without surrounding punctuation
        Normalizer(name: "name") { text, _ in
            // Most names start and end with an ASCII letter or digit: nothing to trim.
            var trimmed = hasPlainEdges(text) ? text : text.trimmingCharacters(in: nameEdges)
            // A bracket the name opens is part of it, and so is the one that closes it: `vitamin B(12)`.
            if text.hasSuffix(")"), !trimmed.hasSuffix(")"),
                trimmed.filter({ $0 == "(" }).count > trimmed.filter({ $0 == ")" }).count
            {
                trimmed += ")"
            }
            return trimmed.isEmpty
                ? .failure(NormalizationFailure("empty name")) : .success([.text(trimmed.lowercased())])
        },
        // the text as written, spaces collapsed
        Normalizer(name: "text") { text, _ in
            .success([.text(text.split(whereSeparator: \.isWhitespace).joined(separator: " "))])
        },
    ]

    /// Whether `text` starts and ends with an ASCII letter or digit.
    private static func hasPlainEdges(_ text: String) -> Bool {
        func isPlain(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
        }
        return isPlain(text.utf8.first) && isPlain(text.utf8.last)
    }

    /// What a name loses at either end (built once: building it per call was a hot spot).
    private static let nameEdges = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)

    private static func single(_ text: String, _ value: FactValue?) -> Result<[FactValue], NormalizationFailure> {
        value.map { .success([$0]) } ?? .failure(NormalizationFailure("cannot read a number in \"\(text)\""))
    }

    private static let severityGrades: [(String, String)] = [
        ("life-threatening", "4"), ("life threatening", "4"), ("mild", "1"), ("moderate", "2"),
        ("severe", "3"), ("fatal", "5"),
    ]

    /// The Roman numerals of Unicode's Number Forms block (`Ⅲ`, `ⅳ`), one character each, as ASCII letters
    /// (`III`, `IV`), a tilde between grades as a dash (`1~2` → `1-2`), and a bound written as a word after the
    /// grade (`3 plus`) as the sign (`3+`).
    static func gradeInASCII(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2160...0x216B: result += romanNumerals[Int(scalar.value - 0x2160)]
            case 0x2170...0x217B: result += romanNumerals[Int(scalar.value - 0x2170)]
            // A tilde or a wave dash joins a range as Chinese journals write it: `Ⅰ~Ⅱ`, `1～2`.
            case 0x7E, 0x301C, 0xFF5E: result += "-"
            default: result.unicodeScalars.append(scalar)
            }
        }
        if let range = result.range(of: #"\s+plus$"#, options: [.regularExpression, .caseInsensitive]) {
            result.replaceSubrange(range, with: "+")
        }
        return result
    }

    private static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

    /// `mild to moderate` → `1 to 2`, so the quantity reader sees a range.
    /// The rest keeps its case: a lone capital `I` is a Roman one.
    static func severityAsDigits(_ text: String) -> String {
        var result = text
        for (word, grade) in severityGrades {
            result = result.replacingOccurrences(of: word, with: " \(grade) ", options: .caseInsensitive)
        }
        return result
    }

    /// `21-day`, `28 days`, `3-week`, `every 3 weeks`, `three-weekly`, `weekly`, `q3w`, `q21d`,
    /// `every other week` (14).
    static func cycleLengthInDays(_ text: String) -> Double? {
        let lowered = text.lowercased()
        let number = NumberTokenizer().numbers(in: lowered).first
        let weeksAbbreviated = lowered.hasPrefix("q") && lowered.hasSuffix("w")
        if lowered.contains("week") || lowered.contains("wk") || weeksAbbreviated {
            if lowered.contains("biweekly") || lowered.contains("fortnight") { return 14 }
            let everyOther = number == nil && (lowered.contains("other") || lowered.contains("second"))
            return (number ?? (everyOther ? 2 : 1)) * 7
        }
        if lowered.contains("fortnight") { return 14 }
        if lowered.contains("day") || lowered.contains("d") { return number }
        return nil
    }
}
