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
/// becomes a failure instead of an error, and so does a named pipe, socket or
/// device inside a folder: opening it could wait forever, or read forever
/// (one named on the command line is read, as `<(zcat file.gz)` needs).
///
/// The walk streams: it holds the sorted listing of each folder on the way
/// down, never the whole tree, so its memory does not grow with the number
/// of files. Sorting each folder's names, a folder's as if it ended in `/`,
/// gives the order of sorting every path at once.
public struct InputWalker: Sendable {
    /// One thing the walk found.
    public enum Entry: Sendable, Hashable {
        /// A file to read, or `-` for standard input.
        case file(String)
        /// A path that could not be walked, or a file of a type glean cannot read.
        case failure(ReadFailure)
        /// A file inside a folder that the ``FileSelection`` leaves out.
        case skipped(String)
    }

    /// One name in a folder's listing, with what it is.
    private struct Child {
        enum Kind { case file, folder, brokenLink, special }
        let name: String
        let kind: Kind
        /// For a file, its size in bytes, when the listing learned it.
        let size: Int?
        /// The name as it sorts among its siblings: a folder's files follow
        /// the folder's name and a `/`.
        let sortKey: String

        init(name: String, kind: Kind, size: Int? = nil) {
            self.name = name
            self.kind = kind
            self.size = size
            sortKey = kind == .folder ? name + "/" : name
        }
    }

    /// The paths as given.
    public var paths: [String]
    /// Which files inside folders are read.
    public var selection: FileSelection

    public init(paths: [String], selection: FileSelection = FileSelection()) {
        self.paths = paths
        self.selection = selection
    }

    /// Calls `visit` for each file and each failure, in walking order.
    public func walk<Failure: Error>(_ visit: (Entry) throws(Failure) -> Void) throws(Failure) {
        try walk(sizing: false) { entry, _ throws(Failure) in try visit(entry) }
    }

    /// Calls `visit` for each file and each failure, in walking order, with
    /// the size of a file found in a folder (in bytes; nil for a file named
    /// as such, and standard input): the listing learns it relative to the
    /// folder, which costs the file system less than a look-up by path.
    public func walk<Failure: Error>(sized visit: (Entry, Int?) throws(Failure) -> Void) throws(Failure) {
        try walk(sizing: true, visit)
    }

    /// The walk, learning files' sizes in the listings only when `sizing`.
    private func walk<Failure: Error>(
        sizing: Bool, _ visit: (Entry, Int?) throws(Failure) -> Void
    ) throws(Failure) {
        var walkedFolders: Set<String> = []
        for path in paths {
            if path == DocumentReader.standardInputPath {
                try visit(.file(path), nil)
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                try visit(
                    .failure(
                        Self.failure(path, isBrokenLink(path) ? "broken symbolic link" : "no such file or folder")),
                    nil)
                continue
            }
            guard isFolder.boolValue else {
                try visit(.file(path), nil)
                continue
            }
            try walk(folder: path, below: path, sizing: sizing, walkedFolders: &walkedFolders, visit)
        }
    }

    /// All entries in walking order.
    public func entries() -> [Entry] {
        var entries: [Entry] = []
        walk { entries.append($0) }
        return entries
    }

    /// Visits the files and failures below `folder`, in order.
    private func walk<Failure: Error>(
        folder: String, below root: String, sizing: Bool, walkedFolders: inout Set<String>,
        _ visit: (Entry, Int?) throws(Failure) -> Void
    ) throws(Failure) {
        let realPath = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard walkedFolders.insert(realPath).inserted else { return }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        guard let children = Self.listing(of: folder, prefix: prefix, sizing: sizing) else {
            try visit(.failure(Self.failure(folder, "cannot list folder")), nil)
            return
        }
        for child in children {
            let path = prefix + child.name
            switch child.kind {
            case .file:
                let rootPrefix = root.hasSuffix("/") ? root : root + "/"
                switch selection.verdict(forFileAt: String(path.dropFirst(rootPrefix.count))) {
                case .read: try visit(.file(path), child.size)
                case .skip: try visit(.skipped(path), nil)
                case let .unsupported(reason): try visit(.failure(Self.failure(path, reason)), nil)
                }
            case .folder: try walk(folder: path, below: root, sizing: sizing, walkedFolders: &walkedFolders, visit)
            case .brokenLink: try visit(.failure(Self.failure(path, "broken symbolic link")), nil)
            case .special:
                try visit(
                    .failure(
                        Self.failure(
                            path,
                            "not a regular file (a named pipe, socket or device), so not read inside a folder; "
                                + "name it on the command line to read it")), nil)
            }
        }
    }

    /// The visible names in `folder`, sorted, or nil when it cannot be listed.
    /// The kind of each comes from readdir(3) where the file system gives it,
    /// so only links and names of unknown kind cost a stat (of `prefix` and
    /// the name: the folder's path ending in `/`); with `sizing`, a file's
    /// size comes from a stat relative to the open folder.
    private static func listing(of folder: String, prefix: String, sizing: Bool) -> [Child]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        let folderDescriptor = dirfd(directory)
        var children: [Child] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            guard !name.hasPrefix(".") else { continue }
            switch Int32(item.pointee.d_type) {
            case Int32(DT_REG) where !sizing:
                children.append(Child(name: name, kind: .file))
            case Int32(DT_REG):
                var info = stat()
                let isRegular = fstatat(folderDescriptor, name, &info, 0) == 0 && info.st_mode & S_IFMT == S_IFREG
                children.append(Child(name: name, kind: .file, size: isRegular ? Int(info.st_size) : nil))
            case Int32(DT_DIR): children.append(Child(name: name, kind: .folder))
            case Int32(DT_FIFO), Int32(DT_SOCK), Int32(DT_CHR), Int32(DT_BLK):
                children.append(Child(name: name, kind: .special))
            default:
                // A link or a name of unknown kind: what it ends at.
                var info = stat()
                let kind: Child.Kind
                if stat(prefix + name, &info) != 0 {
                    kind = .brokenLink
                } else {
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: kind = .folder
                    case S_IFREG: kind = .file
                    default: kind = .special
                    }
                }
                children.append(Child(name: name, kind: kind, size: kind == .file ? Int(info.st_size) : nil))
            }
        }
        return children.sorted { bytesPrecede($0.sortKey, $1.sortKey) }
    }

    private func isBrokenLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    private static func failure(_ path: String, _ message: String) -> ReadFailure {
        ReadFailure(id: FileName(path).stem, source: path, message: message)
    }

    /// Whether the UTF-8 bytes of `first` sort before those of `second`.
    /// The names come from readdir, so they are native strings whose bytes
    /// are at hand without copying the strings.
    private static func bytesPrecede(_ first: String, _ second: String) -> Bool {
        let inPlace: Bool?? = first.utf8.withContiguousStorageIfAvailable { a in
            second.utf8.withContiguousStorageIfAvailable { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        return (inPlace ?? nil) ?? first.utf8.lexicographicallyPrecedes(second.utf8)
    }
}
