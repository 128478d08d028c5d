import GleanReaders

/// Reads one input file whole, for commands that look closely at a few
/// documents (`glean explain`, `glean review`) rather than stream many.
package enum DocumentFile {
    /// The documents in `path` (any input format), and what could not be read.
    package static func read(_ path: String) -> (documents: [(id: String, text: String)], problems: [String]) {
        var documents: [(id: String, text: String)] = []
        var problems: [String] = []
        DocumentReader().read(file: path) { outcome in
            switch outcome {
            case let .document(document): documents.append((document.id, document.text))
            case let .failure(failure): problems.append(failure.description)
            }
        }
        return (documents, problems)
    }
}
