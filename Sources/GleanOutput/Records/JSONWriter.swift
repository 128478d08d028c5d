import GleanCore

/// Writes JSON text by hand: fast, no intermediate objects, and keys in the
/// order the caller gives (FIELDS.md records read best in a fixed order).
/// The text is gathered as UTF-8 bytes, made a string once at the end.
package struct JSONWriter {
    private var bytes: [UInt8] = []

    package init() { bytes.reserveCapacity(512) }

    /// The JSON text written so far.
    package var output: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        guard Self.needsEscaping(text) else {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": raw("\\\"")
            case "\\": raw("\\\\")
            case "\n": raw("\\n")
            case "\r": raw("\\r")
            case "\t": raw("\\t")
            case "\u{2028}": raw("\\u2028")
            case "\u{2029}": raw("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether `text` holds a quote, a backslash, a control character or a
    /// line or paragraph separator (E2 80 A8/A9 in UTF-8): most texts do not,
    /// and go out in one piece.
    private static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0xE2 }
    }

    package mutating func value(_ value: FactValue) {
        switch value {
        case .number, .flag: raw(value.description)
        case let .text(text): string(text)
        case .range, .atLeast: string(value.description)
        }
    }

    package mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// `,"name":`, the key of an object's member after its first.
    package mutating func nextKey(_ name: String) {
        bytes.append(UInt8(ascii: ","))
        key(name)
    }

    /// `[...]`: each of `items` written by `element`, separated by commas.
    package mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A fact's values as an object, in their order.
    package mutating func values(_ values: FactValues) {
        raw("{")
        for (position, (name, value)) in values.enumerated() {
            if position > 0 { raw(",") }
            key(name)
            self.value(value)
        }
        raw("}")
    }

    /// A fact as FIELDS.md "Output record" writes it: field, values, rule, text, start, end.
    package mutating func fact(_ fact: Fact) {
        raw("{")
        key("field")
        string(fact.field)
        nextKey("values")
        values(fact.values)
        nextKey("rule")
        string(fact.rule)
        nextKey("text")
        string(fact.text)
        nextKey("start")
        raw(String(fact.start))
        nextKey("end")
        raw(String(fact.end))
        raw("}")
    }
}
