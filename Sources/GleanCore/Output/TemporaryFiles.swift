import Dispatch
import Foundation

/// The temporary files of output not yet committed, removed when the
/// process is interrupted or told to end (SIGINT, SIGTERM, SIGHUP), before
/// it ends by that signal as it would have: no half-written output is left
/// beside the real one.
final class TemporaryFiles: @unchecked Sendable {
    static let shared = TemporaryFiles()

    private let lock = NSLock()
    private var paths: Set<String> = []
    /// The signal sources, kept alive; made with the first file.
    private var signalSources: [DispatchSourceSignal] = []

    func add(_ path: String) {
        lock.withLock {
            paths.insert(path)
            if signalSources.isEmpty { signalSources = Self.cleanupSources(for: self) }
        }
    }

    func remove(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
    }

    /// Removes every file still listed.
    func removeAll() {
        lock.withLock {
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }

    /// For each signal: ignored by default handling, and seen by a dispatch
    /// source (outside signal context, where removing files is safe) that
    /// removes the files, restores the default action and sends the signal to the process again (not to this thread, where dispatch blocks signals).
    private static func cleanupSources(for files: TemporaryFiles) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                files.removeAll()
                signal(number, SIG_DFL)
                kill(getpid(), number)
            }
            source.resume()
            return source
        }
    }
}
