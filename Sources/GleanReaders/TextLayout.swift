/// How reader output text is laid out: whitespace inside a paragraph collapsed
/// to single spaces, paragraphs on lines of their own, and a document's title
/// separated from its abstract by a blank line.
enum TextLayout {
    /// `text` with each run of whitespace (line ends included) made one space,
    /// and none at either end.
    static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        var collapser = WhitespaceCollapser()
        for scalar in text.unicodeScalars { collapser.append(scalar) }
        return collapser.text
    }

    /// `text` split into paragraphs at its line ends, whitespace collapsed inside
    /// each, empty ones dropped.
    static func paragraphs(_ text: some StringProtocol) -> [String] {
        var paragraphs: [String] = []
        var collapser = WhitespaceCollapser()
        for scalar in text.unicodeScalars {
            if isLineBreak(scalar) {
                if !collapser.isEmpty { paragraphs.append(collapser.text) }
                collapser = WhitespaceCollapser()
            } else {
                collapser.append(scalar)
            }
        }
        if !collapser.isEmpty { paragraphs.append(collapser.text) }
        return paragraphs
    }

    /// Whether a scalar ends a line (as `Character.isNewline` has it).
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// A section of a structured abstract: `LABEL: text`, or just the text without a label.
    static func labelled(_ text: String, label: String?) -> String {
        guard let label, !label.isEmpty else { return text }
        return "\(label): \(text)"
    }

    /// The title, a blank line, then the abstract's paragraphs one per line; just
    /// one of the two when the other is missing; nil when both are.
    static func documentText(title: String, abstractParagraphs: [String]) -> String? {
        let abstract = abstractParagraphs.filter { !$0.isEmpty }.joined(separator: "\n")
        switch (title.isEmpty, abstract.isEmpty) {
        case (true, true): return nil
        case (false, true): return title
        case (true, false): return abstract
        case (false, false): return title + "\n\n" + abstract
        }
    }
}

/// Builds text one Unicode scalar at a time, turning each run of whitespace
/// into one space and leaving out whitespace at either end. (It works on
/// scalars and UTF-8 bytes, not `Character`s, to stay fast on large inputs.)
private struct WhitespaceCollapser {
    private var bytes: [UInt8] = []
    private var spacePending = false

    var isEmpty: Bool { bytes.isEmpty }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ scalar: Unicode.Scalar) {
        if Self.isWhitespace(scalar) {
            spacePending = !bytes.isEmpty
            return
        }
        if spacePending {
            bytes.append(UInt8(ascii: " "))
            spacePending = false
        }
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            for byte in UTF8.encode(scalar)! { bytes.append(byte) }
        }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
