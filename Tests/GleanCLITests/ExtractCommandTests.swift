import Foundation
import XCTest

/// `glean extract` run as a program: exit statuses, records for good and bad
/// files, the atomic `--output`, a quiet standard error, and the seed facts.
final class ExtractCommandTests: XCTestCase {
    /// The folder holding the built `glean`: the one around the `.xctest`
    /// bundle (macOS), or the test binary's own folder (Linux).
    static var productsDirectory: URL {
        let bundle = Bundle(for: ExtractCommandTests.self).bundleURL
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
    }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    // MARK: - Exit status and records

    func testFolderWithBadFilesExitsTwoAndKeepsEveryGoodDocument() throws {
        let input = folder.appendingPathComponent("input")
        try write("Twelve patients received intravenous bortezomib (1.3 mg/m2).", to: "input/good.txt")
        try write(
            """
            PMID- 101
            TI  - Cisplatin 75 mg/m2 in forty patients
            AB  - Forty patients were randomized to cisplatin 75 mg/m2 or placebo.

            PMID- 102
            TI  - A record with nothing to extract
            AB  - The weather was pleasant.

            PMID- 103
            TI  - Cycles
            AB  - Patients received six cycles of docetaxel 75 mg/m2.

            """, to: "input/export.nbib")
        try write(
            """
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <PubmedArticle><MedlineCitation><PMID>201</PMID><Article><ArticleTitle>Steroids</ArticleTitle><Abstract><AbstractText>Patients received dexamethasone 20 mg daily.</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID>202</PMID><Article><ArticleTitle>Broken</Article>
            """, to: "input/corrupt.xml")
        try write(Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), to: "input/paper.pdf")
        try write("", to: "input/empty.txt")
        try write(Data("Patients r".utf8) + [0xE9, 0xE7] + Data("us 10 mg\n".utf8), to: "input/latin1.txt")

        let result = try runGlean(["extract", input.path])

