import Foundation
import GleanCore
import GleanReaders

/// Finds the texts of documents that extraction records name. Records carry
/// no text, only `source` (the path as given) and `id`, so each source file
/// is read again, once, keeping the documents asked for. A document whose
/// file is gone, unreadable, not a regular file (a named pipe would block
/// the reader forever, a device never end), standard input, or no longer
/// holds that ID has no text; callers then show the facts' own words only.
package struct DocumentTextLookup: Sendable {
    /// Folders a relative `source` is also looked for in, after the current
    /// one: the folders of the runs' JSON Lines files, so `glean diff` finds
    /// the documents of a run made elsewhere.
    package var searchFolders: [String]

    package init(searchFolders: [String] = []) {
        self.searchFolders = searchFolders
    }

    /// The texts that can still be found, by document.
    package func texts(of documents: some Sequence<DocumentKey>) -> [DocumentKey: DocumentText] {
        var wanted: [String: Set<String>] = [:]
        for key in documents where key.source != DocumentReader.standardInputPath {
            wanted[key.source, default: []].insert(key.id)
        }
        var texts: [DocumentKey: DocumentText] = [:]
        for (source, ids) in wanted {
            guard let file = located(source) else { continue }
            DocumentReader().read(file: file) { outcome in
                guard case let .document(document) = outcome, ids.contains(document.id) else { return }
                let key = DocumentKey(source: source, id: document.id)
                if texts[key] == nil { texts[key] = DocumentText(document.text) }
            }
        }
        return texts
    }

    /// Where `source` is: as given, else (when relative) in one of the search folders; a regular file only.
    private func located(_ source: String) -> String? {
        let candidates =
            [source]
            + (source.hasPrefix("/") ? [] : searchFolders.map { ($0 as NSString).appendingPathComponent(source) })
        return candidates.first(where: Self.isRegularFile)
    }

    /// Whether `path` is a regular file (after following symbolic links).
    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
