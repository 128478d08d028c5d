import Foundation
import GleanReaders
import XCTest

/// Every real-world sample in /work/shared/formats and both seeds read with the
/// right records, titles and abstracts.
final class SharedFormatsTests: XCTestCase {
    /// The number of records each sample file holds.
    private static let expectedRecordCounts = [
        "medline/biopython_pubmed_result1.txt": 1,
        "medline/biopython_pubmed_result2.txt": 4,
        "pubmed_xml/biopython_pubmed1.xml": 2,
        "pubmed_xml/biopython_pubmed2.xml": 2,
        "pubmed_xml/biopython_pubmed4.xml": 1,
        "pubmed_xml/biopython_pubmed5.xml": 1,
        "ris/asreview_pubmed_zotero.ris": 6,
        "ris/asreview_pubmed_endnote.txt": 6,
        "pmc_jats/evidence-inference_PMC101395.nxml": 1,
    ]

    func testEverySampleInSourcesListReadsWithoutFailures() throws {
        let sourcesList = try String(contentsOfFile: try TestSupport.sharedFile("formats/SOURCES.tsv"), encoding: .utf8)
        let listedFiles = sourcesList.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        XCTAssertEqual(Set(listedFiles), Set(Self.expectedRecordCounts.keys))
        for file in listedFiles {
            let outcomes = TestSupport.outcomes(ofFile: try TestSupport.sharedFile("formats/" + file))
            XCTAssertEqual(outcomes.failures, [], file)
            XCTAssertEqual(outcomes.documents.count, Self.expectedRecordCounts[file], file)
        }
    }

    func testMedlineSingleRecord() throws {
        let documents = try read("formats/medline/biopython_pubmed_result1.txt")
        XCTAssertEqual(documents.map(\.id), ["12230038"])
        XCTAssertTrue(
            documents[0].text.hasPrefix(
                "The Bio* toolkits--a brief overview.\n\nBioinformatics research is often difficult to do with commercial software. The Open Source BioPerl"
            ))
        XCTAssertTrue(
            documents[0].text.hasSuffix("particularly from the point of view of the beginning biologist programmer."))
    }

    func testMedlineRecordsJoinContinuationLines() throws {
        let documents = try read("formats/medline/biopython_pubmed_result2.txt")
        XCTAssertEqual(documents.map(\.id), ["16403221", "16377612", "14871861", "14630660"])
        XCTAssertTrue(
            documents[0].text.hasPrefix(
                "A high level interface to SCOP and ASTRAL implemented in python.\n\nBACKGROUND: Benchmarking"))
        XCTAssertTrue(documents[0].text.contains("structural classification which groups together proteins"))
        XCTAssertTrue(
            documents[0].text.hasSuffix(
                "CONCLUSION: The modules make the analysis and generation of datasets for use in structural genomics easier and more principled."
            ))
        XCTAssertTrue(
            documents[1].text.hasPrefix(
                "GenomeDiagram: a python package for the visualization of large-scale genomic data.\n\n"))
        XCTAssertTrue(documents[0].source.hasSuffix("formats/medline/biopython_pubmed_result2.txt"))
    }

    func testPubMedXMLArticleWithoutAbstractKeepsItsTitle() throws {
        let documents = try read("formats/pubmed_xml/biopython_pubmed1.xml")
        XCTAssertEqual(documents.map(\.id), ["12091962", "9997"])
        XCTAssertEqual(documents[0].text, "The treatment of AIDS behind the walls of correctional facilities.")
        XCTAssertTrue(
            documents[1].text.hasPrefix(
                "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction.\n\nElectron paramagnetic resonance"
            ))
        XCTAssertTrue(
            documents[1].text.hasSuffix("indicating the existence of a mechanism for heme-flavin interaction."))
    }

