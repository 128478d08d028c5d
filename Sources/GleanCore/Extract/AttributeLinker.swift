import GleanRegex

/// Fills linked attributes of one document's facts: each fact takes the
/// nearest candidate in its scope, a normalized match of the linker's pattern
/// or a name of its term list. A candidate before the fact counts its
/// distance as is, unless `of` ties it to an earlier fact of the field, or
/// spaces alone do and another candidate is in reach (for a `carries_over`
/// linker, one at or after the fact, or a nearer one); one after it counts it
/// times the linker's `after_penalty`, measured from the end of the list the
/// fact opens (winning a tie when spaces alone stand between), and may not
/// lie beyond the next fact of the field, nor beyond the brackets the fact
/// stands in when a candidate comes before them, nor open the next clause
/// (`1 g/day, and prednisone was kept`) when one before the fact is in reach. A
/// `nearby` linker's fact with no candidate in its sentence takes the nearest
/// one in the sentences just before and after it. A name that labels a group
/// (`in the bupivacaine group`) after a fact, with words between, is no
/// candidate for that fact nor for later ones; after an agent named as what
/// was measured (`morphine consumption`), neither is a label whose brackets
/// or colon hold amounts. A linker that `shares` amounts gives an amount
/// written once for a list of names to each of them (`A and B (10 mg each)`).
///
/// A linker's pattern runs only over the scopes that facts ask about (for
/// sentence-scoped linkers, the facts' sentences), once per scope.
final class AttributeLinker {
    private typealias Found = (range: Range<Int>, value: FactValue)

    private let document: DocumentText
    private let matcher: Matcher
    private let measuring: Bool
    /// Normalized pattern matches per linker and scope (keyed by the scope's start).
    private var found: [ObjectIdentifier: [Int: [Found]]] = [:]
    /// Those matches followed by the uses of learned abbreviations, per linker and scope.
    private var candidatesFound: [ObjectIdentifier: [Int: [Found]]] = [:]
    /// The bracketed short names defined in the document.
    private lazy var abbreviationDefinitions = AbbreviationDefinition.all(in: document.bytes)
    /// Nanoseconds spent per linked attribute, when measuring.
    private(set) var elapsed: [String: UInt64] = [:]
    /// Linker patterns that could not be matched (PCRE2's match limit): what
    /// they would have found there is missing.
    private(set) var warnings: [String] = []

    init(document: DocumentText, matcher: Matcher, measuring: Bool = false) {
        self.document = document
        self.matcher = matcher
        self.measuring = measuring
    }

    /// The value `linker` finds for a fact at `fact`, among the document's
    /// facts of its field, `sameFieldFacts` (the fact itself among them).
    func value(of linker: Linker, near fact: Range<Int>, sameFieldFacts: DisjointRanges) -> FactValue? {
        values(of: linker, near: fact, sameFieldFacts: sameFieldFacts).first
    }

    /// The values `linker` finds for a fact: the nearest candidate's and, for
    /// a linker that `shares` amounts, those of the other names of a list the
    /// fact's amount is written once for (`A and B (10 mg each)`), in text order.
    func values(of linker: Linker, near fact: Range<Int>, sameFieldFacts: DisjointRanges) -> [FactValue] {
        let started = measuring ? ExtractionTimes.now : 0
        defer { if measuring { elapsed[linker.name, default: 0] += ExtractionTimes.now - started } }
        let scope =
            linker.scope == .document ? 0..<document.bytes.count : document.sentence(containing: fact.lowerBound)
        if let best = nearestCandidate(of: linker, near: fact, sameFieldFacts: sameFieldFacts, in: scope) {
            guard linker.sharesAmounts else { return [best.value] }
            return namesSharing(fact, nearest: best, of: linker, sameFieldFacts: sameFieldFacts, in: scope)
        }
        return (linker.scope == .nearby ? valueInSentences(beside: fact, of: linker) : nil).map { [$0] } ?? []
    }

    /// The values of the names that share a fact's amount with `value`, a
    /// name the fact's rule took from inside the fact (`10 mg of A, B or C`),
    /// for a linker that `shares` amounts; `value` alone otherwise.
    func values(
        of linker: Linker, sharingWith value: FactValue, in fact: Range<Int>, sameFieldFacts: DisjointRanges
    ) -> [FactValue] {
        guard linker.sharesAmounts, linker.scope != .document else { return [value] }
        let started = measuring ? ExtractionTimes.now : 0
        defer { if measuring { elapsed[linker.name, default: 0] += ExtractionTimes.now - started } }
        let scope = document.sentence(containing: fact.lowerBound)
        guard
            let name = candidates(of: linker, in: scope).last(where: {
                fact.contains($0.range.lowerBound) && $0.value == value
            })
        else { return [value] }
        return namesSharing(fact, nearest: name, of: linker, sameFieldFacts: sameFieldFacts, in: scope)
    }

