import Synchronization

/// Reads a dose unit as abstracts write it (`mg/m(2)`, `µg/kg/min`, `mg per
/// square meter of body surface area`, `mg daily`) and writes the canonical
/// unit of FIELDS.md: base unit, then `/kg` or `/m2`, then `/d`, `/wk`, `/h`
/// or `/min`.
enum UnitReader {
    private static let baseUnits: [String: String] = [
        "mg": "mg", "milligram": "mg", "milligrams": "mg", "milligramme": "mg", "milligrammes": "mg",
        "g": "g", "gm": "g", "gram": "g", "grams": "g", "gramme": "g", "grammes": "g",
        "mcg": "mcg", "µg": "mcg", "μg": "mcg", "ug": "mcg", "microg": "mcg", "mug": "mcg",
        "microgram": "mcg", "micrograms": "mcg", "γ": "mcg",
        "ng": "ng", "nanogram": "ng", "nanograms": "ng",
        "kg": "kg", "ml": "mL", "millilitre": "mL", "milliliter": "mL", "millilitres": "mL", "milliliters": "mL",
        "l": "L", "litre": "L", "liter": "L", "litres": "L", "liters": "L", "µl": "mcL", "μl": "mcL",
        "iu": "IU", "units": "U", "unit": "U", "u": "U", "miu": "mIU", "kiu": "kIU", "mu": "MU",
        "gy": "Gy", "cgy": "cGy", "mbq": "MBq", "gbq": "GBq", "mci": "mCi", "meq": "mEq", "mmol": "mmol",
    ]
    private static let perBody: [String: String] = [
        "kg": "/kg", "kilogram": "/kg", "kilograms": "/kg", "m2": "/m2", "m²": "/m2", "m^2": "/m2", "m(2)": "/m2",
        "sqm": "/m2",
        "square": "/m2", "bsa": "/m2", "body": "",
    ]
    private static let perTime: [String: String] = [
        "d": "/d", "day": "/d", "days": "/d", "daily": "/d", "24h": "/d", "24hr": "/d", "24hours": "/d",
        // Once daily as prescriptions abbreviate it.
        "qd": "/d", "od": "/d",
        "wk": "/wk", "week": "/wk", "weekly": "/wk", "w": "/wk",
        "h": "/h", "hr": "/h", "hour": "/h", "hourly": "/h", "min": "/min", "minute": "/min",
    ]
    /// Words that may stand between the parts without changing the unit.
    private static let fillers: Set<String> = [
        "per", "a", "an", "of", "once", "surface", "area", "meter", "metre", "meters", "metres",
        "body", "weight", "bw", "day", "in", "divided", "doses", "every",
        // The weight a dose per kg is reckoned on: "μg/kg ideal bodyweight per h".
        "bodyweight", "ideal", "actual", "lean", "predicted",
    ]

    /// The base unit of a canonical unit in millions, `MIU/d` → `IU/d`,
    /// `MU/m2` → `U/m2` (the capital tells millions from thousandths,
    /// `mIU`); nil for any other unit.
    static func baseOfMillions(_ unit: String) -> String? {
        guard unit.hasPrefix("MIU") || unit.hasPrefix("MU") else { return nil }
        return String(unit.dropFirst())
    }

    static func canonical(_ text: String) -> Result<[FactValue], NormalizationFailure> {
        if let known = readBefore.withLock({ $0[text] }) { return known }
        let read = read(text)
        readBefore.withLock { if $0.count < readBeforeLimit { $0[text] = read } }
        return read
    }

    /// Units read before, by text: a batch meets a few hundred spellings of
    /// units thousands of times (kept for the first `readBeforeLimit` of them).
    private static let readBefore = Mutex<[String: Result<[FactValue], NormalizationFailure>]>([:])
    private static let readBeforeLimit = 4096

