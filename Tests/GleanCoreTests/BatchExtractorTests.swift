import Foundation
import GleanCore
@testable import GleanOutput
import GleanReaders
import XCTest

/// The batch extractor over folders of good and bad files: one record per
/// document or failure, in walk order whatever the threads, shards that
/// partition the files, CSV that spreadsheets open safely, and the summary.
final class BatchExtractorTests: XCTestCase {
    /// One rule: `n = 12` is a cohort of 12.
    static let tinyRules = """
        fields:
          cohort_size:
            keys: [n]
            requires: [[n]]
        rules:
          - id: tiny.n-equals
            field: cohort_size
            pattern: '\\b n \\s* = \\s* (?<n> \\d+ )'
            values:
              n: {group: n, normalize: integer}
            examples:
              match:
                - text: "treated (n = 12)"
                  values: {n: 12}
              no_match:
                - "twelve patients"
        """

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("glean-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    // MARK: - Documents in, records out

    func testMixedFolderYieldsOneRecordPerDocumentAndPerFailure() throws {
        try writeMixedFolder()
        let missing = folder.appendingPathComponent("missing.txt").path
        let run = try runBatch(paths: [folder.path, missing])

        XCTAssertEqual(
            run.records.map(\.id),
            [
                "a", "101", "102", "103", "201", "c-corrupt", "d-binary", "e-empty", "f-latin1", "g",
                "301", "k-lines#2", "h", "missing",
            ])
        XCTAssertEqual(
            run.records.filter { $0.error != nil },
            [
                DocumentRecord(
                    id: "c-corrupt", source: path("c-corrupt.xml"), facts: [],
                    error: "malformed XML near line 4 (libxml2 error 76)"),
                DocumentRecord(
                    id: "d-binary", source: path("d-binary.txt"), facts: [],
                    error: "binary content (NUL byte), not text"),
                DocumentRecord(id: "e-empty", source: path("e-empty.txt"), facts: [], error: "empty file"),
                DocumentRecord(
                    id: "f-latin1", source: path("f-latin1.txt"), facts: [], error: "invalid UTF-8 on line 1"),
                DocumentRecord(
                    id: "k-lines#2", source: path("k-lines.jsonl"), facts: [],
                    error: "line 2: not a JSON object with string fields"),
                DocumentRecord(id: "missing", source: missing, facts: [], error: "no such file or folder"),
            ])
        let cohorts = Dictionary(
            uniqueKeysWithValues: run.records.map { ($0.id, $0.facts.compactMap { $0.values["n"]?.number }) })
        XCTAssertEqual(
            cohorts,
            [
                "a": [12], "101": [], "102": [7], "103": [8], "201": [20], "c-corrupt": [], "d-binary": [],
                "e-empty": [],
                "f-latin1": [], "g": [], "301": [9], "k-lines#2": [], "h": [3, 4], "missing": [],
            ])
        let twelve = try XCTUnwrap(run.records.first?.facts.first)
        XCTAssertEqual(
            twelve,
            Fact(
                field: "cohort_size", values: ["n": .number(12)], rule: "tiny.n-equals",
                text: "n = 12", start: 30, end: 36))

        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", "the output ends with a line break")
        XCTAssertEqual(lines.dropLast().map(String.init), run.records.map(\.jsonLine))
        XCTAssertEqual(try lines.dropLast().map { try DocumentRecord(jsonLine: String($0)) }, run.records)
    }

    func testHiddenFilesAndSymbolicLinkLoopsAreSkipped() throws {
        try write("n = 1", to: "visible.txt")
        try write("n = 2", to: ".hidden.txt")
        try write("n = 3", to: ".cache/inside.txt")
        try write("n = 4", to: "sub/inner.txt")
        try FileManager.default.createSymbolicLink(atPath: path("sub/loop"), withDestinationPath: folder.path)

        let run = try runBatch(paths: [folder.path])

        XCTAssertEqual(run.records.map(\.source), [path("sub/inner.txt"), path("visible.txt")])
        XCTAssertEqual(run.summary.files, 2)
    }

    // MARK: - Parallelism

    func testOutputIsTheSameForOneAndFourThreads() throws {
        try writeMixedFolder()
        for number in 0..<60 {
            try write(
                "Document \(number) enrolled patients (n = \(number)) and n = \(number * 7).",
                to: "many/doc-\(number).txt")
        }
        for format in RecordFormat.allCases {
            let one = try runBatch(paths: [folder.path], threads: 1, format: format)
            let four = try runBatch(paths: [folder.path], threads: 4, format: format)
            XCTAssertEqual(four.output, one.output, "\(format)")
            XCTAssertEqual(four.records, one.records, "\(format)")
        }
        let run = try runBatch(paths: [folder.path], threads: 4)
        XCTAssertEqual(run.records.count, 13 + 60)
        let manyIDs = run.records.map(\.id).filter { $0.hasPrefix("doc-") }
        XCTAssertEqual(
            manyIDs, (0..<60).map { "doc-\($0)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            "records follow the walk: paths sorted by their bytes")
    }

    func testAWriterThatFailsStopsTheRunWithItsError() throws {
        for number in 0..<200 {
            try write("Document \(number) enrolled patients (n = \(number)).", to: "many/doc-\(number).txt")
        }
        struct DiskFull: Error {}
        let ruleSet = try RuleLoader().load(sources: [(path: "tiny.yaml", text: Self.tinyRules)])
        let batch = BatchExtractor(extractor: Extractor(ruleSet: ruleSet), options: .init(threads: 2))
        var writes = 0
        // The header is the first write, then one per chunk: fail on the third.
        XCTAssertThrowsError(
            try batch.run(
                paths: [folder.path],
                write: { _ in
                    writes += 1
                    if writes == 3 { throw DiskFull() }
                })
        ) { error in
            XCTAssertTrue(error is DiskFull)
        }
        XCTAssertEqual(writes, 3)
    }

    // MARK: - Shards

    func testShardsPartitionTheFiles() throws {
        try writeMixedFolder()
        for number in 0..<20 { try write("n = \(number)", to: "many/doc-\(number).txt") }
        let whole = try runBatch(paths: [folder.path])
        let files = whole.records.map(\.source).uniqued()
        XCTAssertEqual(files.count, 29)

        var recordsByFile: [String: [DocumentRecord]] = [:]
        var filesPerShard: [Int] = []
        for index in 1...3 {
            let shard = try XCTUnwrap(Shard("\(index)/3"))
            let part = try runBatch(paths: [folder.path], shard: shard)
            let partFiles = part.records.map(\.source).uniqued()
            XCTAssertEqual(
                partFiles, files.enumerated().filter { $0.offset % 3 == index - 1 }.map(\.element),
                "shard \(shard) takes every third file of the walk, in walk order")
            for file in partFiles {
                XCTAssertNil(recordsByFile[file], "\(file) is in two shards")
                recordsByFile[file] = part.records.filter { $0.source == file }
            }
            XCTAssertEqual(part.summary.files, partFiles.count)
            filesPerShard.append(partFiles.count)
        }
        XCTAssertEqual(filesPerShard, [10, 10, 9])
        XCTAssertEqual(
            files.flatMap { recordsByFile[$0] ?? [] }, whole.records,
            "the shards' records, merged in walk order, are the whole run's")
    }

    func testShardReadsKOfN() throws {
        let shard = try XCTUnwrap(Shard("2/5"))
        XCTAssertEqual(shard.index, 2)
        XCTAssertEqual(shard.count, 5)
        XCTAssertEqual(shard.description, "2/5")
        XCTAssertEqual((0..<12).filter(shard.contains(position:)), [1, 6, 11])
        XCTAssertEqual(Shard("1/1")?.count, 1)
        for text in ["0/3", "4/3", "1/0", "3", "a/b", "1/2/3", "-1/3", ""] {
            XCTAssertNil(Shard(text), text)
        }
    }

    // MARK: - CSV

    func testCSVQuotesCommasQuotesAndLineBreaksAndNeutralisesFormulas() throws {
        let record = DocumentRecord(
            id: "=1+1", source: "lit/smith, 2020.txt",
            facts: [
                Fact(
                    field: "dose",
                    values: ["amount": .number(-5.2), "unit": .text("@mg"), "drug": .text("=HYPERLINK(\"x\")")],
                    rule: "dose.one", text: "5.2 \"mg\",\nsaid", start: 3, end: 17),
                Fact(
                    field: "dose", values: ["amount": .number(2), "route": .text("-oral"), "drug": .text("+tab")],
                    rule: "dose.two", text: "plain", start: 20, end: 25),
            ])
        let columns = ["amount", "unit", "drug", "route"].map { RecordFormat.ValueColumn(field: "dose", name: $0) }

        let header = RecordFormat.csv.header(columns: columns)
        XCTAssertEqual(
            header, "id,source,field,dose_amount,dose_unit,dose_drug,dose_route,text,start,end,rule,error\r\n")
        let text = RecordFormat.csv.render(record, columns: columns)
        XCTAssertEqual(
            text,
            """
            '=1+1,"lit/smith, 2020.txt",dose,-5.2,'@mg,"'=HYPERLINK(""x"")",,"5.2 ""mg"",\nsaid",3,17,dose.one,\r
            '=1+1,"lit/smith, 2020.txt",dose,2,,'+tab,'-oral,plain,20,25,dose.two,\r\n
            """)
        XCTAssertEqual(
            try CSVTable(header + text).rows,
            [
                [
                    "id", "source", "field", "dose_amount", "dose_unit", "dose_drug", "dose_route", "text", "start",
                    "end", "rule", "error",
                ],
                [
                    "'=1+1", "lit/smith, 2020.txt", "dose", "-5.2", "'@mg", "'=HYPERLINK(\"x\")", "",
                    "5.2 \"mg\",\nsaid",
                    "3", "17", "dose.one", "",
                ],
                [
                    "'=1+1", "lit/smith, 2020.txt", "dose", "2", "", "'+tab", "'-oral", "plain", "20", "25", "dose.two",
                    "",
                ],
            ])
    }

    /// Every document is a row: one per fact, one (fact columns empty) for a
    /// document without facts, one with its error for one that failed; each
    /// field's values have columns of their own.
    func testCSVHasARowForEveryDocument() throws {
        let columns = [
            RecordFormat.ValueColumn(field: "cohort_size", name: "n"),
            RecordFormat.ValueColumn(field: "dose", name: "unit"),
        ]
        XCTAssertEqual(
            RecordFormat.csv.render(DocumentRecord(id: "g", source: "g.txt", facts: []), columns: columns),
            "g,g.txt,,,,,,,,\r\n")
        XCTAssertEqual(
            RecordFormat.csv.render(
                DocumentRecord(id: "e", source: "e.txt", facts: [], error: "empty file"), columns: columns),
            "e,e.txt,,,,,,,,empty file\r\n")
        let fact = Fact(
            field: "cohort_size", values: ["n": .number(12)], rule: "r", text: "12 patients", start: 0, end: 11)
        XCTAssertEqual(
            RecordFormat.csv.render(DocumentRecord(id: "f", source: "f.txt", facts: [fact]), columns: columns),
            "f,f.txt,cohort_size,12,,12 patients,0,11,r,\r\n")

        try writeMixedFolder()
        let run = try runBatch(paths: [folder.path], format: .csv)
        let rows = try CSVTable(run.output).rows
        XCTAssertEqual(rows.first, ["id", "source", "field", "cohort_size_n", "text", "start", "end", "rule", "error"])
        XCTAssertEqual(
            rows.dropFirst().map { "\($0[0]) \($0[3]) \($0[8])" },
            [
                "a 12 ", "101  ", "102 7 ", "103 8 ", "201 20 ",
                "c-corrupt  malformed XML near line 4 (libxml2 error 76)",
                "d-binary  binary content (NUL byte), not text", "e-empty  empty file",
                "f-latin1  invalid UTF-8 on line 1",
                "g  ", "301 9 ", "k-lines#2  line 2: not a JSON object with string fields", "h 3 ", "h 4 ",
            ])
        XCTAssertTrue(rows.allSatisfy { $0.count == 9 })
        XCTAssertEqual(Set(rows.dropFirst().map(\.[0])).count, run.summary.documents, "a row for every document")
    }

    // MARK: - Summary and progress

    func testSummaryCountsFilesDocumentsFactsAndErrors() throws {
        try writeMixedFolder()
        var reports: [BatchExtractor.Progress] = []
        let run = try runBatch(paths: [folder.path], progress: { reports.append($0) })

        XCTAssertEqual(run.summary.files, 9)
        XCTAssertEqual(run.summary.documents, 13)
        XCTAssertEqual(run.summary.documentsWithFacts, 6)
        XCTAssertEqual(run.summary.errors, 5)
        XCTAssertEqual(run.summary.warnings, 0)
        XCTAssertEqual(run.summary.facts, 7)
        XCTAssertEqual(Array(run.summary.factsPerField.keys), ["cohort_size"])
        var documentBytes = 0
        DocumentReader().read(paths: [folder.path]) { outcome in
            if case let .document(document) = outcome { documentBytes += document.text.utf8.count }
        }
        XCTAssertEqual(run.summary.bytes, documentBytes)
        XCTAssertGreaterThan(documentBytes, 0)
        XCTAssertTrue(
            run.summary.report.hasPrefix(
                "files: 9  documents: 13  with facts: 6  errors: 5\nfacts: 7 (cohort_size 7)\nelapsed: "),
            run.summary.report)

        // One report per chunk (small files are read in groups): rising, ending at every file.
        let filesDone = reports.map(\.filesDone)
        XCTAssertEqual(filesDone, filesDone.sorted())
        XCTAssertEqual(Set(filesDone).count, filesDone.count)
        XCTAssertEqual(filesDone.last, 9)
        // The total comes from a count beside the batch: unknown at first, then every file;
        // the last report always has it.
        XCTAssertTrue(reports.allSatisfy { $0.filesTotal == nil || $0.filesTotal == 9 })
        XCTAssertEqual(reports.last?.filesTotal, 9)
        XCTAssertEqual(reports.last?.bytesTotal, try folderBytes())
        XCTAssertEqual(reports.last?.documents, 13)
        // Bytes done count whole files, and rise to the size of the folder.
        let bytesDone = reports.map(\.bytesDone)
        XCTAssertEqual(bytesDone, bytesDone.sorted())
        XCTAssertEqual(bytesDone.last, try folderBytes())
    }

    func testChunksStartSmallAndGrowAsTheRunGoesOn() {
        // Small at first, so that a small folder is shared among the workers; then larger, so that each rule's
        // compiled code serves more documents while it is in the caches.
        XCTAssertEqual(BatchExtractor.chunkSize(afterPassing: 0, threads: 2), 32)
        XCTAssertEqual(BatchExtractor.chunkSize(afterPassing: 100, threads: 2), 32)
        XCTAssertEqual(BatchExtractor.chunkSize(afterPassing: 256, threads: 2), 64)
        XCTAssertEqual(
            BatchExtractor.chunkSize(afterPassing: 256, threads: 8), 32, "more workers, small chunks for longer")
        XCTAssertEqual(BatchExtractor.chunkSize(afterPassing: 100_000, threads: 2), 128)
    }

    func testALargeFileIsCutIntoChunksInOrder() throws {
        // Over the size workers read themselves: the reading thread cuts it into chunks,
        // three full ones (32 records each), so the file ends with an empty chunk.
        let filler = String(repeating: "Filler words about the trial design. ", count: 80)
        let records = (1...96).map { "PMID- \($0)\nTI  - Trial \($0)\nAB  - \(filler)Arm size n = \($0).\n" }
        try write(records.joined(separator: "\n"), to: "export.nbib")
        try write("n = 7", to: "z-small.txt")
        var reports: [BatchExtractor.Progress] = []
        let run = try runBatch(paths: [folder.path], threads: 2, progress: { reports.append($0) })
        XCTAssertGreaterThan(try folderBytes(), 256 * 1024)
        XCTAssertEqual(run.records.map(\.id), (1...96).map(String.init) + ["z-small"])
        XCTAssertEqual(
            run.records.map { $0.facts.first?.values["n"] },
            (1...96).map { FactValue.number(Double($0)) } + [.number(7)])
        XCTAssertEqual(run.summary.files, 2)
        XCTAssertGreaterThan(reports.count, 2, "one report per chunk of the large file")
        XCTAssertEqual(reports.last?.bytesDone, try folderBytes())
    }

    func testAChunkOfLongDocumentsClosesAtItsSizeWhateverItsCount() throws {
        // Twelve records of about 100 KB: far fewer than a chunk's count, but over a chunk's bytes, so the
        // large file still goes out in several chunks (one report each) and memory stays bounded.
        let filler = String(repeating: "Filler words about the trial design. ", count: 2_700)
        let records = (1...12).map { "PMID- \($0)\nTI  - Trial \($0)\nAB  - \(filler)Arm size n = \($0).\n" }
        try write(records.joined(separator: "\n"), to: "long.nbib")
        var reports: [BatchExtractor.Progress] = []
        let run = try runBatch(paths: [folder.path], threads: 2, progress: { reports.append($0) })
        XCTAssertEqual(run.records.map(\.id), (1...12).map(String.init))
        XCTAssertGreaterThan(reports.count, 1, "the twelve records exceed one chunk's bytes")
    }

    func testEmptyFolderWritesNothing() throws {
        let run = try runBatch(paths: [folder.path])
        XCTAssertEqual(run.output, "")
        XCTAssertEqual(run.summary.files, 0)
        XCTAssertEqual(run.summary.documents, 0)
    }

    // MARK: - Helpers

    /// Good and bad files: 8 documents (2 with no facts) and 5 failures in 9 files.
    private func writeMixedFolder() throws {
        try write("Twelve patients were treated (n = 12).", to: "a.txt")
        try write(
            """
            PMID- 101
            TI  - A title without a cohort
            AB  - Nothing counted here.

            PMID- 102
            TI  - Second record
            AB  - Seven patients were enrolled (n = 7).

            PMID- 103
            TI  - Third record (n = 8)

            """, to: "b.nbib")
        try write(
            """
            <?xml version="1.0"?>
            <PubmedArticleSet>
            <PubmedArticle><MedlineCitation><PMID>201</PMID><Article><ArticleTitle>Good</ArticleTitle><Abstract><AbstractText>We enrolled 20 (n = 20).</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle>
            <PubmedArticle><MedlineCitation><PMID>202</PMID><Article><ArticleTitle>Broken (n = 21)</Article>
            </PubmedArticleSet>

            """, to: "c-corrupt.xml")
        try write(
            Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x6E, 0x20, 0x3D, 0x20, 0x35]), to: "d-binary.txt")
        try write("", to: "e-empty.txt")
        try write(Data("Caf".utf8) + [0xE9] + Data(" patients (n = 5)\n".utf8), to: "f-latin1.txt")
        try write("Nothing to count in this abstract.", to: "g.txt")
        try write(
            """
            {"pmid": "301", "title": "JSON record", "text": "Nine adults (n = 9)."}
            {"pmid": 302, "title": "unterminated
            """, to: "k-lines.jsonl")
        try write("Two arms: n = 3 and n = 4.", to: "sub/h.txt")
        try write("n = 99", to: ".hidden.txt")
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func write(_ text: String, to name: String) throws { try write(Data(text.utf8), to: name) }

    private func write(_ data: Data, to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// The size of the visible files under the test folder.
    private func folderBytes() throws -> Int {
        try InputWalker(paths: [folder.path]).entries().reduce(0) { total, entry in
            guard case let .file(path) = entry else { return total }
            return total + (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
        }
    }

    private struct Run {
        var output = ""
        var records: [DocumentRecord] = []
        var summary = BatchSummary()
    }

    private func runBatch(
        paths: [String], threads: Int = 2, shard: Shard? = nil, format: RecordFormat = .jsonl,
        progress: ((BatchExtractor.Progress) -> Void)? = nil
    ) throws -> Run {
        let ruleSet = try RuleLoader().load(sources: [(path: "tiny.yaml", text: Self.tinyRules)])
        let batch = BatchExtractor(
            extractor: Extractor(ruleSet: ruleSet),
            options: .init(threads: threads, shard: shard, format: format))
        var run = Run()
        run.summary = try batch.run(
            paths: paths, write: { run.output += $0 }, record: { run.records.append($0) },
            progress: progress)
        return run
    }
}

/// A strict RFC 4180 reader, to check that the CSV reads back as written.
private struct CSVTable {
    struct Malformed: Error {}

    var rows: [[String]] = []

    init(_ text: String) throws {
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\r\n" {
                row.append(field)
                field = ""
                rows.append(row)
                row = []
            } else if character == "\n" || character == "\r" {
                throw Malformed()
            } else {
                field.append(character)
            }
        }
        guard !quoted, field.isEmpty, row.isEmpty else { throw Malformed() }
    }
}

private extension Array where Element == String {
    /// The elements in order, each once.
    func uniqued() -> [String] {
        var seen: Set<String> = []
        return filter { seen.insert($0).inserted }
    }
}