    /// The nearest candidate for a fact within its own scope.
    private func nearestCandidate(
        of linker: Linker, near fact: Range<Int>, sameFieldFacts: DisjointRanges, in scope: Range<Int>
    ) -> Found? {
        var found = candidates(of: linker, in: scope)
        guard !found.isEmpty else { return nil }
        let (listEnd, listFence) = listEndAndFence(after: fact, sameFieldFacts: sameFieldFacts, in: scope)
        // A name after an earlier fact with `of` is that fact's; one right after it
        // (`5 mg bendrofluazide, 1 mg bumetanide`) is another's only when nothing
        // else is in reach (`1 mg doxazosin ... increased by 1 mg`), or, for a
        // `carries_over` linker, when nothing at or after the fact is and it is the nearest.
        var before: [Found] = []
        var rightAfterEarlier: [Found] = []
        // Where an agent named as what was measured ends (`morphine consumption ...`), if the sentence names one.
        let measured = measuredAgentEnd(among: found, before: fact, in: scope, for: linker)
        for candidate in found where candidate.range.upperBound <= fact.lowerBound {
            // A group's label after an earlier fact is where that fact was measured:
            // `16 IU in the acarbose group and 22 IU in the placebo group`.
            let earlierIndex = sameFieldFacts.firstIndex(endingAfter: candidate.range.lowerBound) - 1
            if earlierIndex >= 0, sameFieldFacts.ranges[earlierIndex].lowerBound >= scope.lowerBound,
                labelsGroup(candidate.range, after: sameFieldFacts.ranges[earlierIndex], for: linker)
            {
                continue
            }
            // So is a label right before the amount, after the agent measured: `bupivacaine requirement was
            // less in the clonidine-bupivacaine group (22.5 mg`, `morphine consumption ... (pethidine-clonidine: 39 mg`.
            if let measured, candidate.range.lowerBound >= measured,
                labelsAmount(candidate.range, fact, in: scope, sameFieldFacts: sameFieldFacts, for: linker)
            {
                continue
            }
            if namesEarlierItem(candidate.range, oneOf: sameFieldFacts, before: fact, in: scope) {
                rightAfterEarlier.append(candidate)
                continue
            }
            switch tieToEarlierFact(candidate.range, oneOf: sameFieldFacts, before: fact) {
            case nil: before.append(candidate)
            case .rightAfter: rightAfterEarlier.append(candidate)
            case .of: break
            }
        }
        // A fact in brackets after a name (`ivermectin (single dose, 200 μg/kg) and
        // thiabendazole`) belongs to that name, not to what comes after the brackets,
        // unless `of` follows them: `46 mumol (20 mg) of vitamin E`, `a subhypnotic dose
        // (0.3 mg/kg) of propofol`.
        let bracketFence =
            before.isEmpty && rightAfterEarlier.isEmpty
            ? nil : closingBracket(around: fact, in: scope).flatMap { ofFollows($0) || doseFollows($0) ? nil : $0 }
        let fence = min(listFence, bracketFence ?? listFence)
        // An amount in brackets after words that name no candidate (`soy protein [50 g/day] with
        // isoflavones [minimum 165 mg/day] and cotyledon fiber [20 g/day]`) is that item's of a list
        // of items so written: a name that heads another item is not its, across the list's joints.
        // (Not a route, which one word may give a whole list: `oral risedronate (35 mg/week), calcium
        // (1,000 mg/day), and vitamin D (400 IU/day)`.)
        if !linker.carriesOver, let open = itemBracket(of: fact, in: scope, sameFieldFacts: sameFieldFacts) {
            func otherItems(_ candidate: Found) -> Bool {
                guard headsBracketedFact(candidate.range, in: scope, sameFieldFacts: sameFieldFacts) else {
                    return false
                }
                let between =
                    candidate.range.upperBound <= open
                    ? candidate.range.upperBound..<open : fact.upperBound..<candidate.range.lowerBound
                return itemJointExists(in: between, sameFieldFacts: sameFieldFacts)
            }
            before.removeAll(where: otherItems)
            rightAfterEarlier.removeAll(where: otherItems)
            found = found.filter { $0.range.upperBound <= fact.lowerBound || !otherItems($0) }
        }
        var best: (distance: Double, candidate: Found)?
        func consider(_ distance: Double, _ candidate: Found) {
            if best == nil || distance < best!.distance { best = (distance, candidate) }
        }
        for candidate in before { consider(Double(fact.lowerBound - candidate.range.upperBound), candidate) }
        var laterInReach = false
        for candidate in found where candidate.range.upperBound > fact.lowerBound {
            if candidate.range.lowerBound < fact.upperBound {
                consider(0, candidate)
                laterInReach = true
            } else if candidate.range.lowerBound < fence, !labelsGroup(candidate.range, after: fact, for: linker),
                !headsAnotherFact(candidate.range, oneOf: sameFieldFacts),
                // A name that opens the next clause is that clause's subject, when a name before the fact
                // is in reach: `Mycophenolate was reduced to 1 g/day, and prednisone was kept unchanged`.
                before.isEmpty || !opensClause(candidate.range, after: listEnd),
                measured == nil || colonLabelEnd(candidate.range, sameFieldFacts: sameFieldFacts) == nil
            {
                // A name inside a later item of the list (`3, 6 or 9 U of ulinastatin`) stands at its end.
                // One right after the list, spaces alone between, wins a tie with one before it:
                // `SSRI (20 mg escitalopram/day)`, `aspirin, 100 mg clopidogrel`.
                let distance = Double(max(0, candidate.range.lowerBound - listEnd)) * linker.afterPenalty
                let adjoins =
                    candidate.range.lowerBound >= listEnd
                    && document.bytes[listEnd..<candidate.range.lowerBound].allSatisfy { $0 == 0x20 }
                consider(adjoins ? distance - 0.5 : distance, candidate)
                laterInReach = true
            }
        }
        // A `carries_over` linker's candidate right after an earlier fact also
        // beats an older one before that fact, the nearer winning, though still
        // not one at or after the fact: `prednisone 0.6 mg/kg/d orally ..., with
        // gradual tapering to 10 mg/d` (oral, not the `intravenous` of an earlier drug).
        if best == nil || (linker.carriesOver && !laterInReach) {
            for candidate in rightAfterEarlier {
                consider(Double(fact.lowerBound - candidate.range.upperBound), candidate)
            }
        }
        return best?.candidate
    }

