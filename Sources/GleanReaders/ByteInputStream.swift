import Foundation

/// A `ByteInput` seen as an `InputStream`, which is how `XMLParser` pulls
/// its bytes incrementally.
///
/// For input that `ByteInput` transcoded from UTF-16, the XML declaration's
/// `encoding="UTF-16"` is made `encoding="UTF-8"`, which is what the bytes
/// now are: libxml2 rejects a UTF-16 label on UTF-8 content.
///
/// A processing instruction without data, `<?target?>`, is given an empty
/// one, `<?target ?>`: libxml2 reports the first with no data at all, and
/// Foundation's `XMLParser` then reads a null pointer and crashes the process
/// (found by fuzzing; the two mean the same to XML).
final class ByteInputStream: InputStream {
    private static let declarationStart = Data("<?xml".utf8)
    private static let declarationEnd = Data("?>".utf8)

    private let input: ByteInput
    private var pending = Data()
    private var hasReadFirstChunk = false
    private var reachedEnd = false
    /// The end of the last chunk, held back: an unfinished tag (`<?target`)
    /// that the next chunk may close.
    private var heldBack = Data()
    /// Why reading stopped early, if it did.
    private(set) var problem: InputProblem?

    init(_ input: ByteInput) {
        self.input = input
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}

    override var hasBytesAvailable: Bool { !reachedEnd }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        while pending.isEmpty {
            do {
                guard let chunk = try input.next() else {
                    reachedEnd = heldBack.isEmpty
                    guard !reachedEnd else { return 0 }
                    pending = Self.givingInstructionsData(heldBack)
                    heldBack = Data()
                    break
                }
                var bytes =
                    heldBack + (hasReadFirstChunk || !input.isTranscodedFromUTF16 ? chunk : Self.declaringUTF8(chunk))
                hasReadFirstChunk = true
                heldBack = Data()
                if let tagStart = bytes.lastIndex(of: UInt8(ascii: "<")), bytes.endIndex - tagStart <= 1024,
                    !bytes[tagStart...].contains(UInt8(ascii: ">"))
                {
                    heldBack = Data(bytes[tagStart...])
                    bytes = Data(bytes[..<tagStart])
                }
                pending = Self.givingInstructionsData(bytes)
            } catch {
                problem = error
                reachedEnd = true
                return -1
            }
        }
        let count = min(maxLength, pending.count)
        pending.copyBytes(to: buffer, count: count)
        pending.removeFirst(count)
        return count
    }

    /// `chunk`, the start of an XML document, with the encoding its XML
    /// declaration names made UTF-8; unchanged when it has no declaration.
    private static func declaringUTF8(_ chunk: Data) -> Data {
        guard chunk.starts(with: declarationStart),
            let end = chunk.firstRange(of: declarationEnd)?.upperBound,
            let declaration = String(data: chunk[..<end], encoding: .utf8)
        else { return chunk }
        let encodingAttribute = /encoding\s*=\s*("[^"]*"|'[^']*')/
        return Data(declaration.replacing(encodingAttribute, with: "encoding=\"UTF-8\"").utf8) + chunk[end...]
    }

    /// `bytes` with a space before the `?>` of each processing instruction
    /// that has a target and nothing else (`<?properties?>`).
    static func givingInstructionsData(_ bytes: Data) -> Data {
        let question = UInt8(ascii: "?")
        let greater = UInt8(ascii: ">")
        let less = UInt8(ascii: "<")
        // Where a space goes: found with memchr, most chunks have no `?` at all but the declaration's.
        let insertions: [Int] = bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            guard let base = buffer.baseAddress else { return [] }
            var found: [Int] = []
            var index = 0
            while index < buffer.count, let hit = memchr(base + index, Int32(question), buffer.count - index) {
                let mark = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                index = mark + 1
                guard index < buffer.count, buffer[index] == greater else { continue }
                var nameStart = mark
                while nameStart > 0, isNameByte(buffer[nameStart - 1]) { nameStart -= 1 }
                if nameStart < mark, nameStart >= 2, buffer[nameStart - 1] == question, buffer[nameStart - 2] == less {
                    found.append(mark)
                }
            }
            return found
        }
        guard !insertions.isEmpty else { return bytes }
        var result = Data(capacity: bytes.count + insertions.count)
        var copiedTo = bytes.startIndex
        for offset in insertions {
            let mark = bytes.startIndex + offset
            result.append(bytes[copiedTo..<mark])
            result.append(0x20)
            copiedTo = mark
        }
        result.append(bytes[copiedTo...])
        return result
    }

    /// A byte of an XML name: ASCII letters, digits, `_`, `:`, `.`, `-`, or part of a non-ASCII character.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte >= 0x80
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-")
    }
}
