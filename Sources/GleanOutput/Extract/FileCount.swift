import Foundation
import GleanCore
import GleanReaders

/// Counts the files of a batch (those of its shard) and their bytes on a
/// thread of its own, for the progress bar's total and time left: the batch
/// itself streams its walk and learns the total only at the end.
final class FileCount: @unchecked Sendable {
    /// The files of the batch and their size in bytes.
    struct Total: Equatable {
        var files = 0
        var bytes = 0
    }

    private let lock = NSLock()
    private var counted: Total?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts counting at once.
    init(_ walker: InputWalker, shard: Shard?) {
        Thread { [self] in
            var total = Total()
            walker.walk(in: shard) { entry, size in
                if case .skipped = entry { return }
                total.files += 1
                if case let .file(path) = entry { total.bytes += size ?? RegularFile.size(atPath: path) ?? 0 }
            }
            lock.withLock { counted = total }
            finished.signal()
        }.start()
    }

    /// The files and bytes, once the count has finished.
    var total: Total? { lock.withLock { counted } }

    /// The files and bytes, waiting for the count to finish.
    func waitForTotal() -> Total {
        finished.wait()
        finished.signal()
        return total ?? Total()
    }
}
