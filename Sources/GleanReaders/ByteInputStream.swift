import Foundation

/// A `ByteInput` seen as an `InputStream`, which is how `XMLParser` pulls
/// its bytes incrementally.
///
/// For input that `ByteInput` transcoded from UTF-16, the XML declaration's
/// `encoding="UTF-16"` is made `encoding="UTF-8"`, which is what the bytes
/// now are: libxml2 rejects a UTF-16 label on UTF-8 content.
final class ByteInputStream: InputStream {
    private static let declarationStart = Data("<?xml".utf8)
    private static let declarationEnd = Data("?>".utf8)

    private let input: ByteInput
    private var pending = Data()
    private var hasReadFirstChunk = false
    private var reachedEnd = false
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
        if pending.isEmpty {
            do {
                guard let chunk = try input.next() else {
                    reachedEnd = true
                    return 0
                }
                pending = hasReadFirstChunk || !input.isTranscodedFromUTF16 ? chunk : Self.declaringUTF8(chunk)
                hasReadFirstChunk = true
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
}