    private static func read(_ text: String) -> Result<[FactValue], NormalizationFailure> {
        var words = tokenize(text)
        // The one unit written in two words: "international units" is IU.
        if words.count >= 2, words[0] == "international", words[1] == "units" || words[1] == "unit" {
            words.replaceSubrange(0..<2, with: ["iu"])
        }
        // Once daily with points, "o.d." and "q.d.": one word, as "od" and "qd".
        if let index = words.firstIndex(where: { $0 == "o" || $0 == "q" }), index + 1 < words.count,
            words[index + 1] == "d"
        {
            words.replaceSubrange(index...(index + 1), with: [words[index] + "d"])
        }
        guard let first = words.first, var base = baseUnits[first] else {
            return .failure(NormalizationFailure("unknown unit \"\(text)\""))
        }
        // Milli- and million units differ only in the written case, which the base keeps: "mU/m2/min" and "3 MU",
        // "mIU/mL" and "3 MIU".
        if first == "mu" || first == "miu" { base = (text.hasPrefix("M") ? "M" : "m") + base.dropFirst() }
        var body = ""
        var time = ""
        for word in words.dropFirst() {
            if body.isEmpty, time.isEmpty, let per = perBody[word], !per.isEmpty {
                body = per
            } else if time.isEmpty, let per = perTime[word] {
                time = per
            } else if !fillers.contains(word), perBody[word] == nil {
                return .failure(NormalizationFailure("cannot read \"\(word)\" in unit \"\(text)\""))
            }
        }
        return .success([.text(base + body + time)])
    }

    /// Lower-cased unit words: `mg/m(2)` → `mg m2`, `mg/24 h` → `mg 24h`,
    /// `µg kg−1 min−1` → `µg kg min`. One pass, no Foundation: this runs for
    /// every dose found.
    static func tokenize(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func finish() {
            guard !current.isEmpty else { return }
            words.append(current)
            current = ""
        }
        let characters = Array(text.lowercased())
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let rest = characters[index...]
            if let exponent = exponentLength(rest) {
                // m−2 / m(-2) / m^-2 / m⁻² / m2: square metres; a -1 exponent means "per".
                if current == "m", exponent.power == 2 { current = "m2" }
                finish()
                index += exponent.length
                continue
            }
            switch character {
            case "(" where rest.starts(with: ["(", "2", ")"]) && current == "m":
                current = "m2"
                index += 3
                continue
            case "²" where current == "m", "2" where current == "m":
                current = "m2"
            case "/", " ", ".", "-", "·", "\u{00A0}", "(", ")", "^":
                finish()
            default:
                if character.isNumber, current.isEmpty || current.allSatisfy(\.isNumber) {
                    current.append(character)
                } else if character.isNumber {
                    finish()
                    current.append(character)
                } else if !current.isEmpty, current.allSatisfy(\.isNumber), current != "24" {
                    finish()
                    current.append(character)
                } else {
                    current.append(character)
                }
            }
            index += 1
        }
        finish()
        // "24 h", "24-hour": per day.
        var merged: [String] = []
        for word in words {
            if let last = merged.last, last == "24", ["h", "hr", "hrs", "hour", "hours"].contains(word) {
                merged[merged.count - 1] = "24h"
            } else if word.hasPrefix("24"), ["24h", "24hr", "24hrs", "24hours"].contains(word) {
                merged.append("24h")
            } else {
                merged.append(word)
            }
        }
        return merged
    }

    /// A written exponent at the start of `characters`: `−1`, `-2`, `(-1)`, `^-2`, `⁻¹`.
    private static func exponentLength(_ characters: ArraySlice<Character>) -> (length: Int, power: Int)? {
        for (written, power) in exponentForms where characters.starts(with: written) {
            // A minus followed by 1 or 2 and then no further digit.
            let next = characters.dropFirst(written.count).first
            if next?.isNumber != true { return (written.count, power) }
        }
        return nil
    }

    private static let exponentForms: [([Character], Int)] = [
        (["−", "1"], 1), (["-", "1"], 1), (["(", "-", "1", ")"], 1), (["(", "−", "1", ")"], 1), (["^", "-", "1"], 1),
        (["⁻", "¹"], 1),
        (["−", "2"], 2), (["-", "2"], 2), (["(", "-", "2", ")"], 2), (["(", "−", "2", ")"], 2), (["^", "-", "2"], 2),
        (["⁻", "²"], 2),
        (["^", "2"], 2),
    ]
}
