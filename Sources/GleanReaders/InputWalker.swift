import Foundation

/// Expands the paths given on the command line into the files to read.
///
/// Each path is taken in the order given: a file is yielded as is (even a hidden
/// one, since it was named), `-` stands for standard input, and a folder yields
/// every file below it, sorted by the bytes of their paths. Inside folders,
/// hidden files and folders (names starting with `.`) are skipped. Symbolic
/// links are followed, to files and to folders, but a folder already walked
/// (by its real path) is not walked again, so a link loop ends. A path that
/// cannot be read (missing, a broken link, a folder without permission)
/// becomes a failure instead of an error.
public struct InputWalker: Sendable {
    /// One thing the walk found.
    public enum Entry: Sendable, Hashable {
        /// A file to read, or `-` for standard input.
        case file(String)
        /// A path that could not be walked.
        case failure(ReadFailure)
    }

    /// The paths as given.
    public var paths: [String]

    public init(paths: [String]) {
        self.paths = paths
    }

    /// Calls `visit` for each file and each failure, in walking order.
    public func walk<Failure: Error>(_ visit: (Entry) throws(Failure) -> Void) throws(Failure) {
        var walkedFolders: Set<String> = []
        for path in paths {
            if path == DocumentReader.standardInputPath {
                try visit(.file(path))
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                try visit(.failure(Self.failure(path, isBrokenLink(path) ? "broken symbolic link" : "no such file or folder")))
                continue
            }
            guard isFolder.boolValue else {
                try visit(.file(path))
                continue
            }
            var found: [Entry] = []
            collect(folder: path, into: &found, walkedFolders: &walkedFolders)
            for entry in found.sorted(by: { Self.bytesPrecede(Self.sortKey($0), Self.sortKey($1)) }) {
                try visit(entry)
            }
        }
    }

    /// All entries in walking order.
    public func entries() -> [Entry] {
        var entries: [Entry] = []
        walk { entries.append($0) }
        return entries
    }

    /// Adds the files and failures below `folder`, unsorted. The kind of each
    /// entry comes from readdir(3) where the file system gives it, so only
    /// links and entries of unknown kind cost a stat.
    private func collect(folder: String, into found: inout [Entry], walkedFolders: inout Set<String>) {
        let realPath = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard walkedFolders.insert(realPath).inserted else { return }
        guard let directory = opendir(folder) else {
            found.append(.failure(Self.failure(folder, "cannot list folder")))
            return
        }
        defer { closedir(directory) }
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard !name.hasPrefix(".") else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            switch Int32(item.pointee.d_type) {
            case Int32(DT_REG):
                found.append(.file(path))
            case Int32(DT_DIR):
                collect(folder: path, into: &found, walkedFolders: &walkedFolders)
            default:
                var isFolder: ObjCBool = false
                if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                    found.append(.failure(Self.failure(path, "broken symbolic link")))
                } else if isFolder.boolValue {
                    collect(folder: path, into: &found, walkedFolders: &walkedFolders)
                } else {
                    found.append(.file(path))
                }
            }
        }
    }

    private func isBrokenLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    private static func failure(_ path: String, _ message: String) -> ReadFailure {
        ReadFailure(id: FileName(path).stem, source: path, message: message)
    }

    private static func sortKey(_ entry: Entry) -> String {
        switch entry {
        case .file(let path): path
        case .failure(let failure): failure.source
        }
    }

    /// Whether the UTF-8 bytes of `first` sort before those of `second`.
    private static func bytesPrecede(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }
}
