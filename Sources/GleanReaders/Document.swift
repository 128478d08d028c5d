/// One document as a reader produced it: the text that rules run over and
/// that fact offsets point into.
public struct Document: Sendable, Hashable {
    /// The PubMed ID when the input carries one, else the file name without its extension.
    public var id: String
    /// Where the document came from: the path as given on the command line
    /// (or `-` for standard input).
    public var source: String
    /// Title and abstract (title, a blank line, then the abstract) or the whole
    /// plain-text file.
    public var text: String

    public init(id: String, source: String, text: String) {
        self.id = id
        self.source = source
        self.text = text
    }
}

/// A document, or a record that could not be read.
public enum ReadOutcome: Sendable, Hashable {
    case document(Document)
    case failure(ReadFailure)
}

/// Why a file or one record in it could not be read. It still becomes an output
/// record, so every input document is accounted for.
public struct ReadFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The record's ID when known, else the file name without its extension.
    public var id: String
    /// The path of the file.
    public var source: String
    /// What went wrong, for people.
    public var message: String

    public init(id: String, source: String, message: String) {
        self.id = id
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
