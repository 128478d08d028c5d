import GleanRegex
import XCTest
@testable import GleanCore
import GleanReports

final class ExtractorTests: XCTestCase {
    /// The cycle and dose fields, a `drug` linker (by default one that knows
    /// `-mab` and `-mib` names), and `rules`.
    private func ruleSet(
        _ rules: String,
        drugLinker: String = "pattern: (?<value> \\b [a-z]+ (?:mab|mib) \\b )"
    ) throws -> RuleSet {
        let linker = drugLinker.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let fields = """
            fields:
              cycle_count:
                keys: [count]
                requires: [[count]]
              dose:
                keys: [amount, unit]
                attributes: [drug]
                requires: [[amount], [unit]]
            links:
              drug:
            \(linker)
            """
        return try RuleLoader().load(sources: [("fields.yaml", fields), ("rules.yaml", rules)])
    }

    /// A one-rule set: `cycles.count` with `pattern` and the given condition lines.
    private func cycleRuleSet(pattern: String, conditions: String) throws -> RuleSet {
        try ruleSet(
            """
            rules:
              - id: cycles.count
                field: cycle_count
                pattern: \(pattern)
                values: {count: {group: count, normalize: quantity}}
            \(conditions)
                examples: {no_match: ["none"]}
            """)
    }

    private let doseRules = """
        rules:
          - id: dose.short
            field: dose
            pattern: (?<amount>\\d+(?:\\.\\d+)?) \\s* (?<unit>mg)
            values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
            link: [drug]
            examples: {no_match: ["none"]}
          - id: dose.per-area
            field: dose
            pattern: (?<amount>\\d+(?:\\.\\d+)?) \\s* (?<unit>mg/m(?:2|²))
            values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
            link: [drug]
            examples: {no_match: ["none"]}
          - id: dose.same-length-high-priority
            field: dose
            priority: 5
            pattern: (?<amount>\\d+) \\s+ (?<unit>mg) (?=\\s+daily)
            values: {amount: {group: amount, normalize: number}, unit: {value: mg/d}}
            examples: {no_match: ["none"]}
        """

