/// A table of 64-bit hashes that are already well mixed (``FNV1a``), each
/// with a 64-bit payload, looked up by their low bits with linear probing:
/// no second hash, as `Set` and `Dictionary` compute. (Two of 2^64 hashes
/// colliding among a hundred thousand words is not a practical concern.)
struct HashTable: Sendable {
    /// Slots of hashes; 0 marks an empty one (a hash of 0 is stored as 1).
    /// At most three in four are filled, so a lookup probes few.
    private let slots: [UInt64]
    /// Each slot's payload; empty for a table made without payloads.
    private let payloads: [UInt64]
    private let mask: Int
    /// How many distinct hashes it holds.
    let count: Int

    /// A table of `entries`; a hash given twice keeps its payloads or-ed together.
    init(_ entries: [(hash: UInt64, payload: UInt64)]) {
        self.init(hashes: entries.map(\.hash), payloads: entries.map(\.payload))
    }

    /// A table of `hashes`, with no payloads.
    init(_ hashes: [UInt64]) {
        self.init(hashes: hashes, payloads: nil)
    }

    private init(hashes: [UInt64], payloads given: [UInt64]?) {
        var capacity = 16
        while capacity * 3 < hashes.count * 4 { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var payloads = given == nil ? [] : [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        var count = 0
        for (index, hash) in hashes.enumerated() {
            let stored = Self.stored(hash)
            var slot = Int(truncatingIfNeeded: stored) & mask
            while slots[slot] != 0, slots[slot] != stored { slot = (slot + 1) & mask }
            if slots[slot] == 0 {
                slots[slot] = stored
                count += 1
            }
            if let given { payloads[slot] |= given[index] }
        }
        self.slots = slots
        self.payloads = payloads
        self.mask = mask
        self.count = count
    }

    @inline(__always)
    func contains(_ hash: UInt64) -> Bool { slot(of: hash) != nil }

    /// The payload of `hash` (0 in a table without payloads), or nil when
    /// the table does not hold it.
    @inline(__always)
    func payload(of hash: UInt64) -> UInt64? { slot(of: hash).map { payloads.isEmpty ? 0 : payloads[$0] } }

    @inline(__always)
    private func slot(of hash: UInt64) -> Int? {
        let stored = Self.stored(hash)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: stored) & mask
            while slots[slot] != 0 {
                if slots[slot] == stored { return slot }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private static func stored(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }
}
