/// English number words and Roman numerals, as abstracts write counts.
enum NumberWords {
    static let units: [String: Int] = [
        "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "both": 2, "three": 3,
        "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    ]
    /// Words that only count as numbers next to a real number word
    /// (`a hundred`, `no`), never alone.
    static let weakWords: Set<String> = ["a", "an", "no", "both", "single"]
    static let multipliers: [String: Int] = ["hundred": 100, "thousand": 1000, "million": 1_000_000]

    /// The value of a run of number words such as `["two", "hundred", "and",
    /// "eighty", "four"]`; `nil` when the words do not form one number:
    /// `six and four` and `twenty thirty` are two numbers. `and` follows only
    /// a `hundred` or `thousand`, and a word below a hundred only joins one
    /// that leaves room for it (`twenty` takes `one`, `hundred` takes `four`).
    static func value(of words: [String]) -> Int? {
        var total = 0
        var current = 0
        var sawNumber = false
        var afterMultiplier = false
        for word in words {
            if word == "and" {
                guard afterMultiplier else { return nil }
                continue
            }
            if let unit = units[word] {
                let belowHundred = current % 100
                let joins = belowHundred == 0 || (unit < 10 && belowHundred >= 20 && belowHundred % 10 == 0)
                guard joins else { return nil }
                current += unit
                sawNumber = sawNumber || !weakWords.contains(word)
                afterMultiplier = false
            } else if let multiplier = multipliers[word] {
                current = max(current, 1) * multiplier
                if multiplier >= 1000 {
                    total += current
                    current = 0
                }
                sawNumber = true
                afterMultiplier = true
            } else {
                return nil
            }
        }
        return sawNumber ? total + current : nil
    }

    static func isNumberWord(_ word: String) -> Bool {
        units[word] != nil || multipliers[word] != nil
    }

    private static let romanDigits: [Character: Int] = ["i": 1, "v": 5, "x": 10]

    /// The value of a Roman numeral from I to XXX (`iii` → 3, `IV` → 4).
    static func romanValue(_ text: String) -> Int? {
        let lowered = text.lowercased()
        guard !lowered.isEmpty, lowered.count <= 5 else { return nil }
        var total = 0
        var previous = 0
        for character in lowered.reversed() {
            guard let digit = romanDigits[character] else { return nil }
            total += digit < previous ? -digit : digit
            previous = max(previous, digit)
        }
        return total > 0 ? total : nil
    }
}
