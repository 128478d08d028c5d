import GleanRegex
import XCTest
@testable import GleanCore

final class NormalizerTests: XCTestCase {
    private func normalize(_ name: String, _ text: String) -> [FactValue]? {
        try? BuiltinNormalizers.all[name]!.normalize(text, matcher: Matcher()).get()
    }

    func testNumbersFromDigitsAndWords() {
        XCTAssertEqual(normalize("number", "1.3"), [.number(1.3)])
        XCTAssertEqual(normalize("number", "1,242"), [.number(1242)])
        XCTAssertEqual(normalize("number", "2,67"), [.number(2.67)])
        XCTAssertEqual(normalize("number", "11·3"), [.number(11.3)])
        XCTAssertEqual(normalize("number", "40.000"), [.number(40000)])
        XCTAssertEqual(normalize("integer", "Twelve"), [.number(12)])
        XCTAssertEqual(normalize("integer", "twenty-one"), [.number(21)])
        XCTAssertEqual(normalize("integer", "One hundred thirty\u{2010}two"), [.number(132)])
        XCTAssertEqual(normalize("integer", "Forty eight"), [.number(48)])
        XCTAssertEqual(normalize("integer", "Two hundred and eighty-four"), [.number(284)])
        XCTAssertEqual(normalize("integer", "Three-hundred-and-six"), [.number(306)])
        XCTAssertEqual(normalize("integer", "one thousand two hundred"), [.number(1200)])
        XCTAssertNil(normalize("integer", "1.5"))
        XCTAssertEqual(normalize("count", "Forty eight"), [.number(48)])
        XCTAssertNil(normalize("count", "0"))
        XCTAssertNil(normalize("count", "2.5"))
        XCTAssertEqual(normalize("negative-number", "5.2"), [.number(-5.2)])
        XCTAssertEqual(normalize("signed-number", "-3.1"), [.number(-3.1)])
        XCTAssertEqual(normalize("signed-number", "\u{2212}3.1"), [.number(-3.1)])
        XCTAssertEqual(normalize("signed-number", "\u{2013}3.8"), [.number(-3.8)])
        XCTAssertEqual(normalize("signed-number", "+2"), [.number(2)])
        XCTAssertEqual(normalize("direction-of-change", "\u{2013}3.8"), [.text("decrease")])
        XCTAssertEqual(normalize("direction-of-change", "+2"), [.text("increase")])
        XCTAssertEqual(normalize("direction-of-decrease", "4.1"), [.text("decrease")])
        XCTAssertEqual(normalize("direction-of-decrease", "0"), [.text("unchanged")])
        XCTAssertEqual(normalize("direction-of-increase", "0.0"), [.text("unchanged")])
        XCTAssertEqual(normalize("direction-of-increase", "2"), [.text("increase")])
    }

