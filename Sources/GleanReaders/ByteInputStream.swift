import Foundation

/// A `ByteInput` seen as an `InputStream`, which is how `XMLParser` pulls
/// its bytes incrementally.
final class ByteInputStream: InputStream {
    private let input: ByteInput
    private var pending = Data()
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
                pending = chunk
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
}
