import Foundation
import XCTest

/// `--output` against a hostile or careless user: an output that is an
/// input, a symbolic link, a private file, and a run ended by a signal.
final class OutputSafetyTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("Twelve patients were enrolled.\n".utf8).write(to: url("in.txt"))
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    func testAnOutputThatIsAnInputIsRefusedAndTheInputKept() throws {
        let result = try GleanProcess.run(["extract", "--quiet", path("in.txt"), "--output", path("in.txt")])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.standardError,
            "glean: cannot write \(path("in.txt")): it is one of the inputs; write the output somewhere else\n")
        XCTAssertEqual(try String(contentsOf: url("in.txt"), encoding: .utf8), "Twelve patients were enrolled.\n")
        // The same file under another name (a link to it) is refused too.
        try FileManager.default.createSymbolicLink(atPath: path("alias.txt"), withDestinationPath: "in.txt")
        XCTAssertEqual(
            try GleanProcess.run(["extract", "--quiet", path("in.txt"), "--output", path("alias.txt")]).status, 2)
        XCTAssertEqual(try String(contentsOf: url("in.txt"), encoding: .utf8), "Twelve patients were enrolled.\n")
    }

    func testASymbolicLinkIsFollowedAndItsTargetReplacedWhole() throws {
        try Data(String(repeating: "old line\n", count: 2_000).utf8).write(to: url("real.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: path("link.jsonl"), withDestinationPath: "real.jsonl")
        let printed = try GleanProcess.run(["extract", "--quiet", path("in.txt")])
        let result = try GleanProcess.run(["extract", "--quiet", path("in.txt"), "--output", path("link.jsonl")])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(try String(contentsOf: url("real.jsonl"), encoding: .utf8), printed.standardOutput)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.jsonl")), "real.jsonl")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
            ["in.txt", "link.jsonl", "real.jsonl"])
    }

    func testAnExistingOutputKeepsItsPermissions() throws {
        try Data("old".utf8).write(to: url("private.jsonl"))
        XCTAssertEqual(chmod(path("private.jsonl"), 0o600), 0)
        XCTAssertEqual(
            try GleanProcess.run(["extract", "--quiet", path("in.txt"), "--output", path("private.jsonl")]).status, 0)
        let permissions =
            try FileManager.default.attributesOfItem(atPath: path("private.jsonl"))[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o600)
    }

    /// A run still reading standard input is ended by each signal: it ends
    /// by that signal, and its temporary output file is gone. The signal
    /// comes as soon as the file exists, several times over: a handler that
    /// was not yet in place there once left a third of such runs waiting for
    /// input for ever.
    func testASignalEndsTheRunAndLeavesNoTemporaryFile() throws {
        for round in 0..<5 {
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                let output = folder.appendingPathComponent("out-\(round)-\(signal)")
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
                let process = Process()
                process.executableURL = GleanProcess.glean
                process.arguments = [
                    "extract", "--quiet", "-", "--output", output.appendingPathComponent("records.jsonl").path,
                ]
                let input = Pipe()
                process.standardInput = input
                process.standardError = FileHandle.nullDevice
                try process.run()
                defer { try? input.fileHandleForWriting.close() }
                // The temporary file appears as soon as the output is opened.
                var deadline = Date().addingTimeInterval(20)
                while try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty, Date() < deadline {}
                XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path).count, 1)
                kill(process.processIdentifier, signal)
                deadline = Date().addingTimeInterval(10)
                while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
                guard !process.isRunning else {
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    XCTFail("signal \(signal) did not end the run (round \(round))")
                    continue
                }
                XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(signal)")
                XCTAssertEqual(process.terminationStatus, signal)
                XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path), [], "signal \(signal)")
            }
        }
    }

    private func path(_ name: String) -> String { url(name).path }

    private func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
}
