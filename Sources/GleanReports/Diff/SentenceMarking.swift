import GleanCore
import GleanOutput

extension DocumentText {
    /// The sentence around `range` on one line, the range marked.
    func sentenceMarking(_ range: Range<Int>, style: TerminalStyle, color: TerminalStyle.Color) -> String {
        let sentence = sentences(around: range)
        func flat(_ part: Range<Int>) -> String {
            String(text(part).map { $0.isNewline || $0 == "\t" ? " " : $0 })
        }
        return flat(sentence.lowerBound..<range.lowerBound) + style.highlight(flat(range), color)
            + flat(range.upperBound..<sentence.upperBound)
    }
}
