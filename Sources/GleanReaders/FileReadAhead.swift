import Foundation

/// Reads one file on a thread of its own, ahead of the time its outcomes
/// are wanted, so that several large files can be parsed at once while
/// their outcomes are still taken in order, one file after the other. At
/// most `capacity` outcomes wait to be taken: a file of 100,000 records
/// does not pile up in memory when its taker is slower than the reading.
public final class FileReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [ReadOutcome] = []
    private var isDone = false
    private let capacity: Int

    /// Starts reading `path` (or standard input, `-`) with `reader` at once.
    public init(path: String, reader: DocumentReader = DocumentReader(), capacity: Int = 1024) {
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in
            reader.read(file: path) { outcome in
                condition.lock()
                while waiting.count >= self.capacity { condition.wait() }
                waiting.append(outcome)
                // The taker waits only for an empty queue: wake it only when that ends.
                if waiting.count == 1 { condition.broadcast() }
                condition.unlock()
            }
            condition.lock()
            isDone = true
            condition.broadcast()
            condition.unlock()
        }
        // As much stack as the batch's reading thread has: parsing is the same work.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Passes every outcome of the file to `body`, in reading order, as they
    /// come; returns when the file is read to its end. Call it once.
    public func forEach(_ body: (ReadOutcome) -> Void) {
        while true {
            condition.lock()
            while waiting.isEmpty, !isDone { condition.wait() }
            // All that waits is taken at once: fewer hand-offs between the threads.
            let taken = waiting
            waiting.removeAll(keepingCapacity: true)
            let finished = isDone
            // The reading waits only for a full queue.
            if taken.count >= capacity { condition.broadcast() }
            condition.unlock()
            taken.forEach(body)
            if finished { return }
        }
    }
}