    func testQuantitiesAsNumbersRangesAndBounds() {
        XCTAssertEqual(normalize("quantity", "12-16"), [.range(low: 12, high: 16)])
        XCTAssertEqual(normalize("quantity", "12–16"), [.range(low: 12, high: 16)])
        XCTAssertEqual(normalize("quantity", "12 to 16"), [.range(low: 12, high: 16)])
        XCTAssertEqual(normalize("quantity", "between 12 and 16"), [.range(low: 12, high: 16)])
        XCTAssertEqual(normalize("quantity", "two to four"), [.range(low: 2, high: 4)])
        XCTAssertEqual(normalize("quantity", "≥3"), [.atLeast(3)])
        XCTAssertEqual(normalize("quantity", "3 or more"), [.atLeast(3)])
        XCTAssertEqual(normalize("quantity", "at least 2"), [.atLeast(2)])
        XCTAssertEqual(normalize("quantity", "8.2 ± 3.9"), [.number(8.2)])
        XCTAssertEqual(normalize("quantity", "3×105"), [.number(300_000)])
        XCTAssertEqual(normalize("quantity", "2 X 10(6)"), [.number(2_000_000)])
        XCTAssertEqual(normalize("quantity", "1.5 x 10^9"), [.number(1_500_000_000)])
        XCTAssertEqual(normalize("quantity", "5 (4, 8)"), [.number(5)])
        XCTAssertEqual(normalize("quantity-list", "1, 2 or 4"), [.number(1), .number(2), .number(4)])
        XCTAssertEqual(normalize("quantity-list", "151 vs 152"), [.number(151), .number(152)])
        // A multiplier word after digits scales them; words alone read as before.
        XCTAssertEqual(normalize("quantity", "1 million"), [.number(1_000_000)])
        XCTAssertEqual(normalize("quantity", "2.5 thousand"), [.number(2_500)])
        XCTAssertEqual(normalize("quantity", "two thousand"), [.number(2_000)])
        XCTAssertEqual(normalize("quantity", "3 hundred"), [.number(3)], "only thousands and millions scale digits")
        // A titration's steps joined by hyphens are a list; two numbers so joined stay a range.
        XCTAssertEqual(normalize("quantity-list", "5-10-15"), [.number(5), .number(10), .number(15)])
        XCTAssertEqual(normalize("quantity-list", "2.5–5–10–20"), [.number(2.5), .number(5), .number(10), .number(20)])
        XCTAssertEqual(normalize("quantity-list", "10-15"), [.range(low: 10, high: 15)])
        XCTAssertEqual(
            normalize("quantity-list", "5-10 or 15-20"), [.range(low: 5, high: 10), .range(low: 15, high: 20)])
        // Each item's spread is left out, whichever way it is written.
        XCTAssertEqual(normalize("quantity-list", "0.8 +/- 0.4 versus 1.2 +/- 0.6"), [.number(0.8), .number(1.2)])
        XCTAssertEqual(normalize("quantity-list", "29.1±6.3 vs. 18.4±4.9"), [.number(29.1), .number(18.4)])
        XCTAssertEqual(normalize("quantity-list", "93.1 [41.7] vs 50.9 [14.7, 20]"), [.number(93.1), .number(50.9)])
        // A value wholly in brackets is read inside them.
        XCTAssertEqual(
            normalize("quantity-list", "(12.6±3.1) points and (12.4±2.9) points"), [.number(12.6), .number(12.4)])
        XCTAssertEqual(normalize("quantity", "(4.3 ± 1.8) points"), [.number(4.3)])
        // Number words join only as one number is written: "six and four" is two.
        XCTAssertEqual(normalize("quantity-list", "six and four"), [.number(6), .number(4)])
        XCTAssertEqual(normalize("quantity-list", "twenty or thirty"), [.number(20), .number(30)])
        XCTAssertEqual(normalize("integer", "one hundred and four"), [.number(104)])
        XCTAssertEqual(normalize("integer", "twenty-one"), [.number(21)])
    }

    func testThousandsSetApartBySpaces() {
        XCTAssertEqual(normalize("quantity", "15 000"), [.number(15000)])
        XCTAssertEqual(normalize("quantity", "100\u{2009}000"), [.number(100_000)])
        XCTAssertEqual(normalize("quantity", "300\u{202F}000"), [.number(300_000)])
        XCTAssertEqual(normalize("quantity", "2\u{A0}000"), [.number(2000)])
        XCTAssertEqual(normalize("quantity", "1 000 000"), [.number(1_000_000)])
        XCTAssertEqual(normalize("quantity", "20 000-50 000"), [.range(low: 20000, high: 50000)])
        XCTAssertEqual(normalize("quantity-list", "5 000 or 10 000"), [.number(5000), .number(10000)])
        // Only groups of exactly three digits after a head of one to three digits.
        XCTAssertEqual(normalize("quantity-list", "1 2 3"), [.number(1)])
        XCTAssertEqual(normalize("quantity", "12 2000"), [.number(12)])
        XCTAssertEqual(normalize("quantity", "1000 000"), [.number(1000)])
        XCTAssertEqual(normalize("quantity", "1,000 000"), [.number(1000)])
        XCTAssertEqual(normalize("quantity", "0 500"), [.number(0)])
        XCTAssertEqual(normalize("number", "12 patients 000"), [.number(12)])
    }

