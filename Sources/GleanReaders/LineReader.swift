import Foundation

/// Something that hands out lines of text one at a time.
protocol LineSource {
    /// The next line, or nil at the end of the input.
    mutating func next() throws(InputProblem) -> TextLine?
}

/// The lines of a UTF-8 text input, one at a time, without their line ends:
/// LF, CRLF, or a lone CR (old Mac files). A line that is not valid UTF-8,
/// or longer than ``maximumLength`` (skipped as it is read, never held
/// whole), does not stop the reading: it comes with its `problem`, and the
/// reader decides what that costs.
struct LineReader: LineSource {
    /// The longest line, and the longest text of ``remainingText()``, that is
    /// read: 16 MB, far more than any abstract or article, far less than would
    /// make memory grow with a hostile file.
    static let maximumLength = 16 << 20

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private let input: ByteInput
    /// Bytes read from the input; those before `start` are already handed out.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where to look for the next line end: the bytes from `start` up to here hold none.
    private var searchFrom = 0
    private var reachedEnd = false
    /// The 1-based number of the line last returned.
    private var lineNumber = 0
    private let maximumLength: Int

    init(_ input: ByteInput, maximumLength: Int = LineReader.maximumLength) {
        self.input = input
        self.maximumLength = maximumLength
    }

    /// The next line, or nil at the end of the input.
    mutating func next() throws(InputProblem) -> TextLine? {
        while true {
            if let end = Self.firstLineEnd(in: buffer, from: searchFrom) {
                let isCarriageReturn = buffer[end] == Self.carriageReturn
                if isCarriageReturn, end + 1 == buffer.count, !reachedEnd {
                    // A CR at the end of the bytes read so far: an LF may follow in the next chunk.
                    searchFrom = end
                    try readMore()
                    continue
                }
                let isCRLF = isCarriageReturn && end + 1 < buffer.count && buffer[end + 1] == Self.newline
                defer {
                    start = end + (isCRLF ? 2 : 1)
                    searchFrom = start
                }
                guard end - start <= maximumLength else {
                    lineNumber += 1
                    return TextLine(text: "", number: lineNumber, problem: .lineTooLong(line: lineNumber))
                }
                return decodeLine(buffer[start..<end])
            }
            if reachedEnd {
                guard start < buffer.count else { return nil }
                defer {
                    start = buffer.count
                    searchFrom = start
                }
                guard buffer.count - start <= maximumLength else {
                    lineNumber += 1
                    return TextLine(text: "", number: lineNumber, problem: .lineTooLong(line: lineNumber))
                }
                return decodeLine(buffer[start...])
            }
            searchFrom = buffer.count
            if buffer.count - start > maximumLength { return try skipLongLine() }
            try readMore()
        }
    }

    /// Drops the line being read, which is too long, up to its line end (read
    /// on chunk by chunk, nothing kept), and returns it empty with its problem.
    private mutating func skipLongLine() throws(InputProblem) -> TextLine {
        lineNumber += 1
        let line = TextLine(text: "", number: lineNumber, problem: .lineTooLong(line: lineNumber))
        while true {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            searchFrom = 0
            try readMore()
            if reachedEnd { return line }
            if let end = Self.firstLineEnd(in: buffer, from: 0) {
                // A CRLF split between chunks leaves an LF to start the next line: an empty line, harmless.
                let isCRLF =
                    buffer[end] == Self.carriageReturn && end + 1 < buffer.count && buffer[end + 1] == Self.newline
                start = end + (isCRLF ? 2 : 1)
                searchFrom = start
                return line
            }
        }
    }

    /// All remaining lines joined with LF: the rest of the input with CRLF and
    /// lone CR made LF and the final line end dropped, checked as UTF-8 in one
    /// go. Throws `InputProblem.invalidUTF8` naming the first line that is not UTF-8.
    mutating func remainingText() throws(InputProblem) -> String {
        while !reachedEnd {
            if buffer.count - start > maximumLength { throw .documentTooLarge }
            try readMore()
        }
        if buffer.count - start > maximumLength { throw .documentTooLarge }
        // A slice of the buffer, copied only when line ends must change.
        var rest = buffer[start...]
        if rest.withUnsafeBufferPointer({ bytes in
            bytes.baseAddress.map { memchr($0, Int32(Self.carriageReturn), bytes.count) != nil } ?? false
        }) {
            rest = Self.withLineFeedsOnly(rest)[...]
        }
        if rest.last == Self.newline { rest.removeLast() }
        if let text = String(validating: rest, as: UTF8.self) { return text }
        var line = try next()
        while let current = line, current.problem == nil { line = try next() }
        throw .invalidUTF8(line: line?.number ?? lineNumber)
    }

    /// `bytes` with each CRLF and each lone CR made one LF.
    private static func withLineFeedsOnly(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for index in bytes.indices {
            if bytes[index] != carriageReturn {
                result.append(bytes[index])
            } else if index + 1 == bytes.endIndex || bytes[index + 1] != newline {
                result.append(newline)
            }
        }
        return result
    }

    /// The index of the first LF or CR at or after `start`, or nil.
    private static func firstLineEnd(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { bytes in
            let end = TextLayout.endOfLine(from: start, in: bytes)
            return end < bytes.count ? end : nil
        }
    }

    private mutating func readMore() throws(InputProblem) {
        guard let chunk = try input.next() else {
            reachedEnd = true
            return
        }
        buffer.removeFirst(start)
        searchFrom -= start
        start = 0
        buffer.append(contentsOf: chunk)
    }

    private mutating func decodeLine(_ bytes: ArraySlice<UInt8>) -> TextLine {
        lineNumber += 1
        if let text = String(validating: bytes, as: UTF8.self) {
            return TextLine(text: text, number: lineNumber, problem: nil)
        }
        return TextLine(
            text: String(decoding: bytes, as: UTF8.self), number: lineNumber, problem: .invalidUTF8(line: lineNumber))
    }
}
