import GleanRegex

/// Fills linked attributes of one document's facts: for each linker, its
/// pattern's matches in the document are found once and normalized, then
/// each fact takes the nearest one in its scope. A candidate before the fact
/// counts its distance as is; one after it counts it times the linker's
/// `after_penalty`, and in sentence scope may not lie beyond the next fact
/// of the same field (that one's words belong to it).
final class AttributeLinker {
    private let ruleSet: RuleSet
    private let document: DocumentText
    private let matcher: Matcher
    private var found: [String: [(range: Range<Int>, value: FactValue)]] = [:]

    init(ruleSet: RuleSet, document: DocumentText, matcher: Matcher) {
        self.ruleSet = ruleSet
        self.document = document
        self.matcher = matcher
    }

    func value(for name: String, near fact: Range<Int>, sameFieldMatches: [Range<Int>]) -> FactValue? {
        guard let linker = ruleSet.linkers[name] else { return nil }
        let candidates = matches(of: linker)
        let scope = linker.scope == .sentence ? document.sentence(containing: fact.lowerBound) : 0..<document.bytes.count
        let fence = sameFieldMatches.map(\.lowerBound).filter { $0 >= fact.upperBound && scope.contains($0) }.min() ?? scope.upperBound
        var best: (distance: Double, value: FactValue)?
        for candidate in candidates where scope.contains(candidate.range.lowerBound) {
            let distance: Double
            if candidate.range.upperBound <= fact.lowerBound {
                distance = Double(fact.lowerBound - candidate.range.upperBound)
            } else if candidate.range.lowerBound >= fact.upperBound {
                guard candidate.range.lowerBound < fence else { continue }
                distance = Double(candidate.range.lowerBound - fact.upperBound) * linker.afterPenalty
            } else {
                distance = 0
            }
            if best == nil || distance < best!.distance { best = (distance, candidate.value) }
        }
        return best?.value
    }

    private func matches(of linker: Linker) -> [(range: Range<Int>, value: FactValue)] {
        if let cached = found[linker.name] { return cached }
        var result: [(range: Range<Int>, value: FactValue)] = []
        document.bytes.withUnsafeBufferPointer { subject in
            try? matcher.forEachMatch(of: linker.pattern, in: subject) { match in
                let range = match.range(ofGroup: linker.pattern.groupNumber(named: "value") ?? 0) ?? match.range
                if case let .success(values) = linker.normalizer.normalize(document.text(range), matcher: matcher),
                   let value = values.first {
                    result.append((range, value))
                }
            }
        }
        if linker.learnsAbbreviations { result += abbreviations(definedAfter: result.map(\.range)) }
        found[linker.name] = result
        return result
    }

    /// Every place a bracketed short name defined right after a match is used:
    /// `temozolomide (TMZ) ... TMZ 150 mg/m2` makes both `TMZ`s candidates.
    private func abbreviations(definedAfter ranges: [Range<Int>]) -> [(range: Range<Int>, value: FactValue)] {
        let bytes = document.bytes
        var names: Set<[UInt8]> = []
        for range in ranges {
            var index = range.upperBound
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { continue }
            let start = index + 1
            var end = start
            while end < bytes.count, end - start <= 12, AttributeLinker.isNameByte(bytes[end]) { end += 1 }
            let name = Array(bytes[start..<end])
            guard end < bytes.count, [UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";")].contains(bytes[end]),
                  name.count >= 2, name.contains(where: { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }) else { continue }
            names.insert(name)
        }
        var uses: [(range: Range<Int>, value: FactValue)] = []
        for name in names {
            let value = FactValue.text(String(decoding: name, as: UTF8.self).lowercased())
            var index = 0
            while index + name.count <= bytes.count {
                if bytes[index] == name[0], Array(bytes[index..<(index + name.count)]) == name,
                   index == 0 || !AttributeLinker.isNameByte(bytes[index - 1]),
                   index + name.count == bytes.count || !AttributeLinker.isNameByte(bytes[index + name.count]) {
                    uses.append((index..<(index + name.count), value))
                    index += name.count
                } else {
                    index += 1
                }
            }
        }
        return uses
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "-")
    }
}
