internal import CPCRE2
import Synchronization

/// A compiled PCRE2 pattern, JIT-compiled the first time it is matched (so
/// a rule set's patterns are JIT-compiled by the threads that use them, and
/// a pattern never matched costs no JIT compilation). Compile once, then
/// share it between threads: apart from that one JIT compilation, under a
/// lock, PCRE2 never writes to compiled code, and every thread matches with
/// its own ``Matcher``. A thread that needs the pattern while another
/// JIT-compiles it does not wait: it matches in PCRE2's interpreter, with a
/// copy of the compiled code made before the compilation began.
public final class Pattern: @unchecked Sendable {
    /// The pattern text as given.
    public let source: String
    /// The options it was compiled with.
    public let options: RegexOptions
    /// How many capture groups the pattern has (not counting group 0).
    public let captureCount: Int
    /// Group numbers by name. A name maps to several numbers when the
    /// pattern reuses it (`(?J)` or a `(?|...)` branch reset).
    public let groupNumbers: [String: [Int]]
    /// Whether PCRE2's JIT compiler accepted the pattern (JIT-compiling it
    /// if it was not yet).
    public var isJITCompiled: Bool { prepareForMatching() }

    let code: OpaquePointer
    private let jitState = Atomic<UInt8>(JITState.notYet)
    private let jitCompilation = Mutex(())
    /// A copy of `code` without JIT code, for the matches that run while
    /// another thread JIT-compiles `code` (the interpreter then reads nothing
    /// that thread writes); made just before the compilation, kept after it
    /// (such a match may still be running).
    private let interpreterCode = Atomic<OpaquePointer?>(nil)

    private enum JITState {
        static let notYet: UInt8 = 0, compiled: UInt8 = 1, refused: UInt8 = 2
    }

    /// Compiles `source`; throws ``PatternError`` with PCRE2's message and the
    /// byte offset it stopped at.
    public convenience init(_ source: String, options: RegexOptions = []) throws(PatternError) {
        try self.init(source, options: options, cache: nil)
    }

    /// Takes the compiled code from `cache` when it holds the pattern, and
    /// compiles it otherwise (noting it in the cache for the next run);
    /// throws as ``init(_:options:)`` does.
    public init(_ source: String, options: RegexOptions, cache: PatternCache?) throws(PatternError) {
        let key = cache.map { _ in PatternCache.Key(source: source, options: options) }
        let cached = key.flatMap { cache?.takeCode(for: $0) }
        let compiled: OpaquePointer
        if let cached { compiled = cached } else { compiled = try Pattern.compile(source, options: options) }
        self.code = compiled
        self.source = source
        self.options = options
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        self.groupNumbers = Pattern.readNameTable(compiled)
        if let cache, let key { cache.note(self, key: key, compiled: cached == nil) }
    }

    deinit {
        pcre2_code_free_8(code)
        if let copy = interpreterCode.load(ordering: .acquiring) { pcre2_code_free_8(copy) }
    }

    /// JIT-compiles the pattern if no thread has yet, waiting for one that is
    /// doing so; after that, one atomic load. Returns whether the JIT took it.
    @discardableResult
    func prepareForMatching() -> Bool {
        if jitState.load(ordering: .acquiring) == JITState.notYet { jitCompilation.withLock { _ in compileJITOnce() } }
        return jitState.load(ordering: .acquiring) == JITState.compiled
    }

    /// How a match runs: with the JIT code; in the interpreter, the JIT
    /// having refused the pattern; or in the interpreter with a copy of the
    /// code, while another thread JIT-compiles it.
    enum JITReadiness {
        case compiled, refused
        case compiling(copy: OpaquePointer)
    }

    /// JIT-compiles the pattern the first time it is matched, unless another
    /// thread is already doing so: then this match runs in the interpreter
    /// rather than wait. (At the start of a batch the workers reach the same
    /// patterns at about the same time; one waiting for the other's
    /// compilation spun on the lock, a tenth of a short run's time.) After
    /// that, one atomic load.
    @inline(__always)
    func jitReadiness() -> JITReadiness {
        if jitState.load(ordering: .acquiring) == JITState.notYet,
            jitCompilation.withLockIfAvailable({ _ in compileJITOnce() }) == nil
        {
            // (The copy is made as the compilation starts: in the moment before, wait for it.)
            guard let copy = interpreterCode.load(ordering: .acquiring) else { return waitedReadiness() }
            return .compiling(copy: copy)
        }
        return jitState.load(ordering: .acquiring) == JITState.compiled ? .compiled : .refused
    }

    /// The readiness once the JIT compilation under way has ended.
    func waitedReadiness() -> JITReadiness { prepareForMatching() ? .compiled : .refused }

    /// JIT-compiles the pattern unless that was done; called with the lock held.
    private func compileJITOnce() {
        guard jitState.load(ordering: .acquiring) == JITState.notYet else { return }
        let accepted: Bool
        if options.contains(.autoCallout) {
            accepted = false
        } else {
            interpreterCode.store(pcre2_code_copy_8(code), ordering: .releasing)
            accepted = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        }
        jitState.store(accepted ? JITState.compiled : JITState.refused, ordering: .releasing)
    }

    /// Checks that `source` compiles, without keeping or JIT-compiling it;
    /// throws as ``init(_:options:)`` does.
    public static func check(_ source: String, options: RegexOptions = []) throws(PatternError) {
        pcre2_code_free_8(try compile(source, options: options))
    }

    /// A new code for `source` (PCRE2's built-in character tables), its owner the caller.
    static func compile(_ source: String, options: RegexOptions) throws(PatternError) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled: OpaquePointer? = source.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(
                    bytes.baseAddress, bytes.count - 1, Pattern.compileFlags(options),
                    &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PatternError(code: errorCode, message: PCRE2Message.text(for: errorCode), offset: errorOffset)
        }
        return compiled
    }

    /// The first group with this name, if the pattern defines it.
    public func groupNumber(named name: String) -> Int? { groupNumbers[name]?.first }

    private static func compileFlags(_ options: RegexOptions) -> UInt32 {
        var flags = UInt32(PCRE2_UTF | PCRE2_UCP)
        if options.contains(.caseless) { flags |= UInt32(PCRE2_CASELESS) }
        if options.contains(.extended) { flags |= UInt32(PCRE2_EXTENDED) }
        if options.contains(.dotAll) { flags |= UInt32(PCRE2_DOTALL) }
        if options.contains(.multiline) { flags |= UInt32(PCRE2_MULTILINE) }
        if options.contains(.ungreedy) { flags |= UInt32(PCRE2_UNGREEDY) }
        if options.contains(.anchored) { flags |= UInt32(PCRE2_ANCHORED) }
        if options.contains(.offsetLimit) { flags |= UInt32(PCRE2_USE_OFFSET_LIMIT) }
        // Without start-up optimizations, so a trace sees every start
        // position and every attempt, even ones PCRE2 could rule out early.
        if options.contains(.autoCallout) { flags |= UInt32(PCRE2_AUTO_CALLOUT | PCRE2_NO_START_OPTIMIZE) }
        return flags
    }

    /// Reads PCRE2's name table: entries of a 2-byte big-endian group number
    /// followed by the zero-terminated name.
    private static func readNameTable(_ code: OpaquePointer) -> [String: [Int]] {
        var nameCount: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, nameCount > 0 else { return [:] }
        var numbers: [String: [Int]] = [:]
        for index in 0..<Int(nameCount) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let name = String(cString: entry + 2)
            numbers[name, default: []].append(number)
        }
        return numbers
    }
}

/// PCRE2's text for an error code.
enum PCRE2Message {
    static func text(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "unknown PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}
