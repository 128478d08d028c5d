internal import CPCRE2
import Dispatch
import GleanDigest
import Synchronization

/// Compiled patterns kept from an earlier run, in PCRE2's serialized form,
/// so that a pattern compiled then is decoded instead of compiled again:
/// compiling a rule set's patterns is about a third of the time a run
/// spends loading it. Each pattern is found by its text and options; a pattern
/// the cache does not hold is compiled, and the cache notes that its bytes
/// are stale (``serialized()`` then gives the bytes to keep for next time).
///
/// The bytes hold a header of this library's own (a format name, each
/// pattern's key and a checksum of the rest) and PCRE2's serialization,
/// which PCRE2 checks for its own version and build: bytes from another
/// PCRE2, or damaged ones, give an empty cache.
/// JIT code is not kept (PCRE2 cannot serialize it): it is compiled on
/// first use, as for any pattern.
public final class PatternCache: Sendable {
    /// What the cache holds and what this run compiled.
    private struct State {
        /// Decoded codes not yet taken by a pattern, by key.
        var decoded: [Key: OpaquePointer] = [:]
        /// The keys the bytes held: a second pattern with one of them is
        /// compiled (each code is given out once), and the bytes still hold it.
        var held: Set<Key> = []
        /// Every pattern made with the cache, by key: what the next bytes hold.
        var patterns: [Key: Pattern] = [:]
        /// The keys of ``patterns`` whose code was decoded from the bytes, not compiled.
        var decodedPatterns: Set<Key> = []
        /// Whether a pattern was compiled (not found), or a held one went unused.
        var compiledAny = false
    }

    /// A pattern's text and options, as two 64-bit FNV-1a hashes with
    /// different starts (128 bits: no two of a rule set's patterns collide).
    /// A dictionary keyed by it hashes 16 bytes, not a pattern's text.
    public struct Key: Hashable, Sendable {
        let first: UInt64
        let second: UInt64

        public init(source: String, options: RegexOptions) {
            var (first, second): (UInt64, UInt64) = (FNV1a.offsetBasis, 0x6c62_272e_07bb_0142)
            for byte in withUnsafeBytes(of: options.rawValue.littleEndian, Array.init) + Array(source.utf8) {
                (first, second) = (FNV1a.hashing(byte, into: first), FNV1a.hashing(byte, into: second))
            }
            (self.first, self.second) = (first, second)
        }
    }

    private static let formatName = Array("glean-patterns-1\n".utf8)
    private let state: Mutex<State>
    /// Left once the bytes are decoded: every use of the state waits for it.
    private let decoding = DispatchGroup()

    /// An empty cache: every pattern is compiled, and noted for ``serialized()``.
    public convenience init() {
        self.init(decoding: [])
    }

    /// The cache `bytes` hold (written by ``serialized()``); an empty one when
    /// they are not such bytes or come from another PCRE2.
    public init(decoding bytes: [UInt8]) {
        let decoded = Self.decode(bytes)
        state = Mutex(State(decoded: decoded, held: Set(decoded.keys)))
    }

