import Foundation
import GleanRegex

/// Where the rules' compiled patterns are kept between runs (see
/// ``PatternCache``): `$GLEAN_CACHE_DIR/patterns`, or under
/// `$XDG_CACHE_HOME/glean` or `~/.cache/glean`. `GLEAN_CACHE_DIR=` (empty)
/// turns the cache off. A cache that cannot be read or written only costs
/// the compilation it would have saved: nothing is reported.
struct PatternCacheFile {
    /// The cache file, or nil when the cache is off or no folder is known.
    let path: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let folder: String?
        if let configured = environment["GLEAN_CACHE_DIR"] {
            folder = configured.isEmpty ? nil : configured
        } else if let cacheHome = environment["XDG_CACHE_HOME"], !cacheHome.isEmpty {
            folder = (cacheHome as NSString).appendingPathComponent("glean")
        } else if let home = environment["HOME"], !home.isEmpty {
            folder = (home as NSString).appendingPathComponent(".cache/glean")
        } else {
            folder = nil
        }
        path = folder.map { ($0 as NSString).appendingPathComponent("patterns") }
    }

    /// The cache the file holds (an empty one when there is none), or nil
    /// when the cache is off. The file is read and decoded on another thread
    /// while the rule files are parsed.
    func read() -> PatternCache? {
        guard let path else { return nil }
        return PatternCache(decodingInBackground: {
            FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        })
    }

    /// Replaces the file with `cache`'s patterns when they differ from what it held.
    func write(_ cache: PatternCache) {
        guard let path, cache.isStale, let bytes = cache.serialized() else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Written to a temporary file and renamed: a run reading it meanwhile sees the old file or the new one.
        try? Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
