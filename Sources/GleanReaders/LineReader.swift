import Foundation

/// Something that hands out lines of text one at a time.
protocol LineSource {
    /// The next line, without its line end, or nil at the end of the input.
    mutating func next() throws(InputProblem) -> String?
}

/// The lines of a UTF-8 text input, one at a time: without their line ends
/// (LF or CRLF), and without a byte-order mark at the start of the input.
struct LineReader: LineSource {
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let input: ByteInput
    /// Bytes read from the input; those before `start` are already handed out.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where to look for the next line end: the bytes from `start` up to here hold none.
    private var searchFrom = 0
    private var reachedEnd = false
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(_ input: ByteInput) {
        self.input = input
    }

    /// The next line, or nil at the end of the input.
    mutating func next() throws(InputProblem) -> String? {
        while true {
            if let end = buffer[searchFrom...].firstIndex(of: Self.newline) {
                defer { start = end + 1; searchFrom = start }
                return try decodeLine(buffer[start..<end])
            }
            if reachedEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count; searchFrom = start }
                return try decodeLine(buffer[start...])
            }
            searchFrom = buffer.count
            try readMore()
        }
    }

    /// All remaining lines joined with LF: the rest of the input with CRLF
    /// made LF and the final line end dropped, checked as UTF-8 in one go.
    mutating func remainingText() throws(InputProblem) -> String {
        while !reachedEnd { try readMore() }
        var rest = Array(buffer[start...])
        if lineNumber == 0, rest.starts(with: Self.byteOrderMark) { rest.removeFirst(Self.byteOrderMark.count) }
        if rest.contains(Self.carriageReturn) {
            rest = rest.indices.compactMap { index in
                rest[index] == Self.carriageReturn && index + 1 < rest.count && rest[index + 1] == Self.newline ? nil : rest[index]
            }
        }
        if rest.last == Self.newline { rest.removeLast() }
        if rest.last == Self.carriageReturn { rest.removeLast() }
        if let text = String(validating: rest, as: UTF8.self) { return text }
        // Name the line that is not UTF-8.
        var lines: [String] = []
        while let line = try next() { lines.append(line) }
        return lines.joined(separator: "\n")
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

    private mutating func decodeLine(_ bytes: ArraySlice<UInt8>) throws(InputProblem) -> String {
        lineNumber += 1
        var line = bytes
        if lineNumber == 1, line.starts(with: Self.byteOrderMark) { line = line.dropFirst(Self.byteOrderMark.count) }
        if line.last == Self.carriageReturn { line = line.dropLast() }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw .invalidUTF8(line: lineNumber)
        }
        return text
    }
}