    func testPubMedXMLDecodesEntitiesAndLeavesOutCopyright() throws {
        let documents = try read("formats/pubmed_xml/biopython_pubmed2.xml")
        XCTAssertEqual(documents.map(\.id), ["11748933", "11700088"])
        XCTAssertTrue(documents[0].text.contains("compared with 24% in the fresh sample (P < 0.001)."))
        XCTAssertTrue(documents[0].text.hasSuffix("to better understand the process of sperm damage."))
        XCTAssertFalse(documents[0].text.contains("Copyright 2001"))
        XCTAssertTrue(
            documents[1].text.hasPrefix(
                "Proton MRI of (13)C distribution by J and chemical shift editing.\n\nThe sensitivity of (13)C NMR imaging"
            ))
    }

    func testPubMedXMLStructuredAbstractKeepsLabelsAndFlattensMarkup() throws {
        let documents = try read("formats/pubmed_xml/biopython_pubmed4.xml")
        XCTAssertEqual(documents.map(\.id), ["27797938"])
        let lines = documents[0].text.components(separatedBy: "\n")
        XCTAssertEqual(
            lines[0],
            "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.")
        XCTAssertEqual(lines[1], "")
        XCTAssertEqual(
            lines.dropFirst(2).map { String($0.prefix(while: { $0 != ":" })) },
            ["OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"])
        XCTAssertTrue(lines[4].contains("95% CI 1.07 to 2.78; ptrend=0.048)"))
        XCTAssertTrue(lines[4].contains("(linkage disequilibrium r2<0.25)"))
        XCTAssertEqual(
            lines[5],
            "CONCLUSIONS: Prediagnostic leucocyte telomere length and genetic variants at the TERT gene region were associated with risk of pancreatic cancer."
        )
        XCTAssertFalse(documents[0].text.contains("BMJ Publishing"))
    }

    func testPubMedXMLSubscriptsAndUnderlines() throws {
        let documents = try read("formats/pubmed_xml/biopython_pubmed5.xml")
        XCTAssertEqual(documents.map(\.id), ["28775130"])
        XCTAssertTrue(
            documents[0].text.hasPrefix(
                "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators.\n\nOBJECTIVES: Animal studies suggest"
            ))
        XCTAssertTrue(documents[0].text.contains("compared with normal TSH (0.4-<4.5 mIU/L)"))
        XCTAssertTrue(documents[0].text.contains("(ORQ3=4.15, 95% CI 1.56 to 11.01"))
        XCTAssertTrue(documents[0].text.hasSuffix("may alter thyroid function among male pesticide applicators."))
    }

    func testEndNoteExportTakesPMIDFromAccessionNumber() throws {
        let documents = try read("formats/ris/asreview_pubmed_endnote.txt")
        XCTAssertEqual(documents.map(\.id), ["21553931", "29459515", "27626602", "27452660", "24407360", "28482341"])
        XCTAssertTrue(
            documents[0].text.hasPrefix(
                "Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data\n\nNon-steroidal anti-inflammatory drug (NSAID) intake"
            ))
        XCTAssertTrue(
            documents[0].text.hasSuffix(
                "which warrants investigation in further pharmacological studies and clinical trials."))
        XCTAssertFalse(
            documents[0].text.contains("Boswellia/*chemistry"), "keyword continuation lines are not abstract text")
        XCTAssertTrue(documents[5].text.hasSuffix("or indirectly (i.e., alteration of commensal compositions)."))
    }

    func testRISWithoutPMIDsNamesRecordsByPosition() throws {
        let documents = try read("formats/ris/asreview_pubmed_zotero.ris")
        XCTAssertEqual(documents.map(\.id), (1...6).map { "asreview_pubmed_zotero#\($0)" })
        XCTAssertTrue(
            documents[0].text.hasPrefix(
                "The importance of cognitive flexibility and flexibility in coping with stress for the quality of life in inflammatory bowel disease patients during biological therapy. A preliminary report.\n\nIntroduction: There are studies demonstrating the relation between psychological factors and efficiency"
            ))
        XCTAssertTrue(
            documents[0].text.hasSuffix(
                "it is significant to increase their level by applying tailored therapeutic methods."))
        XCTAssertTrue(documents[5].text.hasSuffix("for the treatment of CD.Registration: PROSPERO CRD42019127893."))
    }