    func testOffsetsAreCodePointsOnNonASCIIText() throws {
        let extractor = Extractor(ruleSet: try ruleSet(doseRules))
        let text = "Patients (≥18 y, µ–level ±2) got bortezomib 1.3 mg/m² on day 1."
        let facts = extractor.extract(text, matcher: Matcher()).facts
        XCTAssertEqual(facts.count, 1)
        let fact = try XCTUnwrap(facts.first)
        XCTAssertEqual(fact.text, "1.3 mg/m²")
        let scalars = Array(text.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[fact.start..<fact.end])), "1.3 mg/m²")
        XCTAssertEqual(fact.start, 44)
        XCTAssertEqual(fact.values["unit"], .text("mg/m2"))
        XCTAssertEqual(fact.values["drug"], .text("bortezomib"))
    }

    func testBatchFindsWhatEachDocumentAloneFinds() throws {
        let extractor = Extractor(ruleSet: try ruleSet(doseRules))
        let texts = [
            "bortezomib 1.3 mg/m² on day 1", "no dose here", "", "take 20 mg daily and 75 mg/m2 of rituximab",
        ]
        let batch = extractor.extract(batch: texts, matcher: Matcher())
        XCTAssertEqual(batch.count, 4)
        for (text, extraction) in zip(texts, batch) {
            XCTAssertEqual(extraction.facts, extractor.extract(text, matcher: Matcher()).facts)
        }
        XCTAssertEqual(batch[0].facts.map(\.values["drug"]), [.text("bortezomib")])
        XCTAssertEqual(batch[1].facts, [])
        XCTAssertEqual(batch[2].facts, [])
        XCTAssertEqual(batch[3].facts.map(\.rule), ["dose.same-length-high-priority", "dose.per-area"])
        XCTAssertEqual(batch[3].facts.map(\.text), ["20 mg", "75 mg/m2"])
        XCTAssertEqual(batch[3].facts.map(\.values["unit"]), [.text("mg/d"), .text("mg/m2")])
        XCTAssertEqual(batch[3].facts.last?.values["drug"], .text("rituximab"))
        XCTAssertEqual(extractor.extract(batch: [], matcher: Matcher()).count, 0)
    }

    func testLongestOverlappingMatchOfAFieldWins() throws {
        let extractor = Extractor(ruleSet: try ruleSet(doseRules))
        let facts = extractor.extract("75 mg/m2 of drug", matcher: Matcher()).facts
        XCTAssertEqual(facts.map(\.rule), ["dose.per-area"])
    }

    func testPriorityBreaksTiesBetweenMatchesOfEqualLength() throws {
        let extractor = Extractor(ruleSet: try ruleSet(doseRules))
        let facts = extractor.extract("take 20 mg daily", matcher: Matcher()).facts
        XCTAssertEqual(facts.map(\.rule), ["dose.same-length-high-priority"])
        XCTAssertEqual(facts.first?.values["unit"], .text("mg/d"))
    }

    func testVetoRemovesOverlappingCandidatesOfItsField() throws {
        let rules =
            doseRules + """

                  - id: dose.not-serum
                    field: dose
                    veto: true
                    pattern: serum \\s+ \\d+ \\s* mg
                    examples: {match: [{text: "serum 5 mg", values: {}}]}
                """
        let extractor = Extractor(ruleSet: try ruleSet(rules))
        let facts = extractor.extract("serum 5 mg and 10 mg", matcher: Matcher()).facts
        XCTAssertEqual(facts.map(\.text), ["10 mg"])
    }

    /// A fallback rule's facts stay only where no other rule found a fact of
    /// its field: here the count of completers, where no other count is given.
    func testFallbackFactsStayOnlyWhereNoOtherRuleFoundTheirField() throws {
        let rules = """
            rules:
              - id: cycles.count
                field: cycle_count
                pattern: (?<count>\\d+) \\s+ cycles
                values: {count: {group: count, normalize: quantity}}
                examples: {no_match: ["none"]}
              - id: cycles.completed
                field: cycle_count
                fallback: true
                pattern: (?<count>\\d+) \\s+ completed
                values: {count: {group: count, normalize: quantity}}
                examples: {no_match: ["none"]}
              - id: dose.short
                field: dose
                pattern: (?<amount>\\d+) \\s* (?<unit>mg)
                values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
                examples: {no_match: ["none"]}
            """
        let extractor = Extractor(ruleSet: try ruleSet(rules))
        let alone = extractor.extract("Patients took 5 mg; 3 completed.", matcher: Matcher()).facts
        XCTAssertEqual(alone.map(\.rule), ["dose.short", "cycles.completed"])
        XCTAssertEqual(alone.last?.values["count"], .number(3))

        var rejected = RejectionCollector()
        let beside = extractor.extract("Patients had 6 cycles; 3 completed.", matcher: Matcher(), observer: &rejected)
        XCTAssertEqual(beside.facts.map(\.rule), ["cycles.count"])
        XCTAssertEqual(rejected.rejections.map(\.rule), ["cycles.completed"])
        XCTAssertTrue(rejected.rejections[0].reason.contains("fallback"))
    }

    func testContextConditionsRequireAndForbid() throws {
        let extractor = Extractor(
            ruleSet: try cycleRuleSet(
                pattern: #"(?<count>\d+) \s+ cycles"#,
                conditions: """
                        require: [{in: sentence, pattern: chemotherapy}]
                        forbid: [{in: before, chars: 10, pattern: every \\s* $}]
                    """))
        let text =
            "Six patients had 4 cycles of chemotherapy. Scans after every 2 cycles of chemotherapy. They had 3 cycles of rest."
        var rejected = RejectionCollector()
        let result = extractor.extract(text, matcher: Matcher(), observer: &rejected)
        XCTAssertEqual(result.facts.map { $0.values["count"] }, [.number(4)])
        XCTAssertEqual(rejected.rejections.count, 2)
        XCTAssertTrue(rejected.rejections.contains { $0.reason.hasPrefix("forbid failed") })
        XCTAssertTrue(rejected.rejections.contains { $0.reason.hasPrefix("require failed") })
    }

    /// A condition that hits PCRE2's match limit is never taken as "not
    /// found": the match goes, with a warning that names rule and condition.
    func testAConditionThatCannotBeCheckedDropsItsMatchWithAWarning() throws {
        let extractor = Extractor(
            ruleSet: try cycleRuleSet(
                pattern: #"(?<count>\d+) \s+ cycles"#,
                conditions: """
                        forbid: [{in: sentence, pattern: "(?:a|aa)+ $"}]
                    """))
        let text = "Patients had 4 cycles " + String(repeating: "a", count: 40) + "c."
        var rejected = RejectionCollector()
        let result = extractor.extract(text, matcher: Matcher(matchLimit: 10_000), observer: &rejected)
        XCTAssertEqual(result.facts, [])
        XCTAssertEqual(result.warnings.count, 1)
        XCTAssertTrue(
            result.warnings[0].hasPrefix(
                "rule cycles.count: its match at character 13 was dropped: forbid condition at rules.yaml:"),
            result.warnings[0])
        XCTAssertTrue(
            result.warnings[0].hasSuffix(
                "could not be checked: match limit exceeded (the pattern backtracks too much)"), result.warnings[0])
        // Without the limit in the way the forbid pattern is not found, and the fact stands.
        let plain = extractor.extract("Patients had 4 cycles of therapy.", matcher: Matcher(matchLimit: 10_000))
        XCTAssertEqual(plain.facts.map { $0.values["count"] }, [.number(4)])
        XCTAssertEqual(plain.warnings, [])
    }

    func testPrefilterLimitsTheSearchToSentencesWhereItHolds() throws {
        let extractor = Extractor(
            ruleSet: try cycleRuleSet(
                pattern: #"(?<count>\d+) \s+ (?:cycles|rounds)"#,
                conditions: "    require: [{in: sentence, pattern: chemotherapy, prefilter: true}]"))
        let text =
            "They had 3 cycles of rest. Then 4 cycles of chemotherapy and 2 rounds of chemotherapy. Finally 5 cycles."
        let result = extractor.extract(text, matcher: Matcher())
        XCTAssertEqual(result.facts.map { $0.values["count"] }, [.number(4), .number(2)])
        XCTAssertEqual(result.facts.map(\.start), [32, 61])
        // The search covers the passing sentences, each to the next one's start (the last to the end).
        let requirements = try ["chemotherapy", "rest|Finally"].map { pattern in
            ContextCondition(
                effect: .require, scope: .sentence, pattern: try Pattern(pattern), patternText: pattern,
                location: SourceLocation(file: "test", line: 1, column: 1), isPrefilter: true)
        }
        let context = ContextCheck(document: DocumentText(text), matcher: Matcher(), prefilters: requirements)
        XCTAssertEqual(try context.searchRegions(requiring: [0]), [27..<87])
        XCTAssertEqual(try context.searchRegions(requiring: [1]), [0..<27, 87..<text.utf8.count + 1])
        XCTAssertEqual(try context.searchRegions(requiring: [0, 1]), [])
        XCTAssertEqual(try context.searchRegions(requiring: []), [0..<text.utf8.count + 1])
        // Explaining searches everywhere, so the skipped matches are listed with the requirement.
        var rejected = RejectionCollector()
        let explained = extractor.extract(text, matcher: Matcher(), observer: &rejected)
        XCTAssertEqual(explained.facts.map { $0.values["count"] }, [.number(4), .number(2)])
        XCTAssertEqual(
            rejected.rejections.map(\.reason), ["require failed: chemotherapy", "require failed: chemotherapy"])
    }

    func testWordsConditionLooksForWholeWordsInTheDocument() throws {
        let extractor = Extractor(
            ruleSet: try cycleRuleSet(
                pattern: #"(?<count>\d+) \s+ rounds"#,
                conditions: "    require: [{in: document, words: [cycle, cycles]}]"))
        func counts(_ text: String) -> [FactValue?] {
            extractor.extract(text, matcher: Matcher()).facts.map { $0.values["count"] }
        }
        XCTAssertEqual(counts("Four CYCLES: 4 rounds."), [.number(4)])
        XCTAssertEqual(counts("Cycle-based: 4 rounds."), [.number(4)])
        XCTAssertEqual(counts("cycles3 gave 4 rounds."), [.number(4)])
        XCTAssertEqual(counts("Recycled in 4 rounds."), [])
        XCTAssertEqual(counts("Bicycles for 4 rounds."), [])
        XCTAssertEqual(counts("3cycles in 4 rounds."), [])
        var rejected = RejectionCollector()
        _ = extractor.extract("Recycled in 4 rounds.", matcher: Matcher(), observer: &rejected)
        XCTAssertEqual(rejected.rejections.map(\.reason), ["not run: document require failed: words: [cycle, cycles]"])
    }

    func testListNormalizerYieldsOneFactPerItem() throws {
        let rules = """
            rules:
              - id: dose.list
                field: dose
                pattern: (?<amounts>\\d+ (?:, \\s* \\d+)* \\s+ or \\s+ \\d+) \\s* (?<unit>mg)
                values: {amount: {group: amounts, normalize: quantity-list}, unit: {group: unit, normalize: unit}}
                examples: {no_match: ["none"]}
            """
        let extractor = Extractor(ruleSet: try ruleSet(rules))
        let facts = extractor.extract("doses of 1, 2 or 4 mg", matcher: Matcher()).facts
        XCTAssertEqual(facts.map { $0.values["amount"] }, [.number(1), .number(2), .number(4)])
        XCTAssertEqual(Set(facts.map(\.start)), [9])
    }

    func testTwoListsOfOneLengthPairItemByItem() throws {
        let fields = """
            fields:
              score_change:
                keys: [from, change]
                requires: [[from]]
            """
        let rules = """
            rules:
              - id: score.paired
                field: score_change
                pattern: from \\s+ (?<from>[\\d.]+ (?:, \\s* [\\d.]+)* \\s+ and \\s+ [\\d.]+) \\s+ by \\s+ (?<by>[\\d.]+ (?:, \\s* [\\d.]+)* \\s+ and \\s+ [\\d.]+)
                values:
                  from: {group: from, normalize: quantity-list}
                  change: {group: by, normalize: negative-number-list}
                examples: {no_match: ["none"]}
            """
        let ruleSet = try RuleLoader().load(sources: [("fields.yaml", fields), ("rules.yaml", rules)])
        let extractor = Extractor(ruleSet: ruleSet)
        let facts = extractor.extract("from 11.6, 12.0 and 11.3 by 5.4, 4.1 and 2.2", matcher: Matcher()).facts
        XCTAssertEqual(facts.map { $0.values["from"] }, [.number(11.6), .number(12), .number(11.3)])
        XCTAssertEqual(facts.map { $0.values["change"] }, [.number(-5.4), .number(-4.1), .number(-2.2)])
        // Lists of different lengths multiply: every earlier score with every change.
        XCTAssertEqual(extractor.extract("from 10 and 12 by 1, 2 and 3", matcher: Matcher()).facts.count, 6)
    }

    func testSentencesSurviveAbbreviationsAndDecimals() {
        let text =
            "Bortezomib 1.3 mg/m2 i.v. was given (Smith et al. 2010) vs. placebo. Next sentence here! And e.g. this."
        let sentences = DocumentText(text).sentences.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        XCTAssertEqual(
            sentences,
            [
                "Bortezomib 1.3 mg/m2 i.v. was given (Smith et al. 2010) vs. placebo.",
                "Next sentence here!",
                "And e.g. this.",
            ])
    }

    func testOnceDailyWithPointsEndsNoSentence() {
        let text = "Patients took indacaterol 150 μg o.d. (n = 211) or placebo. Tadalafil 10 mg q.d. (n = 6) was given."
        XCTAssertEqual(DocumentText(text).sentences.count, 2)
    }

    func testGluedSectionLabelsSplit() {
        let text = "refractory systemic lupus erythematosus (SLE).Methods Twelve patients received it."
        XCTAssertEqual(DocumentText(text).sentences.count, 2)
    }

    /// One dose rule (`12 mg`) whose drug comes from the given `drug` linker lines.
    private func doseRuleSet(drugLinker: String) throws -> RuleSet {
        try ruleSet(
            """
            rules:
              - id: dose.mg
                field: dose
                pattern: (?<amount>\\d+) \\s* (?<unit>mg)
                values: {amount: {group: amount, normalize: number}, unit: {group: unit, normalize: unit}}
                link: [drug]
                examples: {no_match: ["none"]}
            """, drugLinker: drugLinker)
    }

    func testAbbreviationDefinedInBracketsLinksAsTheDrug() throws {
        let extractor = Extractor(
            ruleSet: try doseRuleSet(
                drugLinker: """
                    abbreviations: true
                    pattern: (?<value> \\b temozolomide \\b )
                    """))
        let text =
            "Patients received temozolomide (TMZ) or radiotherapy. The TMZ arm took 150 mg daily. TMZA 20 mg was not it."
        let facts = extractor.extract(text, matcher: Matcher()).facts
        // "TMZA" is another word: the last dose has no drug.
        XCTAssertEqual(facts.map { $0.values["drug"] }, [.text("tmz"), nil])
    }

    func testAnAmountInBracketsDefinesNoName() throws {
        let extractor = Extractor(
            ruleSet: try doseRuleSet(
                drugLinker: """
                    abbreviations: true
                    pattern: (?<value> \\b saline \\b | \\b neostigmine \\b )
                    """))
        let text = "Group I had saline (1ml). Group II had neostigmine 20 mg in NS (1ml)."
        let facts = extractor.extract(text, matcher: Matcher()).facts
        // "1ml" is an amount, not a short name of saline: the dose keeps its own drug.
        XCTAssertEqual(facts.map { $0.values["drug"] }, [.text("neostigmine")])
    }

    func testAnExcludedShortNameIsNeverLearnedAsTheDrug() throws {
        let extractor = Extractor(
            ruleSet: try doseRuleSet(
                drugLinker: """
                    abbreviations: true
                    pattern: '(?<value> \\b (?: c-reactive \\s protein | ipe ) \\b )'
                    except: [hsCRP]
                    """))
        let text = "We studied high-sensitivity C-reactive protein (hsCRP). At 4 mg, hsCRP fell with IPE."
        let facts = extractor.extract(text, matcher: Matcher()).facts
        // The short name after the protein's name is excluded: the dose takes the agent after it, not hsCRP.
        XCTAssertEqual(facts.map { $0.values["drug"] }, [.text("ipe")])
    }

    func testAnExcludedNameIsNeverTheDrug() throws {
        let extractor = Extractor(
            ruleSet: try doseRuleSet(
                drugLinker: """
                    pattern: (?<value> \\b [a-z]+ terol \\b )
                    except: [Cholesterol]
                    """))
        let facts = extractor.extract("Formoterol lowered cholesterol 20 mg.", matcher: Matcher()).facts
        XCTAssertEqual(facts.map { $0.values["drug"] }, [.text("formoterol")])
    }

    func testAFactWithAnUnlessValueTakesNothingFromTheLinker() throws {
        let extractor = Extractor(
            ruleSet: try doseRuleSet(
                drugLinker: """
                    pattern: (?<value> \\b (rituximab|cisplatin) \\b )
                    unless: {amount: ["375", "400"]}
                    """))
        let facts = extractor.extract("Rituximab 375 mg and cisplatin 20 mg were given.", matcher: Matcher()).facts
        XCTAssertEqual(facts.map { $0.values["amount"] }, [.number(375), .number(20)])
        XCTAssertEqual(facts.map { $0.values["drug"] }, [nil, .text("cisplatin")])
    }

    func testARangeValueJoinsTwoGroupsAsItsEnds() throws {
        let extractor = Extractor(
            ruleSet: try ruleSet(
                """
                rules:
                  - id: dose.pair-range
                    field: dose
                    pattern: (?<low>\\d+) / \\d+ \\s* – \\s* (?<high>\\d+) / \\d+ \\s* (?<unit>mg) | (?<amount>\\d+) \\s* (?<unit2>mg)
                    values:
                      amount: [{group: amount, normalize: number}, {range: [low, high], normalize: quantity}]
                      unit: [{group: unit, normalize: unit}, {group: unit2, normalize: unit}]
                    examples: {no_match: ["none"]}
                """))
        // Each row: the text, the amounts.
        let table: [(String, [FactValue])] = [
            ("Patients took 6/25–12/50 mg daily.", [.range(low: 6, high: 12)]),
            ("Patients took 20 mg daily.", [.number(20)]),
        ]
        for (text, amounts) in table {
            let facts = extractor.extract(text, matcher: Matcher()).facts
            XCTAssertEqual(facts.map { $0.values["amount"] }, amounts.map { Optional($0) }, text)
        }
    }

    func testARangeNeedsTwoGroupsOfThePattern() {
        XCTAssertThrowsError(
            try ruleSet(
                """
                rules:
                  - id: dose.bad-range
                    field: dose
                    pattern: (?<low>\\d+) \\s* (?<unit>mg)
                    values:
                      amount: {range: [low, top], normalize: quantity}
                      unit: {group: unit, normalize: unit}
                    examples: {no_match: ["none"]}
                """)
        ) { error in
            XCTAssertTrue("\(error)".contains("no group 'top'"), "\(error)")
        }
    }

    func testTimingSplitsEachRuleAndNamesTheStages() throws {
        let extractor = Extractor(ruleSet: try ruleSet(doseRules))
        var timing = TimingObserver()
        let facts = extractor.extract(
            "Rituximab 375 mg/m2 was given. Then 20 mg daily.", matcher: Matcher(), observer: &timing
        ).facts
        XCTAssertEqual(facts.map { $0.values["drug"] }, [.text("rituximab"), nil])
        let times = timing.times
        XCTAssertEqual(Set(times.rules.keys), ["dose.short", "dose.per-area", "dose.same-length-high-priority"])
        for parts in times.rules.values { XCTAssertEqual(parts.total, parts.search + parts.conditions + parts.values) }
        XCTAssertEqual(Set(times.stages.keys), ["split sentences", "resolve overlaps", "link drug", "emit facts"])
        let report = times.table.split(separator: "\n")
        XCTAssertEqual(report.first?.split(separator: " "), ["rule", "total", "share", "search", "context", "values"])
        XCTAssertEqual(report.count, 1 + 3 + 4)
        XCTAssertTrue(report.contains { $0.hasPrefix("(link drug)") })
    }
}
