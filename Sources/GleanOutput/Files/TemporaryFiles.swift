import Foundation

/// The temporary files of output not yet committed, removed when the
/// process is interrupted or told to end (SIGINT, SIGTERM, SIGHUP), before
/// it ends by that signal as it would have: no half-written output is left
/// beside the real one.
///
/// The signal handler is installed, at once, before the first file is made,
/// so no signal that comes while a file exists finds it unlisted or goes
/// unseen (a handler registered asynchronously, behind ignored signals,
/// could miss one and leave the run waiting for input for ever). The
/// handler makes only async-signal-safe calls: it unlinks the listed paths,
/// kept as C strings in a fixed table it reads without a lock or an
/// allocation, and ends the process by the same signal.
final class TemporaryFiles: @unchecked Sendable {
    static let shared = TemporaryFiles()

    private let lock = NSLock()
    /// Whether the handler is installed.
    private var installed = false

    private init() {}

    /// Installs the signal handler, once: called before a temporary file is
    /// made, so a signal that comes once it exists finds it listed.
    func prepare() {
        lock.withLock {
            guard !installed else { return }
            installed = true
            _ = TemporaryFileTable.slots  // made here, not in the handler
            for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, removeTemporaryFilesAndEnd) }
        }
    }

    /// Makes a temporary file from a `mkstemp` template (exclusive, random
    /// name, mode 0600) and lists it: the signal handler finds it from the
    /// moment it exists. Returns the open descriptor and the path, or nil
    /// with `errno` set (`EMFILE` when the table is full).
    func make(from template: String) -> (descriptor: Int32, path: String)? {
        lock.withLock {
            guard let free = (0..<TemporaryFileTable.capacity).first(where: { TemporaryFileTable.slots[$0] == nil })
            else {
                errno = EMFILE
                return nil
            }
            // The handler may read the name at any time: it is never freed (a few bytes per output file).
            guard let name = strdup(template) else { return nil }
            TemporaryFileTable.slots[free] = name
            let descriptor = mkstemp(name)
            guard descriptor >= 0 else {
                let failure = errno
                TemporaryFileTable.slots[free] = nil
                errno = failure
                return nil
            }
            return (descriptor, String(cString: name))
        }
    }

    /// Takes a file off the list (it was committed or removed).
    func remove(_ path: String) {
        lock.withLock {
            for slot in 0..<TemporaryFileTable.capacity {
                if let name = TemporaryFileTable.slots[slot], String(cString: name) == path {
                    TemporaryFileTable.slots[slot] = nil
                }
            }
        }
    }
}

/// The paths the signal handler removes: a fixed table of C strings, made
/// before any handler runs (a global, so the handler reads it directly).
private enum TemporaryFileTable {
    /// How many temporary files can be listed at once (a run writes one or two).
    static let capacity = 64
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
}

/// The handler of SIGINT, SIGTERM and SIGHUP once output is being written:
/// removes every listed temporary file, then ends the process by the same
/// signal, as it would have ended without the handler.
private func removeTemporaryFilesAndEnd(_ number: Int32) {
    for slot in 0..<TemporaryFileTable.capacity {
        if let name = TemporaryFileTable.slots[slot] { unlink(name) }
    }
    signal(number, SIG_DFL)
    raise(number)
}