    /// The values of the names an amount is written once for, `nearest`
    /// among them: the items of a list of names joined by commas, `and`,
    /// `or`, `plus`, `+` or `&`, when the sentence says that the amount is
    /// each one's. A list before the amount: `each` beside the amount (`A and
    /// B (10 mg each)`, `A or B (each 40 mg)`, `A and B were given at 5 mg/kg
    /// each`), or `both` before the list and a word before the amount (`both
    /// A and B at 10 mg`, not `both A and B 10 mg`, B's own). A list after the
    /// amount and `of`: alternatives (`10 mg of A, B or C`, `of either A or
    /// B`), or any list with `both` or `each` (`10 mg each of A and B`). A
    /// name of the linker's `shares_except` (a vehicle: `4 mg of ondansetron
    /// or saline`) takes no part, nor one that is another fact's (`A 5 mg and
    /// B`); when that leaves one name, or the nearest is such a name, the
    /// amount is the nearest's alone.
    private func namesSharing(
        _ fact: Range<Int>, nearest: Found, of linker: Linker, sameFieldFacts: DisjointRanges, in scope: Range<Int>
    ) -> [FactValue] {
        let single = [nearest.value]
        if case let .text(name) = nearest.value, linker.unsharedNames.contains(name) { return single }
        let found = candidates(of: linker, in: scope).sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard let at = found.firstIndex(where: { $0.range == nearest.range }) else { return single }
        var first = at
        var last = at
        var joiners: [[UInt8]] = []
        while first > 0, let words = listJoin(found[first - 1].range, found[first].range) {
            first -= 1
            joiners += words
        }
        while last + 1 < found.count, let words = listJoin(found[last].range, found[last + 1].range) {
            last += 1
            joiners += words
        }
        guard last > first else { return single }
        let head = found[first].range
        let tail = found[last].range
        let bytes = document.bytes
        let shared: Bool
        if tail.upperBound <= fact.lowerBound {
            // The list before the amount, whose nearest name is its last.
            guard at == last else { return single }
            let gap = bytes[tail.upperBound..<fact.lowerBound]
            let gapWords = Self.words(gap.filter { !Self.bracketBytes.contains($0) }[...])
            let saysEach = gapWords.contains(Array("each".utf8)) || gapWords.contains(Array("both".utf8))
            let plainGap = !gapWords.isEmpty && gapWords.allSatisfy { Self.sharedGapWords.contains($0) }
            if plainGap && saysEach {
                shared = true
            } else if eachFollows(fact, in: scope) {
                shared =
                    gap.count <= 60
                    && !gap.contains {
                        $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0)
                    }
            } else {
                shared = plainGap && joiners == [Array("and".utf8)] && wordBefore(head) == Array("both".utf8)
            }
        } else if head.lowerBound > fact.lowerBound, at == first {
            // The list after the amount and `of`: the words between them, or the fact's last words
            // when the fact runs into the list (`10 mg of A`).
            let gapStart: Int
            if head.lowerBound < fact.upperBound {
                let lastDigit = bytes[fact.lowerBound..<head.lowerBound].lastIndex { (0x30...0x39).contains($0) }
                guard let lastDigit else { return single }
                gapStart = lastDigit + 1
            } else {
                gapStart = fact.upperBound
            }
            let gapWords = Self.words(bytes[gapStart..<head.lowerBound])
            let distributed = gapWords.contains(Array("both".utf8)) || gapWords.contains(Array("each".utf8))
            let alternatives =
                joiners.contains(Array("or".utf8))
                && joiners.allSatisfy { $0 == Array("or".utf8) || $0 == Array("and/or".utf8) }
            let ofEnds = Self.ofListOpenings.contains { opening in
                gapWords.count >= opening.count && Array(gapWords.suffix(opening.count)) == opening
                    && (head.lowerBound < fact.upperBound || gapWords.count == opening.count)
            }
            // Alternatives in a sentence that names a placebo or a control may be the active agent and
            // its placebo: `20 g of creatine or carboxymethyl cellulose` after `a creatine or placebo group`.
            shared = ofEnds && (distributed || (alternatives && !namesControl(scope)))
        } else {
            shared = false
        }
        guard shared else { return single }
        var values: [FactValue] = []
        for item in found[first...last] {
            if case let .text(name) = item.value, linker.unsharedNames.contains(name) { continue }
            if item.range != nearest.range, isAnotherFacts(item.range, not: fact, oneOf: sameFieldFacts) { continue }
            if !values.contains(item.value) { values.append(item.value) }
        }
        return values.count > 1 ? values : single
    }

    /// The words that join two names as items of a list (commas, `and`, `or`,
    /// `and/or`, `plus`, `+`, `&`; a comma alone gives none), or nil when
    /// something else, or nothing but spaces, stands between them.
    private func listJoin(_ earlier: Range<Int>, _ later: Range<Int>) -> [[UInt8]]? {
        guard earlier.upperBound <= later.lowerBound, later.lowerBound - earlier.upperBound <= 12 else { return nil }
        let gap = document.bytes[earlier.upperBound..<later.lowerBound]
        guard gap.contains(where: { $0 != 0x20 }), gap.allSatisfy({ Self.isLetter($0) || Self.joinBytes.contains($0) })
        else { return nil }
        let words = Self.words(gap)
        guard words.allSatisfy({ Self.joinWords.contains($0) }) else { return nil }
        return words
    }

    /// Whether `each` follows an amount as a word of its own (a comma
    /// between at most), then a bracket, a point, a comma, a semicolon, the
    /// scope's end or a word that is no unit of time or place: `(10 mg
    /// each)`, `5 mg/kg each, were`, not `500 mg each day`, `8000 IU each 12 h`.
    private func eachFollows(_ fact: Range<Int>, in scope: Range<Int>) -> Bool {
        let bytes = document.bytes
        var index = fact.upperBound
        func skipSpaces() { while index < scope.upperBound, bytes[index] == 0x20 { index += 1 } }
        skipSpaces()
        if index < scope.upperBound, bytes[index] == UInt8(ascii: ",") {
            index += 1
            skipSpaces()
        }
        let word = Array("each".utf8)
        guard index + 4 <= scope.upperBound,
            bytes[index..<(index + 4)].map({ (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }) == word
        else { return false }
        index += 4
        guard index < scope.upperBound else { return true }
        if AbbreviationDefinition.isNameByte(bytes[index]) { return false }
        skipSpaces()
        guard index < scope.upperBound, Self.isLetter(bytes[index]) else {
            return index >= scope.upperBound || !(0x30...0x39).contains(bytes[index])
        }
        let end = bytes[index..<scope.upperBound].firstIndex { !Self.isLetter($0) } ?? scope.upperBound
        return !Self.timeOrPlaceWords.contains(Self.words(bytes[index..<end]).first ?? [])
    }

    /// Whether a scope names a placebo, a sham, a vehicle or a control as a word.
    private func namesControl(_ scope: Range<Int>) -> Bool {
        let bytes = document.bytes
        var index = scope.lowerBound
        while index < scope.upperBound {
            guard Self.isLetter(bytes[index]) else {
                index += 1
                continue
            }
            let end = bytes[index..<scope.upperBound].firstIndex { !Self.isLetter($0) } ?? scope.upperBound
            if end - index <= 8, Self.controlWords.contains(Self.words(bytes[index..<end])[0]) { return true }
            index = end
        }
        return false
    }

    /// The word (letters, lower-cased) that starts at `index`, spaces skipped; empty when none does.
    private func wordAfter(_ index: Int) -> [UInt8] {
        let bytes = document.bytes
        var start = index
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        let end = bytes[start...].prefix(while: Self.isLetter).count + start
        return end > start ? Self.words(bytes[start..<end])[0] : []
    }

    /// The word right before `name`, spaces between, lower-cased.
    private func wordBefore(_ name: Range<Int>) -> [UInt8] {
        let bytes = document.bytes
        var end = name.lowerBound
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0, Self.isLetter(bytes[start - 1]) { start -= 1 }
        guard start < end, end < name.lowerBound else { return [] }
        return Self.words(bytes[start..<end]).first ?? []
    }

    /// Whether a name belongs to another fact of the field than `fact`: it
    /// stands inside one, right before one (`A 5 mg and B`), or right after
    /// an earlier one with `of` or spaces between.
    private func isAnotherFacts(_ name: Range<Int>, not fact: Range<Int>, oneOf facts: DisjointRanges) -> Bool {
        let index = facts.firstIndex(endingAfter: name.lowerBound)
        if index < facts.ranges.count, facts.ranges[index].lowerBound < name.upperBound, facts.ranges[index] != fact {
            return true
        }
        let next = facts.firstIndex(startingAtOrAfter: name.upperBound)
        if next < facts.ranges.count, facts.ranges[next] != fact, headsAnotherFact(name, oneOf: facts) { return true }
        return name.upperBound <= fact.lowerBound && tieToEarlierFact(name, oneOf: facts, before: fact) != nil
    }

    /// Brackets, left out of the words between a list and its amount.
    private static let bracketBytes: Set<UInt8> = Set("()[]".utf8)

    /// What may stand between two items of a list besides the letters of its words.
    private static let joinBytes: Set<UInt8> = Set(" ,+&/".utf8)

    /// Words that name a placebo or a control.
    private static let controlWords: Set<[UInt8]> = Set(
        ["placebo", "placebos", "sham", "dummy", "vehicle", "control", "controls", "pla", "pbo", "plc"].map {
            Array($0.utf8)
        })

    private static let joinWords: Set<[UInt8]> = Set(["and", "or", "and/or", "plus", "+", "&"].map { Array($0.utf8) })

    /// Words that may stand between a list of names and the amount they
    /// share, `each` or `both` among them: `(each 600 mg`, `were given at a
    /// dose of`, `, each at`.
    private static let sharedGapWords: Set<[UInt8]> = Set(
        [
            "each", "both", "at", "a", "an", "the", "dose", "doses", "dosage", "dosages", "of", "in", "were", "was",
            "are", "is", "given", "administered", "used", "taken", "received", "respective",
        ].map { Array($0.utf8) })

    /// How a list after its amount opens: `of A`, `of either A`, `of both A`, `each of A`.
    private static let ofListOpenings: [[[UInt8]]] = [
        ["of"], ["of", "either"], ["of", "both"], ["each", "of"], ["of", "each", "of"],
    ].map { $0.map { Array($0.utf8) } }

    /// Words after `each` that make it a schedule or a place, not the
    /// names': `500 mg each day`, `(0.2 ml each side)`.
    private static let timeOrPlaceWords: Set<[UInt8]> = Set(
        [
            "day", "days", "morning", "mornings", "evening", "night", "nights", "week", "weeks", "month", "months",
            "time", "times", "hour", "hours", "h", "hr", "dose", "doses", "cycle", "cycles", "course", "courses",
            "session", "sessions", "visit", "visits", "occasion", "occasions", "side", "sides", "eye", "eyes", "arm",
            "arms", "leg", "legs", "site", "sites", "nostril", "nostrils", "injection", "injections", "period",
            "periods", "meal", "meals", "infusion", "infusions", "administration", "treatment", "patient", "patients",
            "group", "groups", "point", "points", "knee", "knees", "tablet", "tablets", "capsule", "capsules",
        ].map { Array($0.utf8) })

    /// Whether a name is an earlier fact's own, written after its amount, and
    /// `fact` is the next item of a list of agents (joined by commas, `and`,
    /// `or`, `plus`, `with`, `in`, `+`): `40 mg/day of lovastatin plus 2 g/day powder
    /// of Kelussia`, `200 microg inhaled salbutamol and 500 microg inhaled
    /// terbutaline`. Such a name is the fact's only when nothing else is in
    /// reach. Not a name that opens the earlier fact (`paritaprevir/ritonavir
    /// 100/100 mg or 150/100 mg`), nor for a fact in brackets (`200 U/kg of
    /// r-HuEPO (50 U/kg each)`) or one that continues the earlier (`1-mg
    /// haloperidol was as effective as 2 mg`, `followed by 333 mg/day`).
    private func namesEarlierItem(
        _ name: Range<Int>, oneOf facts: DisjointRanges, before fact: Range<Int>, in scope: Range<Int>
    ) -> Bool {
        let index = facts.firstIndex(endingAfter: name.lowerBound)
        guard index < facts.ranges.count else { return false }
        let earlier = facts.ranges[index]
        guard earlier.lowerBound <= name.lowerBound, earlier.upperBound <= fact.lowerBound,
            document.bytes[earlier.lowerBound..<name.lowerBound].contains(where: { (0x30...0x39).contains($0) }),
            closingBracket(around: fact, in: scope) == nil
        else { return false }
        // The item right before `fact` (`120 mg PIB with 800 mg once-daily RBV`: GLE of
        // `300 mg GLE + 120 mg PIB` is an item's too).
        // The earlier item's name may have its short name after it: `100 micrograms
        // levonorgestrel (LNG)/20 micrograms ethinyl estradiol`.
        let previous = facts.ranges[facts.firstIndex(endingAfter: fact.lowerBound) - 1]
        let between = droppingShortName(document.bytes[previous.upperBound..<fact.lowerBound])
        guard between.count <= 16, !between.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") })
        else { return false }
        let words = Self.words(between.filter { $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") }[...])
        return words.count <= 2 && words.allSatisfy { Self.itemWords.contains($0) }
    }

    /// `text` (a stretch of the document) without the short name in brackets
    /// it opens with, spaces before it: `(LNG)/` gives `/`.
    private func droppingShortName(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let bracket = text.drop { $0 == 0x20 }.startIndex
        guard bracket < text.endIndex, text[bracket] == UInt8(ascii: "("),
            let (_, end) = AbbreviationDefinition.opening(at: bracket, in: document.bytes),
            end < text.endIndex, text[end] == UInt8(ascii: ")")
        else { return text }
        return text[(end + 1)...]
    }

    private static let itemWords: Set<[UInt8]> = Set(
        ["and", "or", "plus", "with", "in", "and/or"].map { Array($0.utf8) })

    /// Whether a name stands right before another fact of the field, with
    /// nothing but spaces, or `at` or `from`, between: it is that fact's agent
    /// (`metronidazole 500 mg`, `... and gemcitabine from 800 to 1000 mg/m²`),
    /// never an earlier fact's.
    private func headsAnotherFact(_ name: Range<Int>, oneOf facts: DisjointRanges) -> Bool {
        let index = facts.firstIndex(startingAtOrAfter: name.upperBound)
        guard index < facts.ranges.count else { return false }
        let gap = document.bytes[name.upperBound..<facts.ranges[index].lowerBound]
        if gap.count <= 2 && gap.allSatisfy({ $0 == 0x20 }) { return true }
        let words = Self.words(gap)
        return words.count == 1 && Self.headingWords.contains(words[0])
            && gap.allSatisfy { $0 == 0x20 || Self.isLetter($0) }
    }

    /// The words that may part a name from the amount it heads: `gemcitabine from 800 mg`, `aspirin at 100 mg`.
    private static let headingWords: Set<[UInt8]> = Set(["at", "from"].map { Array($0.utf8) })

    /// Whether a name after a fact labels a group (the linker's
    /// `group_label:` matches from the name's start), with words between the
    /// two: `39 mg/d in the bupivacaine group`, not `the 20 mg ketamine group`.
    private func labelsGroup(_ name: Range<Int>, after fact: Range<Int>, for linker: Linker) -> Bool {
        guard let label = linker.groupLabel,
            document.bytes[fact.upperBound..<name.lowerBound].contains(where: Self.isLetter)
        else { return false }
        do {
            return try document.bytes.withUnsafeBufferPointer { subject in
                try matcher.firstMatch(of: label, in: subject, from: name.lowerBound) != nil
            }
        } catch {
            let start = document.codePointOffset(ofByte: name.lowerBound)
            warnings.append(
                "linker \(linker.name): its group label stopped at character \(start) (\(error)); the name there counts as no label"
            )
            return false
        }
    }

    /// Where the first agent in `scope` named as what was measured ends, if
    /// one comes before `fact`: a name that a word of measure follows
    /// (`morphine consumption`, `total bupivacaine requirement`, `insulin
    /// dose`), or that such a word and `of` come before (`the maintenance
    /// dose of PF`), not itself a group's label.
    private func measuredAgentEnd(
        among found: [Found], before fact: Range<Int>, in scope: Range<Int>, for linker: Linker
    )
        -> Int?
    {
        guard linker.groupLabel != nil else { return nil }
        let bytes = document.bytes
        for candidate in found where candidate.range.upperBound <= fact.lowerBound {
            var end = candidate.range.upperBound
            while end < fact.lowerBound, bytes[end] == 0x20 { end += 1 }
            let next = bytes[end..<fact.lowerBound].prefix { Self.isLetter($0) }
            var start = candidate.range.lowerBound
            while start > scope.lowerBound, bytes[start - 1] == 0x20 { start -= 1 }
            let previous = Self.words(bytes[max(scope.lowerBound, start - 24)..<start]).suffix(2)
            let after =
                end > candidate.range.upperBound && Self.measureWords.contains(Self.words(next[...]).first ?? [])
            let ofBefore =
                previous.count == 2 && previous.last == Array("of".utf8) && Self.measureWords.contains(previous.first!)
            if after || ofBefore, groupLabelEnd(candidate.range, for: linker) == nil {
                return candidate.range.upperBound
            }
        }
        return nil
    }

    /// Whether a name before `fact` labels the group or item the amount was
    /// measured in: a group label whose brackets hold the amount or another
    /// (`in the metformin group (1.04 IU/kg`, `in the bupivacaine only group
    /// (...: median 39 mg/24 h; ...: median 34 mg/24 h)`), or whose colon opens the clause
    /// of the amount (`in the Lignocaine group: 3281.1 mL ... vs. 2552.6 mL`),
    /// or that words of a summary alone part from the amount; or a name a colon
    /// follows before an amount (`(pethidine-clonidine: median 39 mg`).
    private func labelsAmount(
        _ name: Range<Int>, _ fact: Range<Int>, in scope: Range<Int>, sameFieldFacts: DisjointRanges, for linker: Linker
    ) -> Bool {
        if colonLabelEnd(name, sameFieldFacts: sameFieldFacts) != nil { return true }
        guard let end = groupLabelEnd(name, for: linker), end <= fact.lowerBound else { return false }
        let bytes = document.bytes
        var open = end
        while open < fact.lowerBound, bytes[open] == 0x20 { open += 1 }
        if open < fact.lowerBound, bytes[open] == UInt8(ascii: "(") {
            var depth = 0
            for index in open..<scope.upperBound {
                if bytes[index] == UInt8(ascii: "(") {
                    depth += 1
                } else if bytes[index] == UInt8(ascii: ")") {
                    depth -= 1
                    // (Or another amount: the label of those brackets' amounts is no later amount's agent either.)
                    if depth == 0 { return fact.upperBound <= index || sameFieldFacts.overlaps(open..<index) }
                }
            }
            return false
        }
        if open < fact.lowerBound, bytes[open] == UInt8(ascii: ":") {
            return !bytes[open..<fact.lowerBound].contains(UInt8(ascii: ";"))
        }
        return Self.onlySummaryWords(bytes[end..<fact.lowerBound])
    }

    /// The end of the group label that starts at `name` (the linker's `group_label:`), if one does.
    private func groupLabelEnd(_ name: Range<Int>, for linker: Linker) -> Int? {
        guard let label = linker.groupLabel else { return nil }
        do {
            return try document.bytes.withUnsafeBufferPointer { subject in
                try matcher.firstMatch(of: label, in: subject, from: name.lowerBound)?.range.upperBound
            }
        } catch {
            return nil
        }
    }

    /// Where the fact that a name labels with a colon starts, if it does: `bupivacaine: median 34 mg`.
    private func colonLabelEnd(_ name: Range<Int>, sameFieldFacts: DisjointRanges) -> Int? {
        let bytes = document.bytes
        var colon = name.upperBound
        while colon < bytes.count, bytes[colon] == 0x20 { colon += 1 }
        guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { return nil }
        let index = sameFieldFacts.firstIndex(startingAtOrAfter: colon)
        guard index < sameFieldFacts.ranges.count else { return nil }
        let next = sameFieldFacts.ranges[index].lowerBound
        return next - colon <= 24 && Self.onlySummaryWords(bytes[(colon + 1)..<next]) ? next : nil
    }

    /// Whether a short stretch holds only brackets, colons, commas, spaces and words of a summary.
    private static func onlySummaryWords(_ text: ArraySlice<UInt8>) -> Bool {
        text.count <= 24
            && words(text.filter { $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ":") }[...]).allSatisfy {
                summaryWords.contains($0)
            }
    }

    /// Words that name what was measured of an agent.
    private static let measureWords: Set<[UInt8]> = Set(
        ["consumption", "requirement", "requirements", "need", "needs", "use", "usage", "dose", "doses", "dosage"].map {
            Array($0.utf8)
        })

    /// Words that may stand between a label and its amount.
    private static let summaryWords: Set<[UInt8]> = Set(
        ["median", "mean", "average", "total", "was", "were", "only"].map { Array($0.utf8) })

    /// The nearest candidate in the sentences next to a fact's: the last one
    /// of the sentence before, or the first one of the sentence after, whose
    /// distance counts times the linker's `after_penalty`.
    private func valueInSentences(beside fact: Range<Int>, of linker: Linker) -> FactValue? {
        let (before, after) = document.sentences(beside: fact.lowerBound)
        let last = before.flatMap { candidates(of: linker, in: $0).max { $0.range.upperBound < $1.range.upperBound } }
        let first = after.flatMap { candidates(of: linker, in: $0).min { $0.range.lowerBound < $1.range.lowerBound } }
        guard let first else { return last?.value }
        guard let last else { return first.value }
        let afterDistance = Double(first.range.lowerBound - fact.upperBound) * linker.afterPenalty
        return Double(fact.lowerBound - last.range.upperBound) <= afterDistance ? last.value : first.value
    }

    /// Where the list a fact opens ends, and the fence beyond which words
    /// belong to other facts. Facts of the field joined by list words alone
    /// (`3.72 mg and 0.64 mg salbutamol`, `1, 2 or 4 mg`) are one list and
    /// share what is named after its last item; the next fact of the field
    /// after the list is the fence.
    private func listEndAndFence(
        after fact: Range<Int>, sameFieldFacts: DisjointRanges,
        in scope: Range<Int>
    ) -> (listEnd: Int, fence: Int) {
        let facts = sameFieldFacts.ranges
        var index = sameFieldFacts.firstIndex(startingAtOrAfter: max(fact.upperBound, scope.lowerBound))
        var listEnd = fact.upperBound
        while index < facts.count, facts[index].lowerBound < scope.upperBound {
            let next = facts[index]
            guard next.lowerBound < listEnd || joinsList(document.bytes[listEnd..<next.lowerBound]) else {
                return (listEnd, next.lowerBound)
            }
            listEnd = max(listEnd, next.upperBound)
            index += 1
        }
        return (listEnd, scope.upperBound)
    }

    /// Whether a name after a fact's list opens the next clause: only a
    /// clause break stands between (`, and`, `, but`, `, whereas`, `, while`),
    /// maybe with `the`, a semicolon and two words at most (`; and`, `; for
    /// captopril`), or a comma alone where the name is the subject of a verb
    /// right after it (`3 mg/day, pentoxifylline was titrated`).
    private func opensClause(_ name: Range<Int>, after listEnd: Int) -> Bool {
        guard name.lowerBound > listEnd else { return false }
        var words = Self.words(document.bytes[listEnd..<name.lowerBound])
        let between = document.bytes[listEnd..<name.lowerBound].drop { $0 == 0x20 }
        guard let first = between.first, first == UInt8(ascii: ",") || first == UInt8(ascii: ";") else { return false }
        if words.last == Array("the".utf8) { words.removeLast() }
        // (A comma alone may join a list, `A 10 mg, B`, unless a verb follows the name.)
        if first == UInt8(ascii: ","), words.isEmpty { return isSubjectOfVerb(name) }
        if first == UInt8(ascii: ";") { return words.count <= 2 }
        return words.count == 1 && words.allSatisfy { Self.clauseWords.contains($0) }
    }

    private static let clauseWords: Set<[UInt8]> = Set(["and", "but", "whereas", "while"].map { Array($0.utf8) })

    /// Whether an auxiliary verb follows `name` (a space apart): `pentoxifylline was titrated`.
    private func isSubjectOfVerb(_ name: Range<Int>) -> Bool {
        let after = document.bytes[name.upperBound...].prefix(8)
        guard after.first == 0x20 else { return false }
        let next = Self.words(after.dropFirst()).first ?? []
        return Self.auxiliaryWords.contains(next) && after.dropFirst(next.count + 1).first.map { $0 == 0x20 } == true
    }

    private static let auxiliaryWords: Set<[UInt8]> = Set(["was", "were", "is", "are"].map { Array($0.utf8) })

    /// Whether `of` and a space follow a closing bracket at `index` (spaces between).
    private func ofFollows(_ index: Int) -> Bool {
        let bytes = document.bytes
        var next = index + 1
        while next < bytes.count, bytes[next] == 0x20 { next += 1 }
        return next + 2 < bytes.count && bytes[next] == UInt8(ascii: "o") && bytes[next + 1] == UInt8(ascii: "f")
            && bytes[next + 2] == 0x20
    }

    /// Where the brackets open that hold `fact` as the amount of a list's item
    /// named by the words before them (`soy protein [50 g/day]`, `casein (50
    /// g/day)`): the amount first in them (a word or two before it at most,
    /// `[minimum 165 mg/day]`), and right before them a word that is no part
    /// of another fact (`800 IU (20 μg)`), no route (`oral (375 mg) or
    /// intravenous (500 mg) linezolid`), no word of a dose or its size (`a
    /// dose (0.3 mg/kg)`, `high (600 mg) loading dose`) and no word cut at a
    /// hyphen (`low- (100 mg) dose allopurinol`).
    private func itemBracket(of fact: Range<Int>, in scope: Range<Int>, sameFieldFacts: DisjointRanges) -> Int? {
        guard let open = openingBracket(around: fact, in: scope) else { return nil }
        let bytes = document.bytes
        let inside = bytes[(open + 1)..<fact.lowerBound]
        guard inside.count <= 20, inside.allSatisfy(Self.isLetterOrSpace), Self.words(inside).count <= 2 else {
            return nil
        }
        var end = open
        if end > scope.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > scope.lowerBound, Self.isLetter(bytes[start - 1]) { start -= 1 }
        guard start < end, !sameFieldFacts.overlaps(start..<end) else { return nil }
        let word = Self.words(bytes[start..<end])[0]
        guard !Self.routeWords.contains(word), !Self.notItemWords.contains(word) else { return nil }
        return open
    }

    /// Whether a name is followed by brackets whose first amount, a word or
    /// two at most before it, is another fact of the field: `isoflavones
    /// [minimum 165 mg/day]`, `aspirin (81 mg)`.
    private func headsBracketedFact(_ name: Range<Int>, in scope: Range<Int>, sameFieldFacts: DisjointRanges) -> Bool {
        let bytes = document.bytes
        var open = name.upperBound
        if open < scope.upperBound, bytes[open] == 0x20 { open += 1 }
        guard open < scope.upperBound, bytes[open] == UInt8(ascii: "(") || bytes[open] == UInt8(ascii: "[") else {
            return false
        }
        let index = sameFieldFacts.firstIndex(startingAtOrAfter: open)
        guard index < sameFieldFacts.ranges.count else { return false }
        // (A short name may come first, a comma or a semicolon after it: `ranimustine (MCNU, 450 mg/m2)`.)
        let inside = bytes[(open + 1)..<min(sameFieldFacts.ranges[index].lowerBound, scope.upperBound)]
        return inside.count <= 20 && Self.words(inside).count <= 2
            && inside.allSatisfy { Self.isLetterOrSpace($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }
    }

    /// Whether a stretch holds a joint of a list of items with bracketed
    /// amounts: a closing bracket, of brackets that hold a fact of the field,
    /// that a semicolon or a list word follows (`] and`, `), or`, `] with`).
    private func itemJointExists(in stretch: Range<Int>, sameFieldFacts: DisjointRanges) -> Bool {
        let bytes = document.bytes
        for close in stretch where bytes[close] == UInt8(ascii: ")") || bytes[close] == UInt8(ascii: "]") {
            let index = sameFieldFacts.firstIndex(endingAfter: close) - 1
            guard index >= 0, close - sameFieldFacts.ranges[index].upperBound <= 40,
                !bytes[sameFieldFacts.ranges[index].upperBound..<close].contains(where: Self.bracketBytes.contains)
            else { continue }
            var next = close + 1
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == UInt8(ascii: ",") { next += 1 }
            if next < bytes.count, bytes[next] == UInt8(ascii: ";") { return true }
            if Self.itemJoinWords.contains(wordAfter(next)) { return true }
        }
        return false
    }

    /// Words that join the items of a list of agents with bracketed amounts.
    private static let itemJoinWords: Set<[UInt8]> = Set(
        ["and", "or", "with", "plus", "versus", "vs"].map { Array($0.utf8) })

    /// Words before brackets that hold an amount without naming its agent:
    /// the dose, its size or kind, a count, a statistic.
    private static let notItemWords: Set<[UInt8]> = Set(
        [
            "dose", "doses", "dosage", "dosages", "dosing", "regimen", "regimens", "schedule", "high", "higher",
            "highest", "low", "lower", "lowest", "medium", "intermediate", "standard", "single", "daily", "total",
            "mean", "median", "average", "maximum", "minimum", "bolus", "infusion", "injection", "load", "loading",
            "maintenance", "and", "or", "of", "with", "to", "at", "in", "a", "an", "the", "was", "were", "is", "are",
        ].map { Array($0.utf8) })

    /// Whether a word of a dose follows a closing bracket at `index` (spaces
    /// between): the brackets' amount is that dose's, whose agent comes after
    /// it (`high [1000 mg, n = 44] dose metformin`, `a high (600 mg) loading dose of clopidogrel`).
    private func doseFollows(_ index: Int) -> Bool {
        Self.doseWords.contains(wordAfter(index + 1))
    }

    private static let doseWords: Set<[UInt8]> = Set(["dose", "doses", "loading"].map { Array($0.utf8) })

    /// Where the brackets that enclose `fact` within `scope` close, if any:
    /// round or square, the kind that opens them (`ivermectin [single dose,
    /// 200 μg/kg] and thiabendazole` as `ivermectin (single dose, 200 μg/kg)`).
    private func closingBracket(around fact: Range<Int>, in scope: Range<Int>) -> Int? {
        guard let open = openingBracket(around: fact, in: scope) else { return nil }
        let bytes = document.bytes
        let (opener, closer) = (bytes[open], Self.closer(of: bytes[open]))
        var depth = 0
        for index in fact.upperBound..<scope.upperBound {
            if bytes[index] == opener {
                depth += 1
            } else if bytes[index] == closer {
                if depth == 0 { return index }
                depth -= 1
            }
        }
        return nil
    }

    /// Where the innermost brackets that enclose `fact` within `scope` open, if any, round or square.
    private func openingBracket(around fact: Range<Int>, in scope: Range<Int>) -> Int? {
        let bytes = document.bytes
        var round = 0
        var square = 0
        var index = fact.lowerBound - 1
        while index >= scope.lowerBound {
            switch bytes[index] {
            case UInt8(ascii: ")"): round += 1
            case UInt8(ascii: "]"): square += 1
            case UInt8(ascii: "("):
                if round == 0 { return index }
                round -= 1
            case UInt8(ascii: "["):
                if square == 0 { return index }
                square -= 1
            default: break
            }
            index -= 1
        }
        return nil
    }

    private static func closer(of opener: UInt8) -> UInt8 {
        opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: ")")
    }

    /// What ties a name to another fact of the field that it follows.
    private enum EarlierFactTie {
        /// `of` stands between: `30 mg/day of cinacalcet and 0.13 μg/d vitamin D`.
        case of
        /// Nothing but spaces stand between: `200 mg lutein and 10 mg zeaxanthin`.
        case rightAfter
    }

    /// How a name follows another fact of the field before `fact`, if it does
    /// so with `of` or nothing but spaces between: it is that fact's, not the
    /// next one's.
    private func tieToEarlierFact(
        _ name: Range<Int>, oneOf facts: DisjointRanges, before fact: Range<Int>
    ) -> EarlierFactTie? {
        // The facts that end at most 6 bytes before the name: ranges in order end in order.
        var index = facts.firstIndex(endingAfter: name.lowerBound) - 1
        while index >= 0, name.lowerBound - facts.ranges[index].upperBound <= 6 {
            let other = facts.ranges[index]
            let between = document.bytes[other.upperBound..<name.lowerBound]
            if other.upperBound < fact.lowerBound {
                if Self.words(between) == [Array("of".utf8)] { return .of }
                if between.allSatisfy({ $0 == 0x20 }) { return .rightAfter }
            }
            index -= 1
        }
        return nil
    }

    /// Whether the words between two facts only join items of a list:
    /// commas, `and`, `or`, `nor`, `to`, `versus`, and brackets around an item's
    /// equivalent (`800 IU (20 μg), 2000 IU (50 μg), or 4000 IU (100 μg)
    /// vitamin D`).
    private func joinsList(_ between: ArraySlice<UInt8>) -> Bool {
        let allWords = Self.words(between.filter { !Self.bracketBytes.contains($0) }[...])
        // A route written before the next item is part of it: `intranasal (3 mg) versus
        // intramuscular (1 mg) glucagon`.
        let routeBytes = allWords.filter { Self.routeWords.contains($0) }.reduce(0) { $0 + $1.count + 1 }
        let words = allWords.filter { !Self.routeWords.contains($0) }
        // A bolus and the dose that follows it are of one agent: `a single 100,000 IU bolus
        // followed by 4,000 IU daily cholecalciferol`.
        if between.count <= 32, let followed = words.firstIndex(of: Array("followed".utf8)),
            followed <= 1, words.count > followed + 1, words[followed + 1] == Array("by".utf8),
            words[..<followed].allSatisfy({ Self.loadWords.contains($0) }),
            words[(followed + 2)...].allSatisfy({ $0 == Array("a".utf8) || $0 == Array("an".utf8) })
        {
            return true
        }
        guard between.count <= 16 + routeBytes else { return false }
        return words.count <= 2 && words.allSatisfy { Self.listWords.contains($0) }
    }

    private static let listWords: Set<[UInt8]> = Set(
        ["and", "or", "nor", "to", "vs", "versus", "and/or"].map { Array($0.utf8) })

    /// Routes that may open an item of a list of amounts.
    private static let routeWords: Set<[UInt8]> = Set(
        [
            "oral", "intravenous", "iv", "intramuscular", "im", "subcutaneous", "sc", "intranasal", "inhaled",
            "nebulized",
            "nebulised", "sublingual", "rectal", "vaginal", "topical", "intrathecal", "epidural", "transdermal",
            "buccal",
        ].map { Array($0.utf8) })

    /// Nouns for a first, loading amount that another amount of the agent follows.
    private static let loadWords: Set<[UInt8]> = Set(
        ["bolus", "dose", "infusion", "injection", "load"].map { Array($0.utf8) })

    /// The words of a short stretch of text, lower-cased, split at spaces, commas and semicolons.
    private static func words(_ text: ArraySlice<UInt8>) -> [[UInt8]] {
        text.split { $0 == 0x20 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }
            .map { $0.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 } }
    }

    /// What a fact in `scope` can take: the linker's matches there, then the
    /// uses there of abbreviations it learned, less the other names of an
    /// agent given in brackets after it (`pemetrexed (Alimta)`,
    /// `pentoxifylline (also called oxpentifylline)`): the name written first
    /// stands for both, and ends where those brackets close, so that an amount
    /// after them is as near to it as to a bare name (`cefuroxime axetil
    /// (CAE), 30 mg/kg/day; cefaclor`). Found once per scope.
    private func candidates(of linker: Linker, in scope: Range<Int>) -> [Found] {
        if let cached = candidatesFound[ObjectIdentifier(linker)]?[scope.lowerBound] { return cached }
        var all = matches(of: linker, in: scope)
        if linker.learnsAbbreviations { all += abbreviationUses(of: linker, in: scope) }
        var result: [Found] = []
        for candidate in all {
            guard
                !all.contains(where: { other in
                    other.range.upperBound <= candidate.range.lowerBound
                        && isBracketedAlias(candidate.range, of: other.range)
                })
            else { continue }
            let alias = all.first { other in
                other.range.lowerBound >= candidate.range.upperBound
                    && isBracketedAlias(other.range, of: candidate.range)
            }
            guard let alias, let close = bracketClosing(rightAfter: alias.range) else {
                result.append(candidate)
                continue
            }
            result.append((candidate.range.lowerBound..<(close + 1), candidate.value))
        }
        candidatesFound[ObjectIdentifier(linker), default: [:]][scope.lowerBound] = result
        return result
    }

    /// The `)` or `]` that follows `name` (spaces apart), if one does.
    private func bracketClosing(rightAfter name: Range<Int>) -> Int? {
        let bytes = document.bytes
        guard let close = bytes[name.upperBound...].firstIndex(where: { $0 != 0x20 }),
            bytes[close] == UInt8(ascii: ")") || bytes[close] == UInt8(ascii: "]")
        else { return nil }
        return close
    }

    /// Whether `alias` is in brackets of its own right after `name`, as
    /// another name of it: `(Alimta)`, `(also called oxpentifylline)`, or
    /// first in brackets that say more after a comma or a semicolon:
    /// `(Peridex, Procter & Gamble)`, `Epo (Eprex; 40,000 IU)`, `formoterol
    /// (Form; 12 microg bd)`: the name before the brackets keeps the amount.
    private func isBracketedAlias(_ alias: Range<Int>, of name: Range<Int>) -> Bool {
        let bytes = document.bytes
        let between = bytes[name.upperBound..<alias.lowerBound].drop { $0 == 0x20 }
        guard let open = between.first, open == UInt8(ascii: "(") || open == UInt8(ascii: "["), between.count <= 30,
            !between.dropFirst().contains(where: { !Self.isLetterOrSpace($0) })
        else { return false }
        let close = bytes[alias.upperBound...].first { $0 != 0x20 }
        let opensBracket = between.dropFirst().allSatisfy { $0 == 0x20 }
        return close == UInt8(ascii: ")") || close == UInt8(ascii: "]")
            || ((close == UInt8(ascii: ",") || close == UInt8(ascii: ";")) && opensBracket)
    }

    private static func isLetterOrSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || isLetter(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The linker's normalized matches that start in `scope`: its pattern's
    /// and its term list's (of two that overlap, the longer), less its
    /// excluded names.
    private func matches(of linker: Linker, in scope: Range<Int>) -> [Found] {
        if let cached = found[ObjectIdentifier(linker)]?[scope.lowerBound] { return cached }
        var ranges: [Range<Int>] = []
        let valueGroup = linker.pattern.groupNumber(named: "value") ?? 0
        document.bytes.withUnsafeBufferPointer { subject in
            do {
                try matcher.forEachMatch(
                    of: linker.pattern, in: subject, from: scope.lowerBound,
                    startingBefore: scope.upperBound
                ) { match in
                    ranges.append(match.range(ofGroup: valueGroup) ?? match.range)
                }
            } catch {
                let start = document.codePointOffset(ofByte: scope.lowerBound)
                warnings.append(
                    "linker \(linker.name): its pattern stopped in the text from character \(start) (\(error)); names there may be missing"
                )
            }
            if let terms = linker.terms {
                // Where a name and a pattern match overlap, the longer is the name: `normal saline`, not `saline`.
                let names = terms.occurrences(in: subject, within: scope)
                let patternMatches = ranges
                ranges =
                    patternMatches.filter { match in !names.contains { $0.overlaps(match) && $0.count > match.count } }
                    + names.filter { name in !patternMatches.contains { $0.overlaps(name) && $0.count >= name.count } }
            }
        }
        var result: [Found] = []
        for range in ranges {
            guard case let .success(values) = linker.normalizer.normalize(document.text(range), matcher: matcher),
                let value = values.first
            else { continue }
            if case let .text(name) = value, linker.excludedNames.contains(name) { continue }
            result.append((range, value))
        }
        found[ObjectIdentifier(linker), default: [:]][scope.lowerBound] = result
        return result
    }

    /// Every use, in `scope`, of a bracketed short name defined right after
    /// one of the linker's matches anywhere in the document:
    /// `temozolomide (TMZ) ... TMZ 150 mg/m2` makes both `TMZ`s candidates.
    private func abbreviationUses(of linker: Linker, in scope: Range<Int>) -> [Found] {
        var uses: [Found] = []
        var learned: Set<[UInt8]> = []
        for definition in abbreviationDefinitions where !learned.contains(definition.name) {
            // (A short name the linker excludes is no candidate, learned or matched: `(hsCRP)` after a protein's name.)
            let name = String(decoding: definition.name, as: UTF8.self).lowercased()
            guard !linker.excludedNames.contains(name) else { continue }
            let usesInScope = definition.uses(in: document.bytes, within: scope)
            guard !usesInScope.isEmpty, follows(linker, definition) else { continue }
            learned.insert(definition.name)
            let value = FactValue.text(name)
            uses += usesInScope.map { ($0, value) }
        }
        return uses
    }

    /// Whether one of the linker's matches ends right before a definition's
    /// bracket (spaces apart).
    private func follows(_ linker: Linker, _ definition: AbbreviationDefinition) -> Bool {
        let sentence =
            linker.scope == .document ? 0..<document.bytes.count : document.sentence(containing: definition.bracket)
        return matches(of: linker, in: sentence).contains { match in
            match.range.upperBound <= definition.bracket
                && document.bytes[match.range.upperBound..<definition.bracket].allSatisfy { $0 == 0x20 }
        }
    }
}

/// A short name in brackets, `(TMZ)`, `(CPT-11,`: 2 to 13 letters, digits
/// or hyphens with a letter and a capital or a digit, or one capital alone
/// (`paclitaxel (P)`), closed by `)`, `,` or `;`. A number in brackets,
/// `(12, 20 and 24 mg)`, names nothing, nor does an amount written as one
/// word, digits then lower-case letters: `saline (1ml)`.
struct AbbreviationDefinition {
    /// The byte offset of the opening bracket.
    let bracket: Int
    let name: [UInt8]

    static func all(in bytes: [UInt8]) -> [AbbreviationDefinition] {
        bytes.indices.compactMap { bytes[$0] == UInt8(ascii: "(") ? opening(at: $0, in: bytes)?.definition : nil }
    }

    /// The short name whose bracket opens at `bracket`, if one does, and
    /// where the byte that closes it (`)`, `,` or `;`) stands.
    static func opening(at bracket: Int, in bytes: [UInt8]) -> (definition: AbbreviationDefinition, end: Int)? {
        let start = bracket + 1
        var end = start
        while end < bytes.count, end - start <= 12, isNameByte(bytes[end]) { end += 1 }
        guard end < bytes.count, [UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";")].contains(bytes[end]),
            end - start >= 2 || (end - start == 1 && (0x41...0x5A).contains(bytes[start])),
            bytes[start..<end].contains(where: { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }),
            bytes[start..<end].contains(where: { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }),
            !isAmount(bytes[start..<end])
        else { return nil }
        return (AbbreviationDefinition(bracket: bracket, name: Array(bytes[start..<end])), end)
    }

    /// Where the name stands as a whole word, starting in `scope`. A
    /// one-letter name compared with a number is a statistic, not a use:
    /// `(P < 0.05)` beside `paclitaxel (P)`.
    func uses(in bytes: [UInt8], within scope: Range<Int>) -> [Range<Int>] {
        var uses: [Range<Int>] = []
        var index = scope.lowerBound
        while index < scope.upperBound, index + name.count <= bytes.count {
            if bytes[index] == name[0], bytes[index..<(index + name.count)].elementsEqual(name),
                index == 0 || !Self.isNameByte(bytes[index - 1]),
                index + name.count == bytes.count || !Self.isNameByte(bytes[index + name.count]),
                name.count > 1 || !Self.comparisonFollows(index + 1, in: bytes)
            {
                uses.append(index..<(index + name.count))
                index += name.count
            } else {
                index += 1
            }
        }
        return uses
    }

    /// Whether `=`, `<`, `>`, `≤` or `≥` stands at `index` (spaces before it).
    private static func comparisonFollows(_ index: Int, in bytes: [UInt8]) -> Bool {
        guard let next = bytes[index...].firstIndex(where: { $0 != 0x20 }) else { return false }
        if [UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(bytes[next]) { return true }
        // ≤ and ≥ are E2 89 A4 and E2 89 A5 in UTF-8.
        return next + 2 < bytes.count && bytes[next] == 0xE2 && bytes[next + 1] == 0x89
            && (bytes[next + 2] == 0xA4 || bytes[next + 2] == 0xA5)
    }

    /// Whether a word is a number and its unit run together: `1ml`, `20mg`.
    private static func isAmount(_ word: ArraySlice<UInt8>) -> Bool {
        let unit = word.drop(while: { (0x30...0x39).contains($0) })
        return unit.count < word.count && unit.allSatisfy { (0x61...0x7A).contains($0) }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "-")
    }
}
