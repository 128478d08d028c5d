/// One line of a text input, without its line end.
struct TextLine {
    /// The line's text. When the bytes were not UTF-8, each invalid sequence is
    /// U+FFFD here, so that the line's tags and layout can still be read.
    var text: String
    /// The 1-based number of the line in the input.
    var number: Int
    /// Whether the line's bytes were valid UTF-8.
    var isValidUTF8: Bool
}
