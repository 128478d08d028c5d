import Foundation
import GleanReaders

/// Counts the files of a batch (those of its shard) on a thread of its own,
/// for the progress bar's total and time left: the batch itself streams its
/// walk and learns the total only at the end.
final class FileCount: @unchecked Sendable {
    private let lock = NSLock()
    private var counted: Int?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts counting at once.
    init(_ walker: InputWalker, shard: Shard?) {
        Thread { [self] in
            var walked = 0, inShard = 0
            walker.walk { _ in
                if shard?.contains(position: walked) ?? true { inShard += 1 }
                walked += 1
            }
            lock.withLock { counted = inShard }
            finished.signal()
        }.start()
    }

    /// The number of files, once the count has finished.
    var total: Int? { lock.withLock { counted } }

    /// The number of files, waiting for the count to finish.
    func waitForTotal() -> Int {
        finished.wait()
        finished.signal()
        return total ?? 0
    }
}
