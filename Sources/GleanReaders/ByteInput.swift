import Foundation

/// The bytes of one input, read in chunks so that a large file is never held
/// whole in memory. The first bytes can be looked at (for format detection)
/// before they are consumed. Gzip files are decompressed on the fly.
///
/// Any chunk that contains a NUL byte fails with `InputProblem.binaryContent`:
/// none of the supported text formats contains one.
final class ByteInput {
    /// Where the bytes come from.
    private enum Origin {
        case handle(FileHandle)
        case gzip(GzipDecompressor)
        case memory
    }

    static let chunkSize = 1 << 16
    private static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    private let origin: Origin
    /// Bytes read from the origin but not consumed yet.
    private var lookahead: Data
    private var isClosed = false

    private init(origin: Origin, lookahead: Data = Data()) {
        self.origin = origin
        self.lookahead = lookahead
    }

    /// Opens a file; a file that starts with the gzip magic number is read decompressed.
    static func file(atPath path: String) throws(InputProblem) -> ByteInput {
        let handle: FileHandle
        let head: Data
        do {
            // open(2) directly: building a URL for each of thousands of files costs more than reading them.
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            head = try readChunk(from: handle) ?? Data()
        } catch {
            throw .unreadable(Self.reason(for: error, path: path))
        }
        guard head.starts(with: gzipMagic) else {
            return ByteInput(origin: .handle(handle), lookahead: try rejectingBinary(head))
        }
        try? handle.close()
        return ByteInput(origin: .gzip(try GzipDecompressor(path: path)))
    }

    /// Reads standard input; gzip data is read decompressed.
    static func standardInput() throws(InputProblem) -> ByteInput {
        try stream(FileHandle.standardInput)
    }

    /// Reads a stream (standard input, a pipe); one that starts with the gzip
    /// magic number is read decompressed.
    static func stream(_ handle: FileHandle) throws(InputProblem) -> ByteInput {
        let head: Data
        do {
            head = try readChunk(from: handle) ?? Data()
        } catch {
            throw .unreadable(error.localizedDescription)
        }
        guard head.starts(with: gzipMagic) else {
            return ByteInput(origin: .handle(handle), lookahead: try rejectingBinary(head))
        }
        return ByteInput(origin: .gzip(try GzipDecompressor(feeding: head, then: handle)))
    }

    /// Reads bytes already in memory.
    static func bytes(_ data: Data) throws(InputProblem) -> ByteInput {
        ByteInput(origin: .memory, lookahead: try rejectingBinary(data))
    }

    /// Up to `count` bytes from the current position, without consuming them.
    func peek(_ count: Int) throws(InputProblem) -> Data {
        while lookahead.count < count, let chunk = try readFromOrigin() {
            lookahead.append(chunk)
        }
        return lookahead.prefix(count)
    }

    /// The next chunk of bytes, or nil at the end of the input.
    func next() throws(InputProblem) -> Data? {
        guard lookahead.isEmpty else {
            defer { lookahead = Data() }
            return lookahead
        }
        return try readFromOrigin()
    }

    /// Releases the input. For a gzip file this reports gzip's own error, if it had one.
    /// Closing twice does nothing.
    func close() throws(InputProblem) {
        guard !isClosed else { return }
        isClosed = true
        switch origin {
        case .handle(let handle) where handle !== FileHandle.standardInput: try? handle.close()
        case .gzip(let decompressor): try decompressor.finish()
        case .handle, .memory: break
        }
    }

    private func readFromOrigin() throws(InputProblem) -> Data? {
        let chunk: Data?
        switch origin {
        case .memory:
            chunk = nil
        case .gzip(let decompressor):
            chunk = try decompressor.read(upTo: Self.chunkSize)
        case .handle(let handle):
            do {
                chunk = try Self.readChunk(from: handle)
            } catch {
                throw .unreadable(error.localizedDescription)
            }
        }
        return try chunk.map(Self.rejectingBinary)
    }

    /// Up to `chunkSize` bytes from the handle's descriptor, nil at the end.
    /// read(2) straight into a buffer: FileHandle's reading looks the file up
    /// and sizes its buffer anew for every call, which costs more than a small
    /// file's whole content.
    private static func readChunk(from handle: FileHandle) throws -> Data? {
        try withUnsafeTemporaryAllocation(byteCount: chunkSize, alignment: 1) { buffer in
            while true {
                let count = read(handle.fileDescriptor, buffer.baseAddress, chunkSize)
                if count > 0 { return Data(bytes: buffer.baseAddress!, count: count) }
                if count == 0 { return nil }
                guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
        }
    }

    private static func rejectingBinary(_ chunk: Data) throws(InputProblem) -> Data {
        // Over the raw bytes: Data's element iterator is slow for a check made on every file.
        let hasZero = chunk.withUnsafeBytes { bytes in bytes.contains(0) }
        if hasZero { throw .binaryContent }
        return chunk
    }

    private static func reason(for error: Error, path: String) -> String {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if !fileManager.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a folder" }
        if !fileManager.isReadableFile(atPath: path) { return "permission denied" }
        return error.localizedDescription
    }
}
