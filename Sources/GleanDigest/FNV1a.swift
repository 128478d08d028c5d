/// FNV-1a, 64 bits: the hash of word bytes (lower-cased as they are read,
/// so a lookup needs no lower-cased copy of the word) and of rule files.
/// Inlinable: the word scanner hashes every word of every document.
public enum FNV1a {
    @inlinable public static var offsetBasis: UInt64 { 0xcbf2_9ce4_8422_2325 }

    @inlinable @inline(__always)
    public static func hashing(_ byte: UInt8, into hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The hash of `bytes` with ASCII capitals lower-cased, continuing `hash`.
    @inlinable
    public static func hash(
        lowercasing bytes: Slice<UnsafeBufferPointer<UInt8>>, continuing hash: UInt64 = offsetBasis
    ) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = hashing(byte &- 0x41 < 26 ? byte | 0x20 : byte, into: hash) }
        return hash
    }

    /// The hash of `bytes` with ASCII capitals lower-cased.
    public static func hash(lowercasing bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash(lowercasing: $0[...]) }
    }
}
