// swift-tools-version: 6.0
import PackageDescription

/// A libFuzzer target for glean's input readers, kept out of the main
/// package because it has no `main` of its own. Build and run it with
/// `scripts/fuzz.sh` (it passes `-sanitize=fuzzer`).
let package = Package(
    name: "glean-fuzz",
    dependencies: [.package(name: "glean", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzReaders",
            dependencies: [.product(name: "GleanReaders", package: "glean")]
        ),
    ]
)
