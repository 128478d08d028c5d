import Foundation

/// An ``InputWalker`` walk running on a thread of its own, so that it
/// overlaps other start-up work: listing and sorting a folder of thousands
/// of files takes about as long as compiling the rules.
public final class BackgroundWalk: @unchecked Sendable {
    private var found: [InputWalker.Entry] = []
    private let finished = DispatchSemaphore(value: 0)
    private var waited = false

    /// Starts walking at once.
    public init(_ walker: InputWalker) {
        Thread { [self] in
            found = walker.entries()
            finished.signal()
        }.start()
    }

    /// The walk's entries, in walking order: waits for the walk to finish.
    /// Call it from one thread.
    public func entries() -> [InputWalker.Entry] {
        if !waited {
            finished.wait()
            waited = true
        }
        return found
    }
}