    func testGradesFromRomanNumeralsAndSeverityWords() {
        XCTAssertEqual(normalize("grade", "III"), [.number(3)])
        XCTAssertEqual(normalize("grade", "3/4"), [.range(low: 3, high: 4)])
        XCTAssertEqual(normalize("grade", "III or IV"), [.range(low: 3, high: 4)])
        // A lone capital I is Roman, after "grade" too (the severity words are replaced in any case).
        XCTAssertEqual(normalize("grade", "Grade I"), [.number(1)])
        XCTAssertEqual(normalize("grade", "grade I-II"), [.range(low: 1, high: 2)])
        XCTAssertEqual(normalize("grade", "Mild to Moderate"), [.range(low: 1, high: 2)])
        XCTAssertEqual(normalize("grade", "3 and 4"), [.range(low: 3, high: 4)])
        XCTAssertEqual(normalize("grade", "≥3"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "> grade 2"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "3 or higher"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "> or = 3"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "> or =grade II"), [.atLeast(2)])
        XCTAssertEqual(normalize("grade", "3 or worse"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "2+"), [.atLeast(2)])
        // Unicode's Roman numerals, one character each, and "plus" after the grade.
        XCTAssertEqual(normalize("grade", "Ⅲ"), [.number(3)])
        XCTAssertEqual(normalize("grade", "Ⅲ–Ⅳ"), [.range(low: 3, high: 4)])
        XCTAssertEqual(normalize("grade", "grade ⅱ"), [.number(2)])
        XCTAssertEqual(normalize("grade", "Ⅰ~Ⅱ"), [.range(low: 1, high: 2)])
        XCTAssertEqual(normalize("grade", "3～4"), [.range(low: 3, high: 4)])
        XCTAssertEqual(normalize("grade", "3 plus"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "grade III plus"), [.atLeast(3)])
        XCTAssertEqual(normalize("grade", "3+4"), [.range(low: 3, high: 4)])
        XCTAssertEqual(normalize("grade", "mild to moderate"), [.range(low: 1, high: 2)])
        XCTAssertEqual(normalize("grade", "severe"), [.number(3)])
        XCTAssertEqual(normalize("grade", "life-threatening"), [.number(4)])
    }

    func testUnitsAreCanonical() {
        let cases: [(String, String)] = [
            ("mg", "mg"), ("mg/m2", "mg/m2"), ("mg/m²", "mg/m2"), ("mg/m(2)", "mg/m2"), ("mg/m^2", "mg/m2"),
            ("mg m−2", "mg/m2"), ("mg per square meter of body surface area", "mg/m2"),
            ("µg", "mcg"), ("μg", "mcg"), ("microg", "mcg"), ("mug", "mcg"), ("mcg/kg/min", "mcg/kg/min"),
            ("mg/kg/d", "mg/kg/d"), ("mg/kg/day", "mg/kg/d"), ("g/d", "g/d"), ("mg daily", "mg/d"),
            ("mg once daily", "mg/d"), ("mg qd", "mg/d"), ("μg OD", "mcg/d"), ("mg q.d.", "mg/d"), ("μg o.d.", "mcg/d"),
            ("mg a day", "mg/d"),
            ("mg per day", "mg/d"), ("mg/24 h", "mg/d"), ("microg per kilogram of body weight", "mcg/kg"),
            ("μg/kg ideal bodyweight per h", "mcg/kg/h"),
            ("mg/kg body weight daily", "mg/kg/d"),
            ("IU", "IU"), ("IU per week", "IU/wk"), ("international units", "IU"),
            ("International Units per day", "IU/d"),
            ("Gy", "Gy"), ("ml", "mL"), ("µg kg−1 min−1", "mcg/kg/min"),
            ("mU/m2/min", "mU/m2/min"), ("mU.m(-2).min(-1)", "mU/m2/min"), ("MU", "MU"),
            ("MIU", "MIU"), ("MIU/day", "MIU/d"), ("mIU", "mIU"),
        ]
        for (written, canonical) in cases {
            XCTAssertEqual(normalize("unit", written), [.text(canonical)], written)
        }
        XCTAssertNil(normalize("unit", "mg twice daily"))
        XCTAssertNil(normalize("unit", "mmHg"))
    }

