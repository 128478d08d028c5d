import Foundation

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
        "kg": "/kg", "m2": "/m2", "m²": "/m2", "m^2": "/m2", "m(2)": "/m2", "sqm": "/m2",
        "square": "/m2", "bsa": "/m2", "body": "",
    ]
    private static let perTime: [String: String] = [
        "d": "/d", "day": "/d", "days": "/d", "daily": "/d", "24h": "/d", "24hr": "/d", "24hours": "/d",
        "wk": "/wk", "week": "/wk", "weekly": "/wk", "w": "/wk",
        "h": "/h", "hr": "/h", "hour": "/h", "hourly": "/h", "min": "/min", "minute": "/min",
    ]
    /// Words that may stand between the parts without changing the unit.
    private static let fillers: Set<String> = [
        "per", "a", "an", "of", "once", "surface", "area", "meter", "metre", "meters", "metres",
        "body", "weight", "bw", "day", "in", "divided", "doses",
    ]

    static func canonical(_ text: String) -> Result<[FactValue], NormalizationFailure> {
        let words = tokenize(text)
        guard let first = words.first, let base = baseUnits[first] else {
            return .failure(NormalizationFailure("unknown unit \"\(text)\""))
        }
        var body = "", time = ""
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

    /// Lower-cased unit words: `mg/m(2)` → `mg m(2)`, `mg/24 h` → `mg 24h`.
    private static func tokenize(_ text: String) -> [String] {
        var normalized = text.lowercased()
        // Exponents: m−2 is per square metre, kg−1 and min−1 are per kilogram and per minute.
        for minusTwo in ["−2", "-2", "(-2)", "(−2)", "^-2", "⁻²"] {
            normalized = normalized.replacingOccurrences(of: "m" + minusTwo, with: " m2 ")
                .replacingOccurrences(of: "m " + minusTwo, with: " m2 ")
        }
        for minusOne in ["−1", "-1", "(-1)", "(−1)", "^-1", "⁻¹"] {
            normalized = normalized.replacingOccurrences(of: minusOne, with: " ")
        }
        normalized = normalized.replacingOccurrences(of: "·", with: " ")
        for (written, canonical) in [("m(2)", " m2 "), ("m^2", " m2 "), ("m²", " m2 "), ("m 2", " m2 "),
                                     ("24 h", " 24h "), ("24-h", " 24h "), ("24 hours", " 24h "),
                                     ("24-hour", " 24h "), ("24 hr", " 24h ")] {
            normalized = normalized.replacingOccurrences(of: written, with: canonical)
        }
        return normalized
            .split(whereSeparator: { $0 == "/" || $0 == " " || $0 == "." || $0 == "-" || $0 == "\u{00A0}" })
            .map(String.init)
    }
}
