import Foundation
import XCTest

/// Runs the built `glean` (or another program) with arguments, an
/// environment and text on standard input, its output captured in files so
/// no pipe can fill up. Shared by every command-line test.
struct GleanProcess {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String

        /// The standard output read as JSON Lines.
        func records() throws -> [[String: Any]] {
            try standardOutput.split(separator: "\n").map { line in
                try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        }
    }

    /// The built `glean` executable.
    static var glean: URL { ExtractCommandTests.productsDirectory.appendingPathComponent("glean") }

    /// - Parameters:
    ///   - program: what to run; `glean` unless given.
    ///   - standardOutput: where output goes instead of being captured.
    static func run(
        _ arguments: [String], program: URL = glean, input: String = "", environment: [String: String] = [:],
        in directory: URL? = nil, standardOutput: FileHandle? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["CI"] = nil
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        if let directory { process.currentDirectoryURL = directory }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glean-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
        try Data(input.utf8).write(to: files[0])
        try Data().write(to: files[1])
        try Data().write(to: files[2])
        let handles = [
            try FileHandle(forReadingFrom: files[0]), try FileHandle(forWritingTo: files[1]),
            try FileHandle(forWritingTo: files[2]),
        ]
        process.standardInput = handles[0]
        process.standardOutput = standardOutput ?? handles[1]
        process.standardError = handles[2]
        try process.run()
        process.waitUntilExit()
        for handle in handles { try handle.close() }
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: files[1]), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: files[2]), as: UTF8.self))
    }
}
