import Foundation
import XCTest

/// `glean diff`, `glean extract --baseline` and `--html`, run as programs.
final class DiffCommandTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    static let documents = [
        "trial-a.txt":
            "Docetaxel in lung cancer\n\nTwelve patients received 4 cycles of docetaxel 75 mg/m2 every 3 weeks. "
            + "Grade 3 neutropenia occurred in two patients.\n",
        "trial-b.txt":
            "Cisplatin trial\n\nForty women were randomized to cisplatin 50 mg/m2. Patients received six cycles. "
            + "Treatment continued for 8 more cycles in responders.\n",
        "hostile.txt": "Safety <script>document.title='pwned'</script> "
            + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">\n\n"
            + "Thirty patients received 2 cycles of carboplatin.\n",
    ]

    var folder: URL!
    var inputs: [String] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        for (name, text) in Self.documents {
            try text.write(to: folder.appendingPathComponent("docs/\(name)"), atomically: true, encoding: .utf8)
        }
        inputs = Self.documents.keys.sorted().map { folder.appendingPathComponent("docs/\($0)").path }
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    func testBaselineShowsExactlyTheFactsOfTheEditedRule() throws {
        let rules = try copyOfRules()
        let baseline = path("baseline.jsonl")
        XCTAssertEqual(try glean(["extract", "-q", "--rules", rules, "-o", baseline] + inputs).status, 0)

        // Edit one rule: cycles.count no longer accepts a match with a digit in it.
        let ruleFile = rules + "/cycle_count.yaml"
        var yaml = try String(contentsOfFile: ruleFile, encoding: .utf8)
        let rule = try XCTUnwrap(yaml.range(of: "- id: cycles.count\n"))
        let forbid = try XCTUnwrap(yaml.range(of: "    forbid:\n", range: rule.upperBound..<yaml.endIndex))
        yaml.insert(contentsOf: "      - in: match\n        pattern: \\d\n", at: forbid.upperBound)
        try yaml.write(toFile: ruleFile, atomically: true, encoding: .utf8)

        let expected = try records(baseline).flatMap { record in
            (record["facts"] as! [[String: Any]]).filter {
                $0["rule"] as? String == "cycles.count" && ($0["text"] as! String).contains(where: \.isNumber)
            }.map { "\(record["id"]!) \($0["start"]!)-\($0["end"]!)" }
        }
        XCTAssertEqual(expected.count, 3, "the documents hold three counts written in digits")

        let edited = path("edited.jsonl")
        let run = try glean(["extract", "-q", "--rules", rules, "--baseline", baseline, "-o", edited] + inputs)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(
            run.standardError,
            """
            field             added  removed  changed new rule
            cycle_count           0        3        0        0
            rule              added  removed  changed new rule
            cycles.count          0        3        0        0
            3 of 3 documents differ: 0 facts added, 3 removed, 0 changed, 0 found by another rule

            """)

        let diff = try glean(["diff", "--json", baseline, edited])
        XCTAssertEqual(diff.status, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any])
        let removed = (object["documents"] as! [[String: Any]]).flatMap { document in
            (document["changes"] as! [[String: Any]]).map { change -> String in
                XCTAssertEqual(change["change"] as? String, "removed")
                let old = change["old"] as! [String: Any]
                XCTAssertNotNil(change["sentence"], "the source files are still there")
                return "\(document["id"]!) \(old["start"]!)-\(old["end"]!)"
            }
        }
        XCTAssertEqual(removed.sorted(), expected.sorted())
    }

    func testDiffOfARunWithItselfReportsNothing() throws {
        let run = path("run.jsonl")
        XCTAssertEqual(try glean(["extract", "-q", "-o", run] + inputs).status, 0)
        let factCount = try records(run).reduce(0) { $0 + ($1["facts"] as! [Any]).count }
        let diff = try glean(["diff", run, run])
        XCTAssertEqual(diff.status, 0)
        XCTAssertEqual(diff.standardOutput, "no differences: 3 documents, \(factCount) facts\n")
        XCTAssertEqual(diff.standardError, "")

        // Records in another order are the same run.
        let reversed = path("reversed.jsonl")
        let lines = try String(contentsOfFile: run, encoding: .utf8).split(separator: "\n").reversed()
        try (lines.joined(separator: "\n") + "\n").write(toFile: reversed, atomically: true, encoding: .utf8)
        XCTAssertEqual(try glean(["diff", run, reversed]).status, 0)
    }

    func testDiffExitsOneOnDifferencesAndTwoOnErrors() throws {
        let full = path("full.jsonl")
        let partial = path("partial.jsonl")
        XCTAssertEqual(try glean(["extract", "-q", "-o", full] + inputs).status, 0)
        XCTAssertEqual(try glean(["extract", "-q", "-o", partial, inputs[1]]).status, 0)
        let diff = try glean(["diff", partial, full])
        XCTAssertEqual(diff.status, 1)
        let lines = diff.standardOutput.components(separatedBy: "\n")
        XCTAssertTrue(
            lines.contains("hostile  \(inputs[0])  (only in the new run)"),
            diff.standardOutput)
        XCTAssertTrue(lines.contains("  + cycle_count {count: 2}  (cycles.count)"), diff.standardOutput)
        XCTAssertTrue(
            lines.contains("      Thirty patients received [[2 cycles]] of carboplatin."), diff.standardOutput)
        XCTAssertFalse(diff.standardOutput.contains("\u{1B}["), "no colour when not a terminal")

        let missing = try glean(["diff", full, path("missing.jsonl")])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(
            missing.standardError.hasSuffix("missing.jsonl: cannot read: no such file\n"), missing.standardError)
        let csv = path("run.csv")
        XCTAssertEqual(try glean(["extract", "-q", "--format", "csv", "-o", csv] + inputs).status, 0)
        let notRecords = try glean(["diff", full, csv])
        XCTAssertEqual(notRecords.status, 2)
        XCTAssertTrue(
            notRecords.standardError.hasSuffix(
                "run.csv:1: not an extraction record (not JSON): is it glean's JSON Lines output?\n"),
            notRecords.standardError)
    }

    /// Runs made with relative sources are compared from another folder:
    /// sources are also looked for beside the JSON Lines files.
    func testSourcesAreFoundBesideTheRunsFiles() throws {
        let names = Self.documents.keys.sorted().map { "docs/\($0)" }
        XCTAssertEqual(try GleanProcess.run(["extract", "-q", "-o", "full.jsonl"] + names, in: folder).status, 0)
        XCTAssertEqual(try GleanProcess.run(["extract", "-q", "-o", "partial.jsonl", names[1]], in: folder).status, 0)
        let diff = try GleanProcess.run(
            ["diff", path("partial.jsonl"), path("full.jsonl")], in: URL(fileURLWithPath: "/"))
        XCTAssertEqual(diff.status, 1)
        XCTAssertTrue(
            diff.standardOutput.contains("      Thirty patients received [[2 cycles]] of carboplatin."),
            diff.standardOutput)
        XCTAssertFalse(diff.standardOutput.contains("document text not found"), diff.standardOutput)
    }

    /// A record's source that is now a named pipe is not opened (it would
    /// block forever): the diff shows the fact's own words.
    func testASourceThatIsANamedPipeIsNotRead() throws {
        let full = path("full.jsonl")
        let partial = path("partial.jsonl")
        XCTAssertEqual(try glean(["extract", "-q", "-o", full] + inputs).status, 0)
        XCTAssertEqual(try glean(["extract", "-q", "-o", partial, inputs[1]]).status, 0)
        try FileManager.default.removeItem(atPath: inputs[0])
        XCTAssertEqual(mkfifo(inputs[0], 0o600), 0)
        let process = Process()
        process.executableURL = GleanProcess.glean
        process.arguments = ["diff", partial, full]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "glean diff hung on the named pipe")
        XCTAssertEqual(process.terminationStatus, 1)
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(report.contains("  + cycle_count {count: 2}  (cycles.count)"), report)
        XCTAssertFalse(report.contains("Thirty patients received"), report)
    }

    func testExtractHTMLReportEscapesTheAbstract() throws {
        let report = path("report.html")
        let run = path("run.jsonl")
        XCTAssertEqual(try glean(["extract", "-q", "--html", report, "-o", run] + inputs).status, 0)
        let factCount = try records(run).reduce(0) { $0 + ($1["facts"] as! [Any]).count }
        let html = try String(contentsOfFile: report, encoding: .utf8)
        XCTAssertTrue(html.contains("Safety &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"))
        XCTAssertEqual(html.components(separatedBy: "<script").count, 2, "only the page's own script element")
        XCTAssertEqual(html.components(separatedBy: "<mark ").count - 1, factCount, "one highlight per fact")
    }

    /// Renders reports in headless Chromium: the hostile abstract stays text
    /// (its script and handler never run) and the picture shows highlights.
    func testReportsRenderInChromium() throws {
        guard
            let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(
                where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("chromium is not installed") }
        let extractReport = path("extract.html")
        let diffReport = path("diff.html")
        let run = path("run.jsonl")
        let partial = path("partial.jsonl")
        XCTAssertEqual(try glean(["extract", "-q", "--html", extractReport, "-o", run] + inputs).status, 0)
        XCTAssertEqual(try glean(["extract", "-q", "-o", partial, inputs[1]]).status, 0)
        XCTAssertEqual(try glean(["diff", "--html", diffReport, partial, run]).status, 1)

        let dom = try execute(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + path("profile"),
                "--dump-dom", "file://" + extractReport,
            ])
        XCTAssertTrue(
            dom.standardOutput.contains("<title>glean extraction report</title>"), "the page's title was not replaced")
        XCTAssertFalse(dom.standardOutput.contains("data-pwned=\"1\""), "the hostile handler did not run")
        XCTAssertTrue(dom.standardOutput.contains("Safety &lt;script&gt;document.title='pwned'&lt;/script&gt;"))

        // Unchecking a field's filter turns its highlights off and hides its rows.
        let html = try String(contentsOfFile: extractReport, encoding: .utf8)
        let nonce = try XCTUnwrap(html.range(of: #"nonce="[0-9a-f]+""#, options: .regularExpression).map { html[$0] })
        let filtered = path("filtered.html")
        try html.replacingOccurrences(
            of: "</body>",
            with: """
                <script \(nonce)>var box = document.querySelector('input[data-filter=field]');
                box.checked = false; box.dispatchEvent(new Event('change'));</script></body>
                """
        ).write(toFile: filtered, atomically: true, encoding: .utf8)
        let filteredDOM = try execute(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + path("profile"),
                "--dump-dom", "file://" + filtered,
            ]
        ).standardOutput
        let firstFieldFacts = html.components(separatedBy: "data-facts=\"f0:").count - 1
        XCTAssertGreaterThan(firstFieldFacts, 0)
        XCTAssertEqual(filteredDOM.components(separatedBy: "<mark class=\"off\"").count - 1, firstFieldFacts)
        XCTAssertEqual(
            filteredDOM.components(
                separatedBy: "<tr data-field=\"f0\" data-change=\"unchanged\" class=\"c-unchanged\" hidden"
            ).count - 1,
            firstFieldFacts)

        for report in [extractReport, diffReport] {
            let render = try execute(
                Self.repository.appendingPathComponent("scripts/render-report.sh").path,
                [report, report + ".png"])
            XCTAssertEqual(render.status, 0, render.standardOutput + render.standardError)
            XCTAssertTrue(render.standardOutput.contains("highlight f"), render.standardOutput)
        }
    }

    // MARK: - Helpers

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A copy of the repository's rule files, to edit.
    func copyOfRules() throws -> String {
        let copy = folder.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let rules = Self.repository.appendingPathComponent("Rules")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules.path)
        where name.hasSuffix(".yaml") || name.hasSuffix(".terms") {
            try FileManager.default.copyItem(
                at: rules.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        return copy.path
    }

    func records(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func glean(_ arguments: [String]) throws -> GleanProcess.Result {
        try GleanProcess.run(arguments)
    }

    func execute(_ program: String, _ arguments: [String]) throws -> GleanProcess.Result {
        try GleanProcess.run(arguments, program: URL(fileURLWithPath: program))
    }
}
