import GleanRegex
import XCTest

final class PatternCacheTests: XCTestCase {
    private let sources = [#"(?<n>\d+) \s* mg"#, #"\b grade \s* (?<g>[1-5])"#]

    private func firstMatch(_ pattern: Pattern, _ text: String) throws -> String? {
        let bytes = Array(text.utf8)
        let match = try bytes.withUnsafeBufferPointer { try Matcher().firstMatch(of: pattern, in: $0) }
        return match.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// The bytes of a cache that holds `sources`, compiled with `options`.
    private func cacheBytes(options: RegexOptions = .extended) throws -> [UInt8] {
        let cache = PatternCache()
        for source in sources { _ = try Pattern(source, options: options, cache: cache) }
        XCTAssertTrue(cache.isStale, "patterns compiled: the (empty) bytes it came from are out of date")
        return try XCTUnwrap(cache.serialized())
    }

    func testPatternsAreTakenFromTheCacheAndMatchAsCompiledOnes() throws {
        let cache = PatternCache(decoding: try cacheBytes())
        XCTAssertEqual(cache.unusedCount, 2)
        let dose = try Pattern(sources[0], options: .extended, cache: cache)
        let grade = try Pattern(sources[1], options: .extended, cache: cache)
        XCTAssertEqual(cache.unusedCount, 0, "both came from the cache")
        XCTAssertFalse(cache.isStale, "nothing compiled, nothing left over")
        XCTAssertEqual(dose.groupNumber(named: "n"), 1)
        XCTAssertEqual(grade.captureCount, 1)
        XCTAssertEqual(try firstMatch(dose, "took 20 mg daily"), "20 mg")
        XCTAssertEqual(try firstMatch(grade, "a grade 3 rash"), "grade 3")
        XCTAssertTrue(dose.isJITCompiled, "decoded code is JIT-compiled on first use like any other")
    }

    func testACacheDecodedInTheBackgroundWaitsForItsBytesBeforeAnyUse() throws {
        let bytes = try cacheBytes()
        let released = DispatchSemaphore(value: 0)
        let cache = PatternCache(decodingInBackground: {
            released.wait()
            return bytes
        })
        // The bytes are held back until a use is under way: the use must wait for them, not find an empty cache.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { released.signal() }
        let dose = try Pattern(sources[0], options: .extended, cache: cache)
        XCTAssertEqual(cache.unusedCount, 1, "the pattern came from the decoded bytes")
        XCTAssertEqual(try firstMatch(dose, "took 20 mg daily"), "20 mg")
        _ = try Pattern(sources[1], options: .extended, cache: cache)
        XCTAssertFalse(cache.isStale, "nothing compiled, nothing left over")
    }

    func testAPatternMadeTwiceIsCompiledTheSecondTimeAndTheCacheStaysCurrent() throws {
        let cache = PatternCache(decoding: try cacheBytes())
        let first = try Pattern(sources[0], options: .extended, cache: cache)
        let second = try Pattern(sources[0], options: .extended, cache: cache)
        _ = try Pattern(sources[1], options: .extended, cache: cache)
        XCTAssertFalse(cache.isStale, "the bytes hold the pattern; a second copy changes nothing")
        XCTAssertEqual(try firstMatch(first, "8 mg"), try firstMatch(second, "8 mg"))
    }

    func testOtherOptionsOrTextAreCompiledAndMakeTheCacheStale() throws {
        let cache = PatternCache(decoding: try cacheBytes())
        let caseless = try Pattern(sources[0], options: [.extended, .caseless], cache: cache)
        XCTAssertEqual(cache.unusedCount, 2, "other options: not the cached pattern")
        XCTAssertTrue(cache.isStale)
        XCTAssertEqual(try firstMatch(caseless, "20 MG"), "20 MG")
        let fresh = PatternCache(decoding: try XCTUnwrap(cache.serialized()))
        XCTAssertEqual(fresh.unusedCount, 1, "only what this run made is kept")
    }

    /// A rule set changed in part: some patterns come from the bytes, some are
    /// compiled, and the next bytes must hold them all (PCRE2 will not
    /// serialize codes with different character tables together).
    func testPatternsTakenAndPatternsCompiledAreKeptTogether() throws {
        let cache = PatternCache(decoding: try cacheBytes())
        let dose = try Pattern(sources[0], options: .extended, cache: cache)
        let changed = try Pattern(#"\b grade \s* (?<g>[1-4])"#, options: .extended, cache: cache)
        XCTAssertTrue(cache.isStale)
        let bytes = try XCTUnwrap(cache.serialized(), "taken and compiled codes serialized together")
        let fresh = PatternCache(decoding: bytes)
        XCTAssertEqual(fresh.unusedCount, 2)
        let doseAgain = try Pattern(sources[0], options: .extended, cache: fresh)
        let changedAgain = try Pattern(changed.source, options: .extended, cache: fresh)
        XCTAssertEqual(fresh.unusedCount, 0, "both came from the new bytes")
        XCTAssertFalse(fresh.isStale)
        XCTAssertEqual(try firstMatch(doseAgain, "took 20 mg daily"), try firstMatch(dose, "took 20 mg daily"))
        XCTAssertEqual(try firstMatch(changedAgain, "a grade 3 rash"), "grade 3")
        XCTAssertEqual(try firstMatch(changedAgain, "a grade 5 rash"), nil)
    }

    func testBytesThatAreNoCacheGiveAnEmptyOne() throws {
        var bytes = try cacheBytes()
        var damaged = bytes
        damaged[damaged.count - 40] ^= 0x01
        XCTAssertEqual(PatternCache(decoding: damaged).unusedCount, 0, "one bit of a code changed")
        XCTAssertEqual(PatternCache(decoding: Array(bytes.prefix(40))).unusedCount, 0, "cut short")
        bytes[bytes.count / 2] ^= 0xFF
        bytes.replaceSubrange(0..<6, with: Array("nopats".utf8))
        XCTAssertEqual(PatternCache(decoding: bytes).unusedCount, 0, "not the cache's format")
        XCTAssertEqual(PatternCache(decoding: []).unusedCount, 0)
        let cache = PatternCache(decoding: Array("glean-patterns-1\n".utf8) + [UInt8](repeating: 7, count: 64))
        XCTAssertEqual(cache.unusedCount, 0, "a header but no PCRE2 serialization")
        let pattern = try Pattern(sources[0], options: .extended, cache: cache)
        XCTAssertEqual(try firstMatch(pattern, "5 mg"), "5 mg")
    }

    func testAnInvalidPatternStillThrows() throws {
        let cache = PatternCache(decoding: try cacheBytes())
        XCTAssertThrowsError(try Pattern("(unclosed", options: .extended, cache: cache))
        XCTAssertEqual(cache.unusedCount, 2)
    }
}
