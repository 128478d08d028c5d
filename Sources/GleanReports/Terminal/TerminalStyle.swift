import GleanCore
import GleanOutput

/// Text for a terminal: ANSI colours when `colored`, plain text (with
/// `[[...]]` around marked words) when output goes to a file or a pipe.
struct TerminalStyle {
    enum Color: String {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    let colored: Bool

    func paint(_ text: String, _ color: Color) -> String {
        colored ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Marked words inside a sentence: bold, underlined and coloured, or in `[[...]]`.
    func highlight(_ text: String, _ color: Color) -> String {
        colored ? "\u{1B}[1;4;\(color.rawValue)m\(text)\u{1B}[0m" : "[[\(text)]]"
    }
}
