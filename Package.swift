// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "glean",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "glean", targets: ["glean"]),
        .library(name: "GleanCore", targets: ["GleanCore"]),
        .library(name: "GleanOutput", targets: ["GleanOutput"]),
        .library(name: "GleanReports", targets: ["GleanReports"]),
        // The input readers alone: what the fuzz target (Fuzz/) exercises.
        .library(name: "GleanReaders", targets: ["GleanReaders"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // The system PCRE2 library. Only GleanRegex imports it.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // A small Swift face over PCRE2: compile, JIT, match, named groups, the compiled-pattern cache.
        .target(name: "GleanRegex", dependencies: ["CPCRE2", "GleanDigest"]),
        // Input formats: plain text, MEDLINE, PubMed XML, RIS/EndNote, JATS, JSON Lines.
        .target(name: "GleanReaders"),
        // The default rule set: Rules/*.yaml and *.terms built into the code
        // by the EmbedRules plugin, so the executable stands alone.
        .target(name: "GleanRules", plugins: ["EmbedRules"]),
        // FNV-1a and the rule digest: shared by the engine and by the tool
        // that embeds the rules, which writes their digest in at build time.
        .target(name: "GleanDigest"),
        .executableTarget(name: "EmbedRulesTool", dependencies: ["GleanDigest"]),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
        // The engine: the model, rules, normalizers, extraction, validation,
        // explanation and fixture review. No terminal, HTML or file output.
        .target(
            name: "GleanCore",
            dependencies: [
                "GleanRegex", "GleanReaders", "GleanRules", "GleanDigest",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Collections", package: "swift-collections"),
            ],
            // Release builds skip the run-time exclusivity checks on class
            // properties (3% of a batch's time); debug builds, which the
            // tests run, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Output: extraction records, the JSON Lines and CSV writers, safe
        // output files, batch extraction over folders, and diffs of runs.
        .target(
            name: "GleanOutput",
            dependencies: [
                "GleanCore", "GleanReaders", "GleanRegex", .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        // Reports for people: terminal rendering, the HTML report and the
        // interactive review session.
        .target(
            name: "GleanReports",
            dependencies: [
                "GleanCore", "GleanOutput", "GleanRegex", "GleanDigest",
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "glean",
            dependencies: [
                "GleanCore", "GleanOutput", "GleanReports", "GleanRegex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GleanRegexTests", dependencies: ["GleanRegex"]),
        .testTarget(name: "GleanReadersTests", dependencies: ["GleanReaders"]),
        .testTarget(
            name: "GleanCoreTests",
            dependencies: ["GleanCore", "GleanOutput", "GleanReports", "GleanDigest", "GleanRules"]),
        .testTarget(name: "GleanCLITests", dependencies: ["glean"]),
    ]
)
