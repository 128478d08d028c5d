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

    /// Standard output.
    public init() {
        handle = FileHandle.standardOutput
        temporaryPath = nil
        finalPath = nil
    }

    /// A file at `path`, written atomically.
    public init(atomicallyAt path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        temporaryPath = temporary
        finalPath = path
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= OutputSink.flushSize { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file moves it into place.
    public func commit() throws {
        flush()
        guard let temporaryPath, let finalPath else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: finalPath) { try FileManager.default.removeItem(atPath: finalPath) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: finalPath)
    }

    /// Drops a file that was not committed.
    public func discard() {
        guard let temporaryPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
