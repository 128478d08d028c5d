import Foundation

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

    /// A file at `path`, written atomically. A path that exists and is not a
    /// regular file (`/dev/null`, a named pipe, a symbolic link) is written in
    /// place instead: renaming over it would replace it with a file.
    public init(atomicallyAt path: String) throws {
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
           type != .typeRegular {
            handle = try Self.openForWriting(path, flags: O_WRONLY)
            temporaryPath = nil
            finalPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        handle = try Self.openForWriting(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
        temporaryPath = temporary
        finalPath = path
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
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: finalPath,
                                                           NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
        }
    }

    /// Drops a file that was not committed.
    public func discard() {
        guard let temporaryPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
