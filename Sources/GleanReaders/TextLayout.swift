/// How reader output text is laid out: whitespace inside a paragraph collapsed
/// to single spaces, paragraphs on lines of their own, and a document's title
/// separated from its abstract by a blank line.
enum TextLayout {
    /// `text` with each run of whitespace (line ends included) made one space,
    /// and none at either end.
    static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        var collapser = WhitespaceCollapser()
        forEachCharacter(of: text) { bytes, kind in collapser.append(bytes, isWhitespace: kind != .other) }
        return collapser.text
    }

    /// `text` split into paragraphs at its line ends, whitespace collapsed inside
    /// each, empty ones dropped.
    static func paragraphs(_ text: some StringProtocol) -> [String] {
        var paragraphs: [String] = []
        var collapser = WhitespaceCollapser()
        forEachCharacter(of: text) { bytes, kind in
            if kind == .lineBreak {
                if !collapser.isEmpty { paragraphs.append(collapser.text) }
                collapser = WhitespaceCollapser()
            } else {
                collapser.append(bytes, isWhitespace: kind == .space)
            }
        }
        if !collapser.isEmpty { paragraphs.append(collapser.text) }
        return paragraphs
    }

    private enum ScalarKind { case lineBreak, space, other }

    /// Calls `body` with each Unicode scalar's UTF-8 bytes and whether it ends
    /// a line (as `Character.isNewline` has it), is other white space, or is
    /// neither. Works on bytes: only the lead bytes of non-ASCII white space
    /// (U+0085, U+00A0, U+1680, U+2000...U+205F, U+3000) are decoded.
    private static func forEachCharacter(of text: some StringProtocol,
                                         _ body: (UnsafeBufferPointer<UInt8>, ScalarKind) -> Void) {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                let end = min(index + length, bytes.count)
                let kind: ScalarKind
                switch lead {
                case 0x0A...0x0D: kind = .lineBreak
                case 0x09, 0x20: kind = .space
                case 0xC2, 0xE1, 0xE2, 0xE3:
                    var decoder = UTF8()
                    var iterator = bytes[index..<end].makeIterator()
                    if case let .scalarValue(scalar) = decoder.decode(&iterator) {
                        kind = [0x85, 0x2028, 0x2029].contains(scalar.value) ? .lineBreak
                            : scalar.properties.isWhitespace ? .space : .other
                    } else {
                        kind = .other
                    }
                default: kind = .other
                }
                body(UnsafeBufferPointer(rebasing: bytes[index..<end]), kind)
                index = end
            }
        }
        if text.utf8.withContiguousStorageIfAvailable(scan) == nil {
            Array(text.utf8).withUnsafeBufferPointer(scan)
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

/// Builds text one character at a time, turning each run of whitespace
/// into one space and leaving out whitespace at either end. (It works on
/// UTF-8 bytes, not `Character`s, to stay fast on large inputs.)
private struct WhitespaceCollapser {
    private var bytes: [UInt8] = []
    private var spacePending = false

    var isEmpty: Bool { bytes.isEmpty }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one character's UTF-8 bytes.
    mutating func append(_ character: UnsafeBufferPointer<UInt8>, isWhitespace: Bool) {
        if isWhitespace {
            spacePending = !bytes.isEmpty
            return
        }
        if spacePending {
            bytes.append(UInt8(ascii: " "))
            spacePending = false
        }
        bytes.append(contentsOf: character)
    }
}
