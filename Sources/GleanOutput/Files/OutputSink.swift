import Foundation
import GleanCore

/// A buffered destination for output text: standard output, or a file that
/// is written under a temporary name and renamed into place only when
/// ``commit()`` is called, so an interrupted run never leaves a half file
/// that looks whole.
public final class OutputSink {
    private let handle: FileHandle
    private let temporaryPath: String?
    private let finalPath: String?
    private var buffer = Data()
    private static let flushSize = 1 << 16
    /// The first write that failed (a full disk, a closed pipe); later
    /// writes are dropped and ``commit()`` throws it.
    private var writeError: (any Error)?

    /// Standard output.
    public init() {
        handle = FileHandle.standardOutput
        temporaryPath = nil
        finalPath = nil
    }

    /// A file at `path`, written atomically: into a new file of its own
    /// (created exclusively, under a random name beside the target) that
    /// ``commit()`` renames over the target, keeping an existing file's
    /// permissions. A symbolic link is followed, so the file it points to is
    /// replaced and the link stays. A target that exists and is not a regular
    /// file (`/dev/null`, a named pipe) is written in place: renaming over it
    /// would replace it with a file. Until the rename, an interrupt or a
    /// termination signal removes the temporary file.
    ///
    /// Throws ``OpenFailure`` when the target is one of `inputs` (files that
    /// the run reads): writing it would destroy what is being read.
    public init(atomicallyAt path: String, protecting inputs: [String] = []) throws {
        let target = Self.resolvingLinks(path)
        var targetInfo = stat()
        let targetExists = stat(target, &targetInfo) == 0
        if targetExists, inputs.contains(where: { Self.isSameFile($0, as: targetInfo) }) {
            throw OpenFailure(reason: "it is one of the inputs; write the output somewhere else")
        }
        if targetExists, targetInfo.st_mode & S_IFMT != S_IFREG {
            handle = try Self.openForWriting(target, flags: O_WRONLY)
            temporaryPath = nil
            finalPath = nil
            return
        }
        TemporaryFiles.shared.prepare()
        let url = URL(fileURLWithPath: target)
        let template = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).XXXXXX").path
        guard let (descriptor, temporary) = TemporaryFiles.shared.make(from: template) else {
            throw OpenFailure(reason: String(cString: strerror(errno)))
        }
        // mkstemp makes the file 0600: give it the target's mode, or a new file's.
        _ = fchmod(descriptor, targetExists ? targetInfo.st_mode & 0o7777 : 0o666 & ~Self.fileCreationMask)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        temporaryPath = temporary
        finalPath = target
    }

    /// Why an output file could not be opened, in the system's words
    /// ("No such file or directory" for a missing folder).
    public struct OpenFailure: LocalizedError {
        public let reason: String
        public var errorDescription: String? { reason }
    }

    private static func openForWriting(_ path: String, flags: Int32) throws(OpenFailure) -> FileHandle {
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw OpenFailure(reason: String(cString: strerror(errno))) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// The path a chain of symbolic links ends at (the path itself when it is
    /// not a link); a loop stops after 40 links, and opening then fails.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                return current
            }
            current =
                destination.hasPrefix("/")
                ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return current
    }

    /// Whether `path` names the file `info` describes (device and inode).
    private static func isSameFile(_ path: String, as info: stat) -> Bool {
        var other = stat()
        return path != "-" && stat(path, &other) == 0 && other.st_dev == info.st_dev && other.st_ino == info.st_ino
    }

    /// The process's umask (read by setting it and setting it back).
    private static var fileCreationMask: mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Whether the reader of the output went away (a closed pipe: `glean
    /// extract ... | head`): nothing more can be written, and that is no error.
    public var readerHasGone: Bool {
        guard let error = writeError as NSError? else { return false }
        let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
        return [error, underlying].contains { $0?.domain == NSPOSIXErrorDomain && $0?.code == Int(EPIPE) }
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= OutputSink.flushSize { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        if writeError == nil {
            do { try handle.write(contentsOf: buffer) } catch { writeError = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file moves it into place with one `rename`, which
    /// replaces an existing file without a moment when neither is there.
    /// Throws the first write error, if any.
    public func commit() throws {
        flush()
        if let writeError { throw writeError }
        guard let temporaryPath, let finalPath else { return }
        try handle.close()
        guard rename(temporaryPath, finalPath) == 0 else {
            let failure = errno
            discard()
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: finalPath,
                    NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO),
                ])
        }
        TemporaryFiles.shared.remove(temporaryPath)
    }

    /// Drops a file that was not committed.
    public func discard() {
        guard let temporaryPath else { return }
        try? handle.close()
        unlink(temporaryPath)
        TemporaryFiles.shared.remove(temporaryPath)
    }
}
