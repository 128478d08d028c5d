import GleanRegex
import XCTest
@testable import GleanCore

/// The drug of a dose: names from the vocabulary, and the structure of the
/// sentence deciding which name a dose belongs to.
final class DrugLinkingTests: XCTestCase {
    private static let defaultRules = Result { try FixtureCorpus.rules() }

    private func drugs(in text: String) throws -> [String?] {
        let facts = Extractor(ruleSet: try Self.defaultRules.get()).extract(text, matcher: Matcher()).facts
        return facts.filter { $0.field == "dose" }.map { fact in
            if case let .text(name)? = fact.values["drug"] { return name }
            return nil
        }
    }

    /// Each dose's drug and route, in order.
    private func drugsAndRoutes(in text: String) throws -> [[String?]] {
        let facts = Extractor(ruleSet: try Self.defaultRules.get()).extract(text, matcher: Matcher()).facts
        return facts.filter { $0.field == "dose" }.map { fact in
            ["drug", "route"].map { key in
                if case let .text(name)? = fact.values[key] { return name }
                return nil
            }
        }
    }

    func testTermListFindsTheLongestNameInAnyCase() {
        let terms = TermList(text: "# a comment\nzoledronic acid\nzoledronic\npentoxifylline\nmitoxantrone\n")
        // The comment line is no name.
        XCTAssertEqual(terms.count, 4)
        let text = Array("4 mg Zoledronic acid, then fludarabine-mitoxantrone, a comment and pentoxifyllines.".utf8)
        let found = text.withUnsafeBufferPointer { terms.occurrences(in: $0, within: 0..<text.count) }
        XCTAssertEqual(found.map { String(decoding: text[$0], as: UTF8.self) }, ["Zoledronic acid", "mitoxantrone"])
    }

    func testVocabularyLinksAnAgentTheWordListLacked() throws {
        XCTAssertEqual(try drugs(in: "Patients took pentoxifylline 400 mg three times daily."), ["pentoxifylline"])
        XCTAssertEqual(
            try drugs(in: "Women received 4 mg zoledronic acid intravenously every 3 weeks."), ["zoledronic acid"])
    }

    func testAMeasureOrAClassificationWithDigitsIsNoDevelopmentCode() throws {
        XCTAssertEqual(try drugs(in: "Patients received 400 mg of TAK-438 daily."), ["tak-438"])
        XCTAssertEqual(
            try drugs(in: "Patients received bupivacaine 7.2 mg, the ED50 for motor block."), ["bupivacaine"])
        XCTAssertEqual(try drugs(in: "Patients with ICD-10 depression took 80 mg twice daily."), [nil])
    }

    func testEachDrugKeepsItsOwnDose() throws {
        XCTAssertEqual(
            try drugs(in: "Patients received ezetimibe 10 mg or simvastatin 40 mg daily."),
            ["ezetimibe", "simvastatin"])
        XCTAssertEqual(
            try drugs(in: "They took 20 mg/d fluoxetine and 5 mg/d olanzapine."), ["fluoxetine", "olanzapine"])
    }

    func testABracketedOtherNameDoesNotTakeTheDose() throws {
        XCTAssertEqual(
            try drugs(in: "Pentoxifylline (also called oxpentifylline), 400 mg 3 times daily, or placebo."),
            ["pentoxifylline"])
        XCTAssertEqual(try drugs(in: "They received pemetrexed (Alimta) 500 mg/m2 on day 1."), ["pemetrexed"])
    }

