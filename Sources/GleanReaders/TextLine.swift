/// One line of a text input, without its line end.
struct TextLine {
    /// The line's text. When the bytes were not UTF-8, each invalid sequence is
    /// U+FFFD here, so that the line's tags and layout can still be read.
    var text: String
    /// The 1-based number of the line in the input.
    var number: Int
    /// Why the line cannot be read as it is: its bytes are not UTF-8, or it
    /// is longer than a reader keeps (its text is then empty); nil for a good line.
    var problem: InputProblem?
}
