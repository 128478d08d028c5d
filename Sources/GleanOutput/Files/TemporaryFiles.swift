import Dispatch
import Foundation
import GleanCore

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

    /// Starts watching for the signals, once: called before a temporary
    /// file is made, so a signal that comes once it exists finds it listed.
    func prepare() {
        lock.withLock {
            if signalSources.isEmpty { signalSources = Self.cleanupSources(for: self) }
        }
    }

    /// Makes a temporary file from a `mkstemp` template (exclusive, random
    /// name, mode 0600) and lists it, under the lock the signal handler takes:
    /// a signal never finds the file made but not listed. Returns the open
    /// descriptor and the path, or nil with `errno` set.
    func make(from template: String) -> (descriptor: Int32, path: String)? {
        lock.withLock {
            var bytes = Array(template.utf8CString)
            let descriptor = mkstemp(&bytes)
            guard descriptor >= 0 else { return nil }
            let path = String(cString: bytes)
            paths.insert(path)
            return (descriptor, path)
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