    func testANameWithItsShortNameEndsWhereTheBracketsClose() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // The amount after `(CAE),` is nearer its name than the next item's name.
            (
                "Children received cefuroxime axetil (CAE), 30 mg/kg/day; cefaclor (CEC), 40 mg/kg/day.",
                ["cefuroxime axetil", "cefaclor"]
            ),
            // A name with its short name heads the dose after it, and is no earlier dose's.
            (
                "Group A took estradiol valerate 1 mg/d + medroxyprogesterone acetate (MPA) 2 mg/d.",
                ["estradiol valerate", "medroxyprogesterone acetate"]
            ),
            // An earlier item's name and short name, then `/`, leave the dose to the name after it.
            (
                "Pills contained 100 micrograms levonorgestrel (LNG)/20 micrograms ethinyl estradiol.",
                ["levonorgestrel", "ethinyl estradiol"]
            ),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testANameRightAfterTheAmountWinsATieWithOneBefore() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // `SSRI (` and ` escitalopram` are as near: the name right after its amount is the dose's.
            ("Women were randomized to SSRI (20 mg escitalopram/day) or placebo.", ["escitalopram"]),
            (
                "Subjects received 21 U incobotulinumtoxinA, 18 U onabotulinumtoxinA or placebo.",
                ["incobotulinumtoxina", "onabotulinumtoxina"]
            ),
            // Nearer before than after: the name before keeps it.
            ("Patients took metformin 500 mg daily with aspirin.", ["metformin"]),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testABrandFirstInBracketsThatSayMoreIsAnotherName() throws {
        XCTAssertEqual(
            try drugs(
                in: "Patients rinsed with chlorhexidine gluconate (Peridex, Procter & Gamble), 15 mL twice daily."),
            ["chlorhexidine gluconate"])
        XCTAssertEqual(
            try drugs(in: "Men took sildenafil citrate (VIAGRA, Pfizer, New York, NY, USA), 50 mg initially."),
            ["sildenafil citrate"])
        XCTAssertEqual(try drugs(in: "Patients received budesonide (Budenofalk, 9 mg/day initially)."), ["budesonide"])
    }

    func testAnotherNameFirstInBracketsBeforeASemicolonIsAnotherName() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // A brand or short name, then `;` and the amount: the name before the brackets keeps it.
            (
                "Patients received weekly infusions of erythropoietin (Eprex; 40,000 IU) for 8 weeks.",
                ["erythropoietin"]
            ),
            (
                "Patients took formoterol (Form; 12 microg bd) and budesonide (Bud; 800 microg bd).",
                ["formoterol", "budesonide"]
            ),
            // Alone in its brackets, the short name still names the agent of an amount after them.
            ("Patients received chlorambucil (CB) 10 mg/day.", ["chlorambucil"]),
            // Nothing but the amount in the brackets: the name before them.
            ("Patients received chlorambucil (10 mg/day; days 1-7).", ["chlorambucil"]),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testAnAmountInBracketsThatOfFollowsIsOfTheAgentAfterThem() throws {
        XCTAssertEqual(
            try drugs(
                in: "Children received 8.7 mumol (8333 IU) of vitamin A and 46 mumol (20 mg) of vitamin E daily."),
            ["vitamin a", "vitamin e"])
        XCTAssertEqual(
            try drugs(in: "After sevoflurane anesthesia, a subhypnotic dose (0.3 mg/kg) of propofol was given."),
            ["propofol"])
        // Without `of`, the brackets' amount is still the name's before them.
        XCTAssertEqual(
            try drugs(in: "Patients took ivermectin (single dose, 200 μg/kg) and thiabendazole on day 1."),
            ["ivermectin"])
    }

