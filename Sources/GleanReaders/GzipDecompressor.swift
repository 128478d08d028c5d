import Foundation

/// Decompresses a gzip file or stream by running `gzip -dc` and reading its
/// output through a pipe, the way `rg -z` does, so no compression library is
/// linked in.
final class GzipDecompressor {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private var reachedEnd = false

    /// Starts `gzip -dc -- path`, found through `PATH`.
    init(path: String) throws(InputProblem) {
        try start(arguments: ["-dc", "--", path], standardInput: FileHandle.nullDevice)
    }

    /// Starts `gzip -dc` on a stream whose first bytes, `head`, were already
    /// read (to recognise gzip): a thread writes `head` and then the rest of
    /// `source` into gzip's standard input.
    init(feeding head: Data, then source: FileHandle) throws(InputProblem) {
        let input = Pipe()
        try start(arguments: ["-dc"], standardInput: input)
        let writer = input.fileHandleForWriting
        Thread.detachNewThread {
            // gzip may stop reading early (corrupt data). Writing to its closed pipe
            // raises SIGPIPE in the writing thread, which would end glean: blocked in
            // this thread only, the write fails with EPIPE instead and ends the feed.
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            do {
                try writer.write(contentsOf: head)
                while let chunk = try source.read(upToCount: ByteInput.chunkSize), !chunk.isEmpty {
                    try writer.write(contentsOf: chunk)
                }
            } catch {}
            try? writer.close()
        }
    }

    private func start(arguments: [String], standardInput: Any) throws(InputProblem) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip"] + arguments
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .decompressionFailed("cannot run gzip: \(error.localizedDescription)")
        }
    }

    /// The next piece of decompressed output, or nil once gzip has finished writing.
    func read(upTo count: Int) throws(InputProblem) -> Data? {
        let chunk: Data?
        do {
            chunk = try output.fileHandleForReading.read(upToCount: count)
        } catch {
            throw .decompressionFailed(error.localizedDescription)
        }
        if chunk == nil { reachedEnd = true }
        return chunk
    }

    /// Waits for gzip to exit, stopping it first when its output was not read to the
    /// end. Throws when gzip ran to completion but reported an error.
    func finish() throws(InputProblem) {
        if !reachedEnd { process.terminate() }
        process.waitUntilExit()
        guard reachedEnd, process.terminationStatus != 0 else { return }
        let message = (try? errors.fileHandleForReading.readToEnd()).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let reason = message.trimmingCharacters(in: .whitespacesAndNewlines)
        throw .decompressionFailed(reason.isEmpty ? "gzip exited with status \(process.terminationStatus)" : reason)
    }
}