    func testJATSArticleReadsTitleAndLabelledAbstractSections() throws {
        let documents = try read("formats/pmc_jats/evidence-inference_PMC101395.nxml")
        XCTAssertEqual(documents.map(\.id), ["11943073"])
        let text = documents[0].text
        XCTAssertTrue(
            text.hasPrefix(
                "Diclofenac does not interact with codeine metabolism in vivo: A study in healthy volunteers\n\nBackground: Previously, we have demonstrated"
            ))
        XCTAssertTrue(
            text.contains(
                "glucuronidation of codeine also in vivo in healthy volunteers.\nMethods: In a randomised, placebo-controlled"
            ))
        XCTAssertTrue(text.contains("using the cold pressor test (0\u{2013}6 h).\nResults: "))
        XCTAssertTrue(
            text.hasSuffix(
                "\nConclusions: In contrast to recent in vitro data, a single oral dose of diclofenac did not alter the glucuronidation of codeine in healthy volunteers."
            ))
        XCTAssertFalse(text.contains("Morphine-sparing effect"), "titles of cited articles are not the article's")
    }

    func testPubMedWebPageSeedKeepsOnlyTitleAndAbstract() throws {
        let documents = try read("seeds/000_dbd1125ded003d7a.txt")
        XCTAssertEqual(documents.map(\.id), ["000_dbd1125ded003d7a"])
        let text = documents[0].text
        XCTAssertTrue(
            text.hasPrefix(
                "The short-term efficacy of bortezomib combined with glucocorticoids for the treatment of refractory lupus nephritis\n\nObjective The treatment of refractory lupus nephritis (LN) remains challenging"
            ))
        XCTAssertTrue(
            text.hasSuffix(
                "Conclusion Bortezomib combined with glucocorticoids reduces proteinuria, improves renal function and decreases anti-autoantibodies, with good tolerance and mild adverse events, thus representing an alternative therapy for refractory LN and warranting further study."
            ))
        for pageMatter in [
            "Lupus. 2017 Aug", "doi:", "Keywords", "MeSH terms", "Remission Induction", "Antineoplastic Agents",
            "\u{2022}",
        ] {
            XCTAssertFalse(text.contains(pageMatter), pageMatter)
        }
    }

    func testFlattenedRISSeedReadsTitleAndAbstract() throws {
        let documents = try read("seeds/001_a63e5c58032e9d28.txt")
        XCTAssertEqual(documents.map(\.id), ["001_a63e5c58032e9d28"])
        let text = documents[0].text
        XCTAssertTrue(
            text.hasPrefix(
                "The proteasome inhibitior bortezomib depletes plasma cells and ameliorates clinical manifestations of refractory systemic lupus erythematosus\n\nObjectives To investigate whether bortezomib"
            ))
        XCTAssertTrue(
            text.contains("intravenous bortezomib (1.3 mg/m2) with the coadministration of dexamethasone (20 mg)"))
        XCTAssertTrue(
            text.hasSuffix(
                "Conclusions These findings identify proteasome inhibitors as a putative therapeutic option for patients with refractory SLE by targeting PCs and type-I IFN activity, but our results must be confirmed in controlled trials."
            ))
        for metadata in ["Tobias Alexander", "Annals of the Rheumatic Diseases", "ard.bmj.com", "ER -"] {
            XCTAssertFalse(text.contains(metadata), metadata)
        }
    }

    func testCorpusJSONLinesReadsEveryAbstract() throws {
        let documents = try read("corpus/abstracts.jsonl")
        XCTAssertEqual(documents.count, 8720)
        XCTAssertEqual(Set(documents.map(\.id)).count, documents.count)
        XCTAssertEqual(documents.first?.id, "43164")
        XCTAssertTrue(
            documents.first?.text.hasPrefix(
                "A double-blind crossover comparison of pindolol, metoprolol, atenolol and labetalol in mild to moderate hypertension.\n\n1 This study was designed"
            ) ?? false)
    }

    private func read(_ relativePath: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Document] {
        let outcomes = TestSupport.outcomes(ofFile: try TestSupport.sharedFile(relativePath))
        XCTAssertEqual(outcomes.failures, [], file: file, line: line)
        return outcomes.documents
    }
}