    func testSquareBracketsAroundAnAmountAreStructureAsRoundOnesAre() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // The brackets' amount is the name's before them, not the next name's.
            ("Patients took ivermectin [single dose, 200 μg/kg] and thiabendazole on day 1.", ["ivermectin"]),
            ("Patients received aspirin [81 mg] with clopidogrel [75 mg/day].", ["aspirin", "clopidogrel"]),
            // A word of a dose after them leaves the amount to the name after that dose, the nearer.
            (
                "Patients took linagliptin 2.5 mg twice daily [bid] plus either a low or a high [1000 mg, n = 44] dose metformin.",
                ["linagliptin", "metformin"]
            ),
            (
                "Patients took aspirin 75 mg daily during the whole study and a high (600 mg) loading dose of clopidogrel.",
                ["aspirin", "clopidogrel"]
            ),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testAnAmountInBracketsAfterAnUnknownItemIsNoOtherItemsAgent() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // Items `name [amount]` joined by list words: the unnamed items' amounts take no other item's name. (A word
            // no list knows, right before its bracketed amount after a bracket or "and", is its own item's agent.)
            (
                "Women took soy protein [50 g/day] with isoflavones [minimum 165 mg/day] and cotyledon fiber [20 g/day])"
                    + " or placebo (casein [50 g/day] and cellulose [20 g/day]).",
                [nil, "isoflavones", nil, "casein", "cellulose"]
            ),
            (
                "Adults received DAA alone (24 mg/kg/h for 96 h), or hydrocortisone (50 mg) daily.",
                [nil, "hydrocortisone"]
            ),
            (
                "Patients received ranimustine (MCNU, 450 mg/m2), etoposide (1.6 g/m2), and carboplatinum (1.6 g/m2).",
                ["ranimustine", "etoposide", "carboplatinum"]
            ),
            // Not across words that are no list's joint (a regimen's later phase), nor after a unit or a route.
            (
                "Patients received rituximab (375 mg/m2) weekly for 4 weeks, then maintenance (375 mg/m2) every 3 months.",
                ["rituximab", "rituximab"]
            ),
            (
                "Adults were randomized to 800 IU (20 μg), 2000 IU (50 μg), or 4000 IU (100 μg) cholecalciferol daily.",
                Array(repeating: "cholecalciferol", count: 6)
            ),
            (
                "Subjects took oral (375 or 625 mg) or intravenous (500 mg) linezolid.",
                ["linezolid", "linezolid", "linezolid"]
            ),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
        // A route is said once for a list of items: every item's.
        XCTAssertEqual(
            try drugsAndRoutes(
                in: "Women received oral risedronate (35 mg/week), calcium (1,000 mg/day), and vitamin D (400 IU/day)."),
            [["risedronate", "oral"], ["calcium", "oral"], ["vitamin d", "oral"]])
    }

    func testAListOfAmountsSharesTheAgentNamedAfterIt() throws {
        XCTAssertEqual(
            try drugs(in: "Patients received a mean of 3.72 mg and 0.64 mg salbutamol per day."),
            ["salbutamol", "salbutamol"])
    }

    func testAmountsWithBracketedEquivalentsAreStillOneList() throws {
        XCTAssertEqual(
            try drugs(
                in:
                    "Adults were randomized to 800 IU (20 μg), 2000 IU (50 μg), or 4000 IU (100 μg) cholecalciferol daily."
            ),
            Array(repeating: "cholecalciferol", count: 6))
    }

    func testANameRightBeforeItsOwnAmountIsNotAnEarlierAmountsDrug() throws {
        XCTAssertEqual(
            try drugs(in: "Heart rate rose less with atropine 0.9 mg compared with 1.2 mg plus neostigmine 2.5 mg."),
            ["atropine", "atropine", "neostigmine"])
        // Also with `from` or `at` between: the name heads the next item, its verb left out.
        XCTAssertEqual(
            try drugs(in: "Docetaxel was escalated from 25 to 40 mg/m² and gemcitabine from 800 to 1000 mg/m²."),
            ["docetaxel", "gemcitabine"])
        XCTAssertEqual(
            try drugs(in: "Patients received 100 mg daily of aspirin or clopidogrel at 75 mg."),
            ["aspirin", "clopidogrel"])
    }

    func testANameInTheLastItemOfAListIsEveryItemsDrug() throws {
        XCTAssertEqual(
            try drugs(in: "Patients were assigned to placebo, 200 mg, 400 mg or 800 mg of ebrotidine once daily."),
            ["ebrotidine", "ebrotidine", "ebrotidine"])
    }

    func testANameRightAfterAnAmountIsThatAmountsNotTheNextOnes() throws {
        // Names of the term list ...
        XCTAssertEqual(
            try drugs(
                in: "Patients took a fixed daily dose of 5 mg bendrofluazide, 1 mg bumetanide and 40 mg xipamide."),
            ["bendrofluazide", "bumetanide", "xipamide"])
        XCTAssertEqual(
            try drugs(in: "Patients were randomised to 600 mg clopidogrel, 60 mg prasugrel or 180 mg ticagrelor."),
            ["clopidogrel", "prasugrel", "ticagrelor"])
        // ... and of the linker's pattern (a development code).
        XCTAssertEqual(
            try drugs(in: "Volunteers took 150 mg YM17E, 10 mg BAY 12-3456 after a meal."), ["ym17e", "bay 12-3456"])
    }

    func testANameThatOpensTheNextClauseIsThatClausesWhenOneBeforeIsInReach() throws {
        XCTAssertEqual(
            try drugs(in: "Mycophenolate was reduced to 1 g/day, and prednisone was kept unchanged."), ["mycophenolate"]
        )
        XCTAssertEqual(
            try drugs(
                in: "The dose of diltiazem was raised to 300 microg/min; the nitroglycerin infusion was stopped."),
            ["diltiazem"])
        // With no name before the amount, the next clause's is the nearest there is.
        XCTAssertEqual(try drugs(in: "The dose was 20 mg/day, and prednisone was tapered."), ["prednisone"])
    }

    func testANameRightAfterAnAmountIsALaterAmountsWhenNoOtherIsInReach() throws {
        XCTAssertEqual(
            try drugs(in: "Treatment was started at 1 mg doxazosin and increased every three days by 1 mg."),
            ["doxazosin", "doxazosin"])
    }

    func testARouteRightAfterAnAmountCarriesOverToALaterAmountOfTheRegimen() throws {
        // The taper's route is the oral one just written, not the older intravenous bolus of another drug.
        XCTAssertEqual(
            try drugsAndRoutes(
                in:
                    "Patients received bortezomib (1.3 mg/m2 as an intravenous bolus on days 1, 4, 8 and 11) and prednisone 0.6 mg/kg/d orally for four weeks, with gradual tapering to 10 mg/d."
            ),
            [["bortezomib", "iv"], ["prednisone", "oral"], ["prednisone", "oral"]])
        // A route written at the later amount is still its own.
        XCTAssertEqual(
            try drugsAndRoutes(
                in:
                    "Patients received bortezomib (1.3 mg/m2 as an intravenous bolus) and prednisone 0.6 mg/kg/d orally for four weeks, then 10 mg/d intramuscularly."
            ),
            [["bortezomib", "iv"], ["prednisone", "oral"], ["prednisone", "im"]])
    }

    func testADrugNameDoesNotCarryOverFromAnEarlierAmount() throws {
        // The drug linker does not carry over: with an older name in the sentence, a name
        // right after an amount is still that amount's, and a list still shares its name.
        XCTAssertEqual(
            try drugs(in: "In the heparin arm, subjects took 200 mg lutein and 10 mg zeaxanthin daily."),
            ["lutein", "zeaxanthin"])
        XCTAssertEqual(
            try drugs(in: "After a heparin flush, volunteers received lutein 10 mg and 20 mg."), ["lutein", "lutein"])
    }

    func testANameAfterAnEarlierItemsAmountIsThatItemsNotTheNextOnes() throws {
        XCTAssertEqual(
            try drugs(in: "The study used 200 microg inhaled salbutamol and 500 microg inhaled terbutaline."),
            ["salbutamol", "terbutaline"])
        XCTAssertEqual(
            try drugs(
                in: "Arm B took 300 mg glecaprevir + 120 mg pibrentasvir with 800 mg once\u{2010}daily ribavirin."),
            ["glecaprevir", "pibrentasvir", "ribavirin"])
        // Not a name that opens the earlier fact (a combination's second pair is its names', the rules'),
        // a fact in brackets, nor an amount that continues the earlier one.
        XCTAssertEqual(
            try drugs(in: "Patients received ombitasvir 25 mg plus paritaprevir/ritonavir 100/100 mg or 150/100 mg."),
            ["ombitasvir", "paritaprevir", "ritonavir", "paritaprevir", "ritonavir"])
        XCTAssertEqual(
            try drugs(
                in: "The second group received 200 U/kg of r-HuEPO (50 U/kg each, every 4 days) despite serum iron."),
            ["r-huepo", "r-huepo"])
        XCTAssertEqual(
            try drugs(in: "When used with dexamethasone, 1-mg haloperidol was equally effective as 2 mg."),
            ["haloperidol", "haloperidol"])
    }

    func testABolusAndTheAmountThatFollowsItShareTheirAgent() throws {
        XCTAssertEqual(
            try drugs(
                in: "Adults were randomized to a single 100,000 IU bolus followed by 4,000 IU daily cholecalciferol."),
            ["cholecalciferol", "cholecalciferol"])
    }

    func testNorJoinsAList() throws {
        XCTAssertEqual(
            try drugs(in: "Neither the 125 mg nor 250 mg doses of fulvestrant had oestrogenic effects."),
            ["fulvestrant", "fulvestrant"])
    }

    func testARouteBeforeAnItemStillJoinsTheList() throws {
        XCTAssertEqual(
            try drugs(in: "We compared intranasal (3 mg) versus intramuscular (1 mg) glucagon for treatment."),
            ["glucagon", "glucagon"])
        XCTAssertEqual(
            try drugs(in: "Subjects took either oral (375, 500 or 625 mg) or intravenous (500 or 625 mg) linezolid."),
            Array(repeating: "linezolid", count: 5))
    }

    func testABracketedNumberIsNoAbbreviation() throws {
        XCTAssertEqual(
            try drugs(in: "Effect sizes were large for all doses of sertindole (12, 20, and 24 mg)."),
            ["sertindole", "sertindole", "sertindole"])
    }

    func testAnAcidNamedLikeADrugIsOne() throws {
        XCTAssertEqual(
            try drugs(in: "Patients were treated with cicloxilic acid at the dose of 240 mg/day."), ["cicloxilic acid"])
    }

    func testADevelopmentCodeIsADrug() throws {
        XCTAssertEqual(try drugs(in: "Twelve subjects received 150 mg YM17E after a meal."), ["ym17e"])
    }

    func testTabletsArePlacedWhereTheClauseSays() throws {
        let cases: [(text: String, drugsAndRoutes: [[String?]])] = [
            ("Women took 200 mg misoprostol tablets daily.", [["misoprostol", "oral"]]),
            // An amount in words opens the sentence; the tablets go in the vagina, by no route of the list.
            (
                "Twenty-five microgram tablets of misoprostol were placed in the posterior vaginal fornix.",
                [["misoprostol", nil]]
            ),
            ("Patients were given a 200-mcg misoprostol tablet in the buccal space.", [["misoprostol", nil]]),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugsAndRoutes(in: text), expected, text) }
    }

    func testAOneLetterShortNameNamesItsDrugLater() throws {
        let cases: [(text: String, drugs: [String?])] = [
            (
                "Patients received paclitaxel (P) and carboplatin (C). P at 175 mg/m2 and C at 75 mg/m2 were given every 3 weeks.",
                ["p", "c"]
            ),
            (
                "Thirty patients were treated with diltiazem (D) and 36 with propranolol (P). Doses were D 240 mg/day and P 160 mg/day.",
                ["d", "p"]
            ),
            // A letter in brackets after no drug name names nothing: `group (A)`.
            ("Patients in group (A) received A 20 mg daily.", [nil]),
            // The letter compared with a number is a P value, not the drug.
            (
                "Patients received paclitaxel (P) 175 mg/m2. Pain scores fell (P < 0.05) after 20 mg was given.",
                ["paclitaxel", nil]
            ),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testAnAmountWrittenOnceForAListOfNamesIsEachNamesWhenTheSentenceSaysSo() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // `each` beside the amount, after it or before it.
            ("Atorvastatin and simvastatin (10 mg each) were given.", ["atorvastatin", "simvastatin"]),
            ("Patients received atorvastatin and simvastatin, 5 mg/kg each.", ["atorvastatin", "simvastatin"]),
            ("Patients were given atorvastatin or simvastatin (each 40 mg).", ["atorvastatin", "simvastatin"]),
            ("Ketamine and propofol were given at 1 mg/kg each.", ["ketamine", "propofol"]),
            // (A salt joined to its name by a hyphen is part of it.)
            ("Subjects took ibuprofen or ibuprofen-arginate (each 600 mg).", ["ibuprofen", "ibuprofen-arginate"]),
            (
                "Ketamine, midazolam and propofol, each at a dose of 1 mg/kg, were given.",
                ["ketamine", "midazolam", "propofol"]
            ),
            // `both` before the list, a word before the amount.
            ("Patients received both atorvastatin and simvastatin at 10 mg.", ["atorvastatin", "simvastatin"]),
            // A list after the amount and `of`: alternatives, or any list with `both` or `each`.
            (
                "Patients were given 10 mg of atorvastatin, simvastatin or pravastatin.",
                ["atorvastatin", "simvastatin", "pravastatin"]
            ),
            ("Patients took 10 mg of both atorvastatin and simvastatin.", ["atorvastatin", "simvastatin"]),
            ("Patients took 10 mg each of atorvastatin and simvastatin.", ["atorvastatin", "simvastatin"]),
            // Nothing says so: the nearest name's.
            ("Patients received aspirin and clopidogrel 75 mg daily.", ["clopidogrel"]),
            ("Patients received both aspirin and clopidogrel 75 mg daily.", ["clopidogrel"]),
            ("Patients took 10 mg of atorvastatin and simvastatin.", ["atorvastatin"]),
            // `each` of a schedule, or of items with their own amounts.
            ("Patients took atorvastatin and simvastatin 10 mg each day.", ["simvastatin"]),
            (
                "Arm A took omeprazole 20 mg, amoxicillin 1 g, and clarithromycin 500 mg, each twice daily.",
                ["omeprazole", "amoxicillin", "clarithromycin"]
            ),
            ("Patients took atorvastatin 20 mg and simvastatin (10 mg each).", ["atorvastatin", "simvastatin"]),
            // Not across a semicolon: `zinc; or vitamin A` is no list.
            (
                "Children received vitamin A and 10 mg of zinc; or vitamin A, zinc and copper.",
                ["zinc"]
            ),
            // A vehicle shares no amount with the agent.
            ("Patients received 4 mg of ondansetron, granisetron or saline.", ["ondansetron", "granisetron"]),
            // Alternatives in a sentence that names a placebo may be the agent and its placebo.
            (
                "Subjects in the creatine or placebo group consumed 20 g of creatine or maltodextrin daily.",
                ["creatine"]
            ),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testALabelBeforeAnAmountIsNotTheAgentWhoseUseWasMeasured() throws {
        let cases: [(text: String, drugs: [String?])] = [
            // A group label whose brackets or colon hold the amounts, after the agent measured.
            (
                "Total bupivacaine requirement was less in the clonidine-bupivacaine group (22.5 mg vs. 30.9 mg).",
                ["bupivacaine", "bupivacaine"]
            ),
            (
                "Fluid requirements were higher in the lignocaine group: 3281 mL vs. 2552 mL in the saline group.",
                ["fluid", "fluid"]
            ),
            (
                "The insulin dose was lower in the metformin group (1.04 IU/kg) than with placebo.",
                ["insulin"]
            ),
            // Names a colon follows, and a later group's brackets.
            (
                "Morphine consumption was similar in the bupivacaine group (pethidine-clonidine: median 39 mg; "
                    + "bupivacaine: median 34 mg) but greater than in the bupivacaine-morphine group (median 8 mg).",
                ["morphine", "morphine", "morphine"]
            ),
            // A group that receives, or no agent measured: the label's name.
            ("Morphine consumption in the ketamine group receiving 0.5 mg/kg was lower.", ["ketamine"]),
            ("The pethidine-clonidine group received morphine 8 mg.", ["morphine"]),
            ("A rise was found in the highest vitamin D3 group (100 μg).", ["vitamin d3"]),
            ("Antiemetics were given (ondansetron: 4 mg; dexamethasone: 8 mg).", ["ondansetron", "dexamethasone"]),
        ]
        for (text, expected) in cases { XCTAssertEqual(try drugs(in: text), expected, text) }
    }

    func testEachAmountOfAFixedCombinationIsItsOwnComponents() throws {
        // Each row: the text, the drugs of its doses in order.
        let table: [(String, [String?])] = [
            ("Children took amoxicillin-clavulanate 875/125 mg twice daily.", ["amoxicillin", "clavulanate"]),
            ("Women took 1,500/75 mg of sulphadoxine–pyrimethamine once.", ["sulphadoxine", "pyrimethamine"]),
            ("Patients took OFC (6/25–12/50 mg/day olanzapine/fluoxetine; n = 170).", ["olanzapine", "fluoxetine"]),
            (
                "Patients took paritaprevir/ritonavir 100/100 mg or 150/100 mg.",
                ["paritaprevir", "ritonavir", "paritaprevir", "ritonavir"]
            ),
            // A hyphen that joins no second agent: one drug, two amounts.
            ("Patients received interferon-alpha 3/5 MIU weekly.", ["interferon-alpha", "interferon-alpha"]),
        ]
        for (text, expected) in table { XCTAssertEqual(try drugs(in: text), expected, text) }
    }
}