        XCTAssertEqual(result.status, 2)
        let records = try result.records()
        XCTAssertEqual(
            records.map { $0["id"] as? String },
            ["201", "corrupt", "empty", "101", "102", "103", "good", "latin1", "paper"],
            "walk order: corrupt.xml, empty.txt, export.nbib, good.txt, latin1.txt, paper.pdf")
        let errors = records.filter { $0["error"] != nil }
        XCTAssertEqual(errors.map { $0["id"] as? String }, ["corrupt", "empty", "latin1", "paper"])
        XCTAssertTrue(errors.allSatisfy { ($0["facts"] as? [Any])?.isEmpty == true })
        XCTAssertEqual(
            errors.map { $0["error"] as? String },
            [
                "malformed XML near line 4 (libxml2 error 76)", "empty file", "invalid UTF-8 on line 1",
                "PDF is not supported: convert it to text first (pdftotext, say)",
            ])
        XCTAssertEqual(facts(in: records, id: "good", field: "dose").first?["amount"] as? Double, 1.3)
        XCTAssertEqual(facts(in: records, id: "101", field: "cohort_size").first?["n"] as? Double, 40)
        XCTAssertEqual(facts(in: records, id: "103", field: "cycle_count").first?["count"] as? Double, 6)
        XCTAssertEqual(facts(in: records, id: "201", field: "dose").first?["amount"] as? Double, 20)
        XCTAssertEqual((records.first { $0["id"] as? String == "102" }?["facts"] as? [Any])?.count, 0)
        for error in errors {
            let source = try XCTUnwrap(error["source"] as? String)
            XCTAssertTrue(
                result.standardError.contains("glean: \(source): \(error["error"] as? String ?? "")\n"),
                "a warning for \(source) in: \(result.standardError)")
        }
        XCTAssertTrue(
            result.standardError.contains("files: 6  documents: 9  with facts: 4  errors: 4"),
            result.standardError)
    }

    func testDocumentWithoutFactsExitsOne() throws {
        try write("The weather was pleasant and nobody was counted.", to: "nothing.txt")
        let result = try runGlean(["extract", "--quiet", path("nothing.txt")])
        XCTAssertEqual(result.status, 1)
        // The record, then which glean and which rules made it (added keys).
        let version = try GleanProcess.run(["--version"]).standardOutput
        let release = try XCTUnwrap(version.split(separator: " ").dropFirst().first)
        let digest = try XCTUnwrap(version.split(separator: " ").last?.dropLast(2))
        XCTAssertEqual(
            result.standardOutput,
            "{\"id\":\"nothing\",\"source\":\"\(path("nothing.txt"))\",\"facts\":[],\"glean\":\"\(release)\",\"rules\":\"\(digest)\"}\n"
        )
    }

    /// Inside folders only document types are read: other files are counted
    /// as skipped, a PDF is an error record, and globs choose otherwise.
    func testOnlyDocumentTypesAreReadUnlessGlobsChoose() throws {
        try write("Twelve patients were enrolled.", to: "lit/a.txt")
        try write("# notes", to: "lit/README.md")
        try write("n,12", to: "lit/table.csv")
        try write("Ten patients were enrolled.", to: "lit/more/b.txt")
        let all = try runGlean(["extract", path("lit")])
        XCTAssertEqual(try all.records().map { $0["id"] as? String }, ["a", "b"])
        XCTAssertTrue(
            all.standardError.contains(
                "files: 2  documents: 2  with facts: 2  errors: 0  skipped: 2 files of other types (-g chooses)"),
            all.standardError)
        let onlyMarkdown = try runGlean(["extract", "--quiet", "-g", "*.md", path("lit")])
        XCTAssertEqual(try onlyMarkdown.records().map { $0["id"] as? String }, ["README"])
        let notBelowMore = try runGlean(["extract", "--quiet", "-g", "!more/*", path("lit")])
        XCTAssertEqual(try notBelowMore.records().map { $0["id"] as? String }, ["a"])
        // A file named on the command line is read whatever its type.
        XCTAssertEqual(
            try runGlean(["extract", "--quiet", path("lit/table.csv")]).records().map { $0["id"] as? String }, ["table"]
        )
    }

    func testAnEmptyFolderExitsOneAndSaysSo() throws {
        try FileManager.default.createDirectory(atPath: path("empty"), withIntermediateDirectories: true)
        let result = try runGlean(["extract", "--quiet", path("empty")])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.standardOutput, "")
        XCTAssertEqual(
            result.standardError, "glean: no documents in \(path("empty")) (no files, or only hidden ones)\n")
    }

    /// As ripgrep does: a reader that stops reading (`| head -1`) ends the
    /// run early with status 0 and nothing on standard error.
    func testAClosedPipeEndsTheRunQuietlyWithStatusZero() throws {
        for index in 0..<3000 {
            try write("Patient group \(index): twelve patients were enrolled.", to: "many/\(index).txt")
        }
        let shell = try GleanProcess.run(
            [
                "-c", "\"$0\" extract \"$1\" | head -c 10; echo; echo \"status ${PIPESTATUS[0]}\"",
                GleanProcess.glean.path, path("many"),
            ],
            program: URL(fileURLWithPath: "/bin/bash"))
        XCTAssertEqual(shell.standardOutput, "{\"id\":\"0\",\nstatus 0\n")
        XCTAssertEqual(shell.standardError, "")
    }

    func testDocumentWithFactsExitsZero() throws {
        try write("Twelve patients received intravenous bortezomib (1.3 mg/m2).", to: "dose.txt")
        let result = try runGlean(["extract", "--quiet", path("dose.txt")])
        XCTAssertEqual(result.status, 0)
        let dose = try XCTUnwrap(facts(in: result.records(), id: "dose", field: "dose").first)
        XCTAssertEqual(dose["amount"] as? Double, 1.3)
        XCTAssertEqual(dose["unit"] as? String, "mg/m2")
        XCTAssertEqual(dose["drug"] as? String, "bortezomib")
    }

    func testCompiledPatternsAreCachedAndTheCachedRunGivesTheSameFacts() throws {
        try write("Twelve patients received intravenous bortezomib (1.3 mg/m2) for six cycles.", to: "dose.txt")
        let cacheFolder = folder.appendingPathComponent("cache")
        let cached = ["GLEAN_CACHE_DIR": cacheFolder.path]
        let first = try GleanProcess.run(["extract", "--quiet", path("dose.txt")], environment: cached)
        let cacheFile = cacheFolder.appendingPathComponent("patterns")
        let attributes = { try FileManager.default.attributesOfItem(atPath: cacheFile.path) }
        let written = try XCTUnwrap(try attributes()[.modificationDate] as? Date)
        let second = try GleanProcess.run(["extract", "--quiet", path("dose.txt")], environment: cached)
        XCTAssertEqual(second.status, 0)
        XCTAssertEqual(second.standardOutput, first.standardOutput)
        let kept = try XCTUnwrap(try attributes()[.modificationDate] as? Date)
        XCTAssertEqual(kept, written, "the cache held every pattern: not written again")
        // A damaged cache is ignored (and replaced), never used.
        try Data(repeating: 0x41, count: 4096).write(to: cacheFile)
        let damaged = try GleanProcess.run(["extract", "--quiet", path("dose.txt")], environment: cached)
        XCTAssertEqual(damaged.standardOutput, first.standardOutput)
        XCTAssertEqual(damaged.standardError, "")
        // An empty GLEAN_CACHE_DIR turns the cache off.
        let home = folder.appendingPathComponent("home")
        let off = try GleanProcess.run(
            ["extract", "--quiet", path("dose.txt")],
            environment: ["GLEAN_CACHE_DIR": "", "XDG_CACHE_HOME": home.path, "HOME": home.path])
        XCTAssertEqual(off.standardOutput, first.standardOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.path))
    }

    func testGzipOnStandardInputIsReadDecompressedAndCorruptGzipIsAnErrorRecord() throws {
        try write("Twelve patients received intravenous bortezomib (1.3 mg/m2).", to: "dose.txt")
        let shell = URL(fileURLWithPath: "/bin/sh")
        let glean = GleanProcess.glean.path
        let good = try GleanProcess.run(
            ["-c", "gzip -c \"$0\" | \"$1\" extract --quiet -", path("dose.txt"), glean], program: shell)
        XCTAssertEqual(good.status, 0)
        let dose = try XCTUnwrap(facts(in: good.records(), id: "stdin", field: "dose").first)
        XCTAssertEqual(dose["amount"] as? Double, 1.3)
        XCTAssertEqual(dose["drug"] as? String, "bortezomib")

        // Megabytes after the bad header: gzip gives up while glean still feeds it (no SIGPIPE death).
        let corrupt = try GleanProcess.run(
            ["-c", "(printf '\\037\\213garbage'; head -c 4000000 /dev/zero) | \"$0\" extract --quiet -", glean],
            program: shell)
        XCTAssertEqual(corrupt.status, 2)
        let record = try XCTUnwrap(corrupt.records().first)
        XCTAssertEqual(record["id"] as? String, "stdin")
        XCTAssertTrue((record["error"] as? String)?.hasPrefix("cannot decompress: gzip: stdin:") ?? false, "\(record)")
    }

    // MARK: - Output

    func testOutputFileHasTheBytesOfStandardOutputAndNoTemporaryFileIsLeft() throws {
        try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "input/a.txt")
        try write("Forty patients were randomized.", to: "input/b.txt")
        try write("", to: "input/c.txt")
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try write("stale contents", to: "out/records.jsonl")

        for (format, name) in [("jsonl", "records.jsonl"), ("csv", "records.csv")] {
            let printed = try runGlean(["extract", "--quiet", "--format", format, path("input")])
            let written = try runGlean([
                "extract", "--quiet", "--format", format, "--output", path("out/\(name)"), path("input"),
            ])
            XCTAssertEqual(written.status, printed.status, format)
            XCTAssertEqual(printed.status, 2, format)
            XCTAssertEqual(written.standardOutput, "", format)
            XCTAssertFalse(printed.standardOutput.isEmpty, format)
            XCTAssertEqual(
                try Data(contentsOf: output.appendingPathComponent(name)), Data(printed.standardOutput.utf8), format)
        }
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted(), ["records.csv", "records.jsonl"])
    }

    func testOutputDashIsStandardOutput() throws {
        try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "a.txt")
        let printed = try runGlean(["extract", "--quiet", path("a.txt")])
        let dashed = try runGlean(["extract", "--quiet", "--output", "-", path("a.txt")])
        XCTAssertEqual(dashed.status, 0)
        XCTAssertEqual(dashed.standardOutput, printed.standardOutput)
        XCTAssertEqual(try XCTUnwrap(dashed.records().first)["id"] as? String, "a")
    }

    func testOutputToANamedPipeWritesIntoThePipeAndKeepsIt() throws {
        try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "a.txt")
        let pipe = path("records.fifo")
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let reader = open(pipe, O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }

        let result = try runGlean(["extract", "--quiet", "--output", pipe, path("a.txt")])

        XCTAssertEqual(result.status, 0, result.standardError)
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &bytes, bytes.count)
        let expected = try runGlean(["extract", "--quiet", path("a.txt")]).standardOutput
        XCTAssertEqual(count > 0 ? String(decoding: bytes[..<count], as: UTF8.self) : "", expected)
        let type = try FileManager.default.attributesOfItem(atPath: pipe)[.type] as? FileAttributeType
        XCTAssertNotEqual(type, .typeRegular, "the pipe is still a pipe, not replaced by a file")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.txt", "records.fifo"])
    }

    func testUnwritableOutputExitsTwoAndLeavesNothing() throws {
        try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "a.txt")
        let result = try runGlean(["extract", "--quiet", "--output", path("no/such/folder/out.jsonl"), path("a.txt")])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(
            result.standardError, "glean: cannot write \(path("no/such/folder/out.jsonl")): No such file or directory\n"
        )
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("no")))
    }

    func testFullDiskExitsTwo() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full on this system") }
        try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "a.txt")
        let result = try runGlean(["extract", "--quiet", path("a.txt")], standardOutput: full)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.hasPrefix("glean: "), result.standardError)
    }

    func testQuietLeavesStandardErrorSilent() throws {
        try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "a.txt")
        let quiet = try runGlean(["extract", "--quiet", path("a.txt")])
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.standardError, "")
        let loud = try runGlean(["extract", path("a.txt")])
        XCTAssertEqual(loud.standardOutput, quiet.standardOutput)
        XCTAssertTrue(
            loud.standardError.hasPrefix("files: 1  documents: 1  with facts: 1  errors: 0\n"), loud.standardError)
        XCTAssertFalse(loud.standardError.contains("\u{1B}["), "no progress bar when standard error is not a terminal")
    }

    func testProgressBarIsDrawnOnATerminal() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw XCTSkip("no script(1) to give glean a terminal")
        }
        for name in ["a", "b", "c"] {
            try write("Twelve patients received bortezomib 1.3 mg/m2.", to: "in/\(name).txt")
        }
        let command = [GleanProcess.glean.path, "extract", "--output", path("out.jsonl"), path("in")].map { "'\($0)'" }
        // script(1) runs glean on a pseudo-terminal and copies what it shows to its own output.
        // (Without a terminal there is no bar: testQuietLeavesStandardErrorSilent.)
        let result = try GleanProcess.run(["-qec", command.joined(separator: " "), "/dev/null"], program: script)
        XCTAssertEqual(result.status, 0, result.standardOutput)
        XCTAssertTrue(
            result.standardOutput.contains("\r\u{1B}[2K████████████████████████ 3/3 files  3 docs  "),
            result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(" docs/s  ETA 0:00"), result.standardOutput)
        XCTAssertTrue(
            result.standardOutput.contains("files: 3  documents: 3  with facts: 3  errors: 0"), result.standardOutput)
    }

    func testShardsTogetherWriteTheWholeRun() throws {
        for number in 1...7 { try write("Patients (n = \(number * 10)) were randomized.", to: "input/\(number).txt") }
        let whole = try runGlean(["extract", "--quiet", path("input")])
        var merged: [String] = []
        for index in 1...3 {
            let part = try runGlean(["extract", "--quiet", "--shard", "\(index)/3", path("input")])
            XCTAssertEqual(part.status, 0)
            merged += part.standardOutput.split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(merged.count, 7)
        XCTAssertEqual(merged.sorted(), whole.standardOutput.split(separator: "\n").map(String.init).sorted())
    }

    // MARK: - Seeds

    /// The facts of Fixtures/seeds/*.yaml, values as written there.
    static let seedFacts: [String: [(field: String, values: [String: String])]] = [
        "000_dbd1125ded003d7a": [
            ("cohort_size", ["n": "5"]),
            ("dose", ["amount": "1.3", "unit": "mg/m2", "drug": "bortezomib", "route": "iv"]),
            ("dose", ["amount": "0.5", "unit": "g/d", "drug": "methylprednisolone", "route": "iv"]),
            ("dose", ["amount": "0.6", "unit": "mg/kg/d", "drug": "prednisone", "route": "oral"]),
            ("dose", ["amount": "10", "unit": "mg/d", "drug": "prednisone"]),
            ("cycle_count", ["count": "4"]),
            ("cycle_count", ["count": "2-4"]),
            ("sledai_change", ["instrument": "SLEDAI", "from": "12-16", "to": "4-8", "direction": "decrease"]),
            ("ae_grade", ["grade": "1-2"]),
            ("ae_grade", ["grade": "1"]),
        ],
        "001_a63e5c58032e9d28": [
            ("cohort_size", ["n": "12"]),
            ("cycle_count", ["median": "2", "range": "1-4", "length_days": "21"]),
            ("dose", ["amount": "1.3", "unit": "mg/m2", "drug": "bortezomib", "route": "iv"]),
            ("dose", ["amount": "20", "unit": "mg", "drug": "dexamethasone"]),
            ("sledai_change", ["instrument": "SLEDAI-2K", "direction": "decrease"]),
            ("ae_grade", ["grade": "1-2"]),
        ],
    ]

    func testSeedFilesYieldTheSeedFacts() throws {
        let seeds = Self.repository.appendingPathComponent("Fixtures/seeds")
        let files = Self.seedFacts.keys.sorted().map { seeds.appendingPathComponent("\($0).txt").path }
        let result = try runGlean(["extract", "--quiet"] + files)
        XCTAssertEqual(result.status, 0, result.standardError)
        let records = try result.records()
        XCTAssertEqual(records.map { $0["id"] as? String }, Self.seedFacts.keys.sorted())
        for (id, expectedFacts) in Self.seedFacts {
            let emitted = try XCTUnwrap(records.first { $0["id"] as? String == id }?["facts"] as? [[String: Any]])
            for expected in expectedFacts {
                let found = emitted.contains { fact in
                    guard fact["field"] as? String == expected.field, let values = fact["values"] as? [String: Any]
                    else { return false }
                    return expected.values.allSatisfy { name, value in
                        values[name].map(Self.text)?.lowercased() == value.lowercased()
                    }
                }
                XCTAssertTrue(found, "\(id): no \(expected.field) fact with \(expected.values)")
            }
        }
    }

    // MARK: - Helpers

    /// Runs the built `glean`, standard output (unless given) and error captured.
    func runGlean(_ arguments: [String], standardOutput: FileHandle? = nil) throws -> GleanProcess.Result {
        try GleanProcess.run(arguments, standardOutput: standardOutput)
    }

    /// The values of the facts of `field` in the record `id`.
    func facts(in records: [[String: Any]], id: String, field: String) -> [[String: Any]] {
        let record = records.first { $0["id"] as? String == id }
        return (record?["facts"] as? [[String: Any]] ?? [])
            .filter { $0["field"] as? String == field }
            .compactMap { $0["values"] as? [String: Any] }
    }

    /// A JSON value as the fixtures write it: `1.3`, `20`, `2-4`.
    static func text(_ value: Any) -> String {
        if let number = value as? NSNumber, !(value is String) {
            let double = number.doubleValue
            return double == double.rounded() ? String(Int(double)) : String(double)
        }
        return "\(value)"
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func write(_ text: String, to name: String) throws { try write(Data(text.utf8), to: name) }

    private func write(_ data: Data, to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