    /// A dose's unit in millions is written as its base unit, the million moved into the amount; milli-units and
    /// other units stay as they are.
    func testUnitsInMillionsMoveIntoTheAmount() {
        let dose = FieldSchema(
            name: "dose", keys: ["amount", "unit"], attributes: ["drug"], requires: [["amount"], ["unit"]],
            amountUnit: FieldSchema.AmountUnit(amount: "amount", unit: "unit"))
        func moved(_ amount: FactValue, _ unit: String) -> [FactValue?] {
            let values = dose.movingMillions(["amount": amount, "unit": .text(unit), "drug": .text("interferon")])
            XCTAssertEqual(values["drug"], .text("interferon"))
            return [values["amount"], values["unit"]]
        }
        XCTAssertEqual(moved(.number(3), "MIU"), [.number(3_000_000), .text("IU")])
        XCTAssertEqual(moved(.number(9), "MIU/d"), [.number(9_000_000), .text("IU/d")])
        XCTAssertEqual(moved(.number(20), "MU/m2"), [.number(20_000_000), .text("U/m2")])
        XCTAssertEqual(moved(.number(0.3), "MIU"), [.number(300_000), .text("IU")])
        XCTAssertEqual(
            moved(.range(low: 4.5, high: 7.5), "MIU"), [.range(low: 4_500_000, high: 7_500_000), .text("IU")])
        XCTAssertEqual(moved(.number(10), "mIU"), [.number(10), .text("mIU")])
        XCTAssertEqual(moved(.number(10), "mU/m2/min"), [.number(10), .text("mU/m2/min")])
        XCTAssertEqual(moved(.number(2.5), "mg"), [.number(2.5), .text("mg")])
        // A field that names no amount and unit keeps its units as read.
        let plain = FieldSchema(name: "dose", keys: ["amount", "unit"], attributes: [], requires: [])
        XCTAssertEqual(plain.movingMillions(["amount": .number(3), "unit": .text("MIU")])["unit"], .text("MIU"))
    }

    func testCycleLengthsInDays() {
        XCTAssertEqual(normalize("days", "21-day"), [.number(21)])
        XCTAssertEqual(normalize("days", "every 3 weeks"), [.number(21)])
        XCTAssertEqual(normalize("days", "3-weekly"), [.number(21)])
        XCTAssertEqual(normalize("days", "q3w"), [.number(21)])
        XCTAssertEqual(normalize("days", "28 days"), [.number(28)])
        XCTAssertEqual(normalize("days", "every other week"), [.number(14)])
    }

    func testNamesAreLowerCaseWithoutPunctuation() {
        XCTAssertEqual(normalize("name", " Bortezomib,"), [.text("bortezomib")])
        XCTAssertEqual(normalize("name", "5-FU"), [.text("5-fu")])
        // A closing bracket whose opening one is in the name stays; one around it goes.
        XCTAssertEqual(normalize("name", "vitamin B(12)"), [.text("vitamin b(12)")])
        XCTAssertEqual(normalize("name", "(vitamin B12)"), [.text("vitamin b12")])
    }

    func testFactValuesCompareAsFieldsSays() {
        XCTAssertTrue(FactValue.number(20).matches(.text("20.0")))
        XCTAssertTrue(FactValue.text("12.0-16").matches(.text("12-16")))
        XCTAssertTrue(FactValue.range(low: 12, high: 16).matches(.text("12.0-16")))
        XCTAssertTrue(FactValue.atLeast(3).matches(.text(">=3.0")))
        XCTAssertFalse(FactValue.atLeast(3).matches(.number(3)))
        // Read back as FIELDS.md writes them, values are typed again; other texts stay texts.
        XCTAssertEqual(FactValue(parsing: "2-4"), .range(low: 2, high: 4))
        XCTAssertEqual(FactValue(parsing: ">=3"), .atLeast(3))
        XCTAssertEqual(FactValue(parsing: "1.5"), .number(1.5))
        XCTAssertEqual(FactValue(parsing: "4-2"), .text("4-2"))
        XCTAssertEqual(FactValue(parsing: "5-fluorouracil"), .text("5-fluorouracil"))
        XCTAssertEqual(FactValue.range(low: 12, high: 16.5).description, "12-16.5")
        XCTAssertEqual(FactValue.range(low: 2, high: 4).magnitude, 3)
        XCTAssertTrue(FactValue.text("MG/M2").matches(.text("mg/m2")))
        XCTAssertFalse(FactValue.text(">=3").matches(.number(3)))
        XCTAssertEqual(FactValue.number(20).description, "20")
        XCTAssertEqual(FactValue.number(1.3).description, "1.3")
    }
}
