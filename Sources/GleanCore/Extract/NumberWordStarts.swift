/// Where English number words start in a text: the candidate positions of
/// counts written in words, for rules with a ``CountAnchor``.
///
/// A position qualifies when it begins a run of ASCII letters that is, in any
/// case, one of ``NumberWords``' words (`One`, `twenty` in `twenty-one`), and
/// the byte before it is not an ASCII letter or digit. That is a superset of
/// where a pattern can match a number word at a word boundary, which is all
/// an anchor needs: a candidate that the pattern rejects costs one anchored
/// attempt.
enum NumberWordStarts {
    /// The words as lower-case ASCII bytes, indexed by their first byte.
    private static let wordsByFirstByte: [[[UInt8]]] = {
        let words = NumberWords.units.keys.filter { !NumberWords.weakWords.contains($0) }
            + NumberWords.multipliers.keys
        var table = [[[UInt8]]](repeating: [], count: 256)
        for word in words.sorted() { table[Int(word.utf8.first!)].append(Array(word.utf8)) }
        return table
    }()

    /// The byte offsets, in order.
    static func positions(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        let table = wordsByFirstByte
        var found: [Int] = []
        var index = 0
        while index < bytes.count {
            guard isLetter(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isLetter(bytes[index]) { index += 1 }
            let candidates = table[Int(bytes[start] | 0x20)]
            guard !candidates.isEmpty, start == 0 || !isDigit(bytes[start - 1]) else { continue }
            let length = index - start
            let matches = candidates.contains { word in
                word.count == length && word.indices.allSatisfy { word[$0] == bytes[start + $0] | 0x20 }
            }
            if matches { found.append(start) }
        }
        return found
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
