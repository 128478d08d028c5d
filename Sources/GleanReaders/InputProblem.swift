/// Why an input, or the rest of it, could not be read. Its description becomes
/// the message of a `ReadFailure`.
enum InputProblem: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (permissions, a folder, a vanished file).
    case unreadable(String)
    /// The file holds no bytes at all.
    case emptyFile
    /// A NUL byte: none of the text formats contain one.
    case binaryContent
    /// A line that is not valid UTF-8 (1-based line number).
    case invalidUTF8(line: Int)
    /// `gzip -dc` could not be run or reported an error.
    case decompressionFailed(String)
    /// The XML parser stopped at a well-formedness error.
    case malformedXML(line: Int, code: Int)
    /// A line longer than ``LineReader/maximumLength`` bytes (1-based line number): skipped, never held whole.
    case lineTooLong(line: Int)
    /// A one-document file longer than ``LineReader/maximumLength`` bytes: not read further.
    case documentTooLarge

    var description: String {
        switch self {
        case .unreadable(let reason): "cannot read file: \(reason)"
        case .emptyFile: "empty file"
        case .binaryContent: "binary content (NUL byte), not text"
        case .invalidUTF8(let line): "invalid UTF-8 on line \(line)"
        case .decompressionFailed(let reason): "cannot decompress: \(reason)"
        case .malformedXML(let line, let code): "malformed XML near line \(line) (libxml2 error \(code))"
        case .lineTooLong(let line):
            "line \(line) is longer than \(LineReader.maximumLength >> 20) MB, more than any abstract or article: not read"
        case .documentTooLarge:
            "the text is longer than \(LineReader.maximumLength >> 20) MB, more than any abstract or article: not read"
        }
    }
}
