import GleanCore
import GleanReaders

/// One of N deterministic parts of a batch (`--shard K/N`): the files whose
/// position in the sorted walk, counted from 0, leaves remainder K-1 when
/// divided by N. Every machine walking the same folder agrees on the parts
/// with no coordination, and the parts are the same size to within one file.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    /// Reads `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            count >= 1, index >= 1, index <= count
        else { return nil }
        self.index = index
        self.count = count
    }

    public func contains(position: Int) -> Bool { position % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

extension InputWalker {
    /// Calls `visit` for the entries of `shard` (every entry without one), in
    /// walking order: a shard's part is counted over every entry the walk
    /// finds, failures included.
    /// (With the size of a file the walk learned, as ``walk(sized:)`` gives it.)
    func walk(in shard: Shard?, _ visit: (Entry, Int?) -> Void) {
        var position = 0
        walk { (entry: Entry, size: Int?) in
            defer { position += 1 }
            if shard?.contains(position: position) ?? true { visit(entry, size) }
        }
    }
}
