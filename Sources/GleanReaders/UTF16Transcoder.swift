import Foundation

/// Turns UTF-16 text (as EndNote and Windows tools save it, with a byte-order
/// mark) into UTF-8, one chunk at a time: a code unit or a surrogate pair split
/// between two chunks is completed from the next one. An unpaired surrogate,
/// or an odd byte at the end, becomes U+FFFD, as Swift's own UTF-16 decoding does.
struct UTF16Transcoder {
    private let isBigEndian: Bool
    /// Bytes of the last chunk that do not make a whole character yet: an odd
    /// byte, a high surrogate waiting for its low one, or both.
    private var pending: [UInt8] = []

    /// The length of a UTF-16 byte-order mark.
    static let byteOrderMarkLength = 2

    /// A transcoder for input that starts with a UTF-16 byte-order mark
    /// (`FF FE` little-endian, `FE FF` big-endian); nil for any other start.
    init?(byteOrderMarkOf head: Data) {
        switch (head.first, head.dropFirst().first) {
        case (0xFF, 0xFE): isBigEndian = false
        case (0xFE, 0xFF): isBigEndian = true
        default: return nil
        }
    }

    /// The UTF-8 bytes of the whole characters that `chunk` completes.
    mutating func transcode(_ chunk: Data) -> Data {
        pending.append(contentsOf: chunk)
        var units = (0..<pending.count / 2).map(codeUnit(at:))
        // A high surrogate at the end waits for the low surrogate in the next chunk.
        let keepsLastUnit = units.last.map(UTF16.isLeadSurrogate) ?? false
        if keepsLastUnit { units.removeLast() }
        pending.removeFirst(units.count * 2)
        return Data(String(decoding: units, as: UTF16.self).utf8)
    }

    /// The UTF-8 bytes of whatever the input left incomplete at its end
    /// (U+FFFD for each piece), or nil when it left nothing.
    mutating func finish() -> Data? {
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        var units = (0..<pending.count / 2).map(codeUnit(at:))
        if !pending.count.isMultiple(of: 2) { units.append(0xFFFD) }
        return Data(String(decoding: units, as: UTF16.self).utf8)
    }

    private func codeUnit(at index: Int) -> UInt16 {
        let first = UInt16(pending[2 * index])
        let second = UInt16(pending[2 * index + 1])
        return isBigEndian ? first << 8 | second : second << 8 | first
    }
}
