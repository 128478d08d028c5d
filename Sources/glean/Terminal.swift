import Foundation

/// Standard error, and whether the streams are terminals.
enum Terminal {
    struct StandardError {
        func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    }
    static let standardError = StandardError()
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
    static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
    static var standardInputIsTerminal: Bool { isatty(0) == 1 }
}