    /// The cache that the bytes `read` returns hold, read and decoded on
    /// another thread from now on: a run reads its rule files meanwhile (the
    /// file is megabytes, and decoding copies every code). A use of the
    /// cache waits until the bytes are decoded.
    public init(decodingInBackground read: @escaping @Sendable () -> [UInt8]) {
        state = Mutex(State())
        decoding.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            state.withLock { state in
                let decoded = Self.decode(read())
                state = State(decoded: decoded, held: Set(decoded.keys))
            }
            decoding.leave()
        }
    }

    /// The state, once the bytes are decoded.
    private func withState<Result>(_ body: (inout sending State) -> sending Result) -> sending Result {
        decoding.wait()
        return state.withLock(body)
    }

    /// How many decoded patterns it still holds, not yet asked for.
    public var unusedCount: Int { withState { $0.decoded.count } }

    /// Whether the bytes it was made from differ from what this run would
    /// keep: a pattern was compiled, or one held was never asked for.
    public var isStale: Bool { withState { $0.compiledAny || !$0.decoded.isEmpty } }

    /// The compiled code for `source` with `options`, if the cache holds it
    /// (each held code is given out once; a pattern given twice is compiled
    /// the second time).
    func takeCode(for key: Key) -> OpaquePointer? {
        withState { $0.decoded.removeValue(forKey: key) }
    }

    /// Notes a pattern made with the cache, and whether it was compiled.
    func note(_ pattern: Pattern, key: Key, compiled: Bool) {
        withState { state in
            if state.patterns[key] == nil {
                state.patterns[key] = pattern
                if !compiled { state.decodedPatterns.insert(key) }
            }
            if compiled, !state.held.contains(key) { state.compiledAny = true }
        }
    }

    /// The bytes to keep for the next run: every pattern made with this
    /// cache (those found and those compiled). Nil when PCRE2 cannot
    /// serialize them.
    ///
    /// PCRE2 serializes only codes that share one set of character tables:
    /// decoded codes share the copy PCRE2 made of the bytes' tables, compiled
    /// ones its built-in tables. Where both are kept (a rule set changed in
    /// part since the bytes were written), the decoded ones are compiled again
    /// for the new bytes, once.
    public func serialized() -> [UInt8]? {
        withState { state -> [UInt8]? in
            let entries = Array(state.patterns)
            guard !entries.isEmpty else { return nil }
            let mixed = !state.decodedPatterns.isEmpty && state.decodedPatterns.count < entries.count
            var recompiled: [OpaquePointer] = []
            defer { for code in recompiled { pcre2_code_free_8(code) } }
            var codes: [OpaquePointer?] = []
            codes.reserveCapacity(entries.count)
            for (key, pattern) in entries {
                guard mixed, state.decodedPatterns.contains(key) else {
                    codes.append(pattern.code)
                    continue
                }
                guard let code = try? Pattern.compile(pattern.source, options: pattern.options) else { return nil }
                recompiled.append(code)
                codes.append(code)
            }
            var serialized: UnsafeMutablePointer<UInt8>? = nil
            var size: Int = 0
            let count = codes.withUnsafeMutableBufferPointer { codes in
                pcre2_serialize_encode_8(codes.baseAddress, Int32(codes.count), &serialized, &size, nil)
            }
            guard count == entries.count, let serialized else { return nil }
            defer { pcre2_serialize_free_8(serialized) }
            let body = UnsafeBufferPointer(start: serialized, count: size)
            var bytes = Self.formatName
            Self.append(UInt64(entries.count), to: &bytes)
            for (key, _) in entries {
                Self.append(key.first, to: &bytes)
                Self.append(key.second, to: &bytes)
            }
            Self.append(Self.checksum(body), to: &bytes)
            bytes += body
            return bytes
        }
    }

    /// Frees the decoded codes no pattern took.
    deinit {
        withState { state in
            for code in state.decoded.values { pcre2_code_free_8(code) }
        }
    }

    /// The codes of cache bytes by key, or none when the bytes are not the
    /// cache's format or PCRE2 will not decode them.
    private static func decode(_ bytes: [UInt8]) -> [Key: OpaquePointer] {
        guard bytes.count > formatName.count + 8, bytes.starts(with: formatName) else { return [:] }
        var offset = formatName.count
        let count = Int(truncatingIfNeeded: read(bytes, at: &offset))
        guard count > 0, count < 1 << 20, bytes.count > offset + count * 16 + 8 else { return [:] }
        var keys: [Key] = []
        keys.reserveCapacity(count)
        for _ in 0..<count {
            let first = read(bytes, at: &offset)
            keys.append(Key(first: first, second: read(bytes, at: &offset)))
        }
        let checksum = read(bytes, at: &offset)
        var codes = [OpaquePointer?](repeating: nil, count: count)
        let decoded = bytes[offset...].withUnsafeBufferPointer { serialized -> Int32 in
            // (PCRE2 checks only its header: damaged code would be matched as it is.)
            guard Self.checksum(serialized) == checksum,
                pcre2_serialize_get_number_of_codes_8(serialized.baseAddress) == Int32(count)
            else { return -1 }
            return codes.withUnsafeMutableBufferPointer { codes in
                pcre2_serialize_decode_8(codes.baseAddress, Int32(count), serialized.baseAddress, nil)
            }
        }
        guard decoded == Int32(count) else { return [:] }
        var byKey: [Key: OpaquePointer] = [:]
        for (key, code) in zip(keys, codes) {
            guard let code else { continue }
            if byKey[key] == nil { byKey[key] = code } else { pcre2_code_free_8(code) }
        }
        return byKey
    }

    /// A checksum of the serialized codes, eight bytes at a time (the file
    /// is read on every run): a damaged or cut file is not decoded.
    private static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return hash }
        let words = bytes.count / 8
        for index in 0..<words {
            hash = (hash ^ UnsafeRawPointer(base + index * 8).loadUnaligned(as: UInt64.self)) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }
        for byte in bytes[(words * 8)...] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func read(_ bytes: [UInt8], at offset: inout Int) -> UInt64 {
        defer { offset += 8 }
        return (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}

extension PatternCache.Key {
    fileprivate init(first: UInt64, second: UInt64) {
        self.first = first
        self.second = second
    }
}
