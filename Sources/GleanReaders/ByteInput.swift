import Foundation

/// The bytes of one input as UTF-8 text, read in chunks so that a large file
/// is never held whole in memory. The first bytes can be looked at (for format
/// detection) before they are consumed. Gzip files are decompressed on the fly.
///
/// A byte-order mark at the start is removed: a UTF-8 one as it is, and input
/// that starts with a UTF-16 one (little- or big-endian) is transcoded to UTF-8
/// (see `UTF16Transcoder`). Other input is passed on as it is.
///
/// Any chunk that contains a NUL byte (after transcoding) fails with
/// `InputProblem.binaryContent`: none of the supported text formats contains one.
final class ByteInput {
    /// Where the bytes come from.
    private enum Origin {
        /// A file this input opened, by its descriptor: closing a
        /// `FileHandle` costs more than reading a small file.
        case file(descriptor: Int32)
        case handle(FileHandle)
        case gzip(GzipDecompressor)
        case memory
    }

    static let chunkSize = 1 << 16
    private static let gzipMagic: [UInt8] = [0x1F, 0x8B]
    private static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let origin: Origin
    /// Bytes the opening read from the origin (to recognise gzip), before any decoding.
    private var head: Data
    /// Whether the start of the input, where a byte-order mark would be, was decoded.
    private var decodedStart = false
    /// Transcodes the input when it started with a UTF-16 byte-order mark.
    private var utf16Transcoder: UTF16Transcoder?
    /// Decoded bytes not consumed yet.
    private var lookahead = Data()
    private var isClosed = false
    /// Whether a read of the file found its end: it is not asked again.
    private var fileEnded = false

    private init(origin: Origin, head: Data = Data()) {
        self.origin = origin
        self.head = head
    }

    /// A file's descriptor is closed even when ``close()`` was not called.
    deinit {
        if case .file(let descriptor) = origin, !isClosed { closeDescriptor(descriptor) }
    }

    /// Opens a file; a file that starts with the gzip magic number is read decompressed.
    static func file(atPath path: String) throws(InputProblem) -> ByteInput {
        // open(2) directly: building a URL for each of thousands of files costs more than reading them.
        let descriptor = open(path, O_RDONLY)
        let head: Data
        do {
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            head = try readChunk(from: descriptor) ?? Data()
        } catch {
            if descriptor >= 0 { closeDescriptor(descriptor) }
            throw .unreadable(Self.reason(for: error, path: path))
        }
        guard head.starts(with: gzipMagic) else {
            return ByteInput(origin: .file(descriptor: descriptor), head: head)
        }
        closeDescriptor(descriptor)
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
            head = try readChunk(from: handle.fileDescriptor) ?? Data()
        } catch {
            throw .unreadable(error.localizedDescription)
        }
        guard head.starts(with: gzipMagic) else {
            return ByteInput(origin: .handle(handle), head: head)
        }
        return ByteInput(origin: .gzip(try GzipDecompressor(feeding: head, then: handle)))
    }

    /// Reads bytes already in memory.
    static func bytes(_ data: Data) -> ByteInput {
        ByteInput(origin: .memory, head: data)
    }

    /// Whether the input is UTF-16 made UTF-8; known once the first bytes were read.
    var isTranscodedFromUTF16: Bool { utf16Transcoder != nil }

    /// Up to `count` bytes from the current position, without consuming them.
    func peek(_ count: Int) throws(InputProblem) -> Data {
        while lookahead.count < count, let chunk = try readDecoded() {
            // The first chunk is kept as it is: most files are one chunk.
            if lookahead.isEmpty { lookahead = chunk } else { lookahead.append(chunk) }
        }
        return lookahead.prefix(count)
    }

    /// The next chunk of bytes, or nil at the end of the input.
    func next() throws(InputProblem) -> Data? {
        guard lookahead.isEmpty else {
            defer { lookahead = Data() }
            return lookahead
        }
        return try readDecoded()
    }

    /// Releases the input. For a gzip file this reports gzip's own error, if it had one.
    /// Closing twice does nothing.
    func close() throws(InputProblem) {
        guard !isClosed else { return }
        isClosed = true
        switch origin {
        case .file(let descriptor): closeDescriptor(descriptor)
        case .handle(let handle) where handle !== FileHandle.standardInput: try? handle.close()
        case .gzip(let decompressor): try decompressor.finish()
        case .handle, .memory: break
        }
    }

    /// The next chunk of UTF-8 text, never empty, or nil at the end of the input.
    private func readDecoded() throws(InputProblem) -> Data? {
        guard decodedStart else { return try decodeStart() }
        guard var transcoder = utf16Transcoder else { return try readFromOrigin().map(Self.rejectingBinary) }
        defer { utf16Transcoder = transcoder }
        while let chunk = try readFromOrigin() {
            let text = transcoder.transcode(chunk)
            if !text.isEmpty { return try Self.rejectingBinary(text) }
        }
        return try transcoder.finish().map(Self.rejectingBinary)
    }

    /// Looks at the input's first bytes for a byte-order mark: drops a UTF-8
    /// one, and after a UTF-16 one transcodes the rest of the input.
    private func decodeStart() throws(InputProblem) -> Data? {
        decodedStart = true
        var start = head
        head = Data()
        // A read from a pipe may return fewer bytes than a mark has.
        while start.count < Self.utf8ByteOrderMark.count, let chunk = try readFromOrigin() { start.append(chunk) }
        if start.starts(with: Self.utf8ByteOrderMark) {
            start.removeFirst(Self.utf8ByteOrderMark.count)
        } else if var transcoder = UTF16Transcoder(byteOrderMarkOf: start) {
            start = transcoder.transcode(start.dropFirst(UTF16Transcoder.byteOrderMarkLength))
            utf16Transcoder = transcoder
        }
        return start.isEmpty ? try readDecoded() : try Self.rejectingBinary(start)
    }

    /// The next chunk of raw bytes from the origin, or nil at its end.
    private func readFromOrigin() throws(InputProblem) -> Data? {
        switch origin {
        case .memory:
            return nil
        case .gzip(let decompressor):
            return try decompressor.read(upTo: Self.chunkSize)
        case .file(let descriptor):
            guard !fileEnded else { return nil }
            do {
                let chunk = try Self.readChunk(from: descriptor)
                fileEnded = chunk == nil
                return chunk
            } catch {
                throw .unreadable(error.localizedDescription)
            }
        case .handle(let handle):
            do {
                return try Self.readChunk(from: handle.fileDescriptor)
            } catch {
                throw .unreadable(error.localizedDescription)
            }
        }
    }

    /// Up to `chunkSize` bytes from a file descriptor, nil at the end.
    /// read(2) straight into a buffer: FileHandle's reading looks the file up
    /// and sizes its buffer anew for every call, which costs more than a small
    /// file's whole content.
    private static func readChunk(from descriptor: Int32) throws -> Data? {
        try withUnsafeTemporaryAllocation(byteCount: chunkSize, alignment: 1) { buffer in
            while true {
                let count = read(descriptor, buffer.baseAddress, chunkSize)
                if count > 0 { return Data(bytes: buffer.baseAddress!, count: count) }
                if count == 0 { return nil }
                guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
        }
    }

    private static func rejectingBinary(_ chunk: Data) throws(InputProblem) -> Data {
        // memchr over the raw bytes: Data's element iterator is slow for a check made on every file.
        let hasZero = chunk.withUnsafeBytes { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        }
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

/// close(2), out of reach of `ByteInput.close()`'s name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
