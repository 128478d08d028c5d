import Foundation
import GleanRegex
import Yams

/// A rule's pattern, composed with the definitions it calls and compiled
/// with auto callouts so that a match attempt can be traced, and the way
/// back from an offset in that pattern to the rule file that wrote it.
struct TraceableRule {
    let rule: Rule
    let pattern: Pattern
    let structure: PatternStructure
    private let composer: PatternComposer
    private let composition: PatternComposer.Composition

    /// Where a pattern item was written.
    struct Place {
        /// The item, whole: `(?&dose_unit)`, `(?<unit> (?&dose_unit) )`, `per`.
        var item: String
        var location: SourceLocation
        /// The shared definition holding the item, or nil for the rule's own pattern.
        var definition: String?
    }

    init(rule: Rule, definitions: PatternComposer) throws(PatternError) {
        self.rule = rule
        composer = definitions
        composition = definitions.compose(rule.patternText)
        pattern = try Pattern(composition.text, options: rule.pattern.options.union(.autoCallout))
        structure = PatternStructure(pattern)
    }

    /// The attempts of the pattern in one sentence that did not match,
    /// tracing on after each match as a scan for every match does. The
    /// subject ends with the sentence but starts with the document, so
    /// lookbehinds see what precedes it.
    func failedAttempts(
        in sentence: Range<Int>, of document: DocumentText, matcher: Matcher
    ) throws(MatchError) -> [MatchTrace.Attempt] {
        try document.bytes.withUnsafeBufferPointer { (bytes) throws(MatchError) -> [MatchTrace.Attempt] in
            let subject = UnsafeBufferPointer(rebasing: bytes[..<sentence.upperBound])
            var failed: [MatchTrace.Attempt] = []
            var start = sentence.lowerBound
            while start < sentence.upperBound {
                let trace = try matcher.trace(
                    of: pattern, in: subject, from: start, definitionsStart: composition.ownLength)
                guard let match = trace.match else { return failed + trace.attempts }
                failed += trace.attempts.dropLast()
                start = max(match.range.upperBound, start + 1)
            }
            return failed
        }
    }

    /// The item a step was about to match and where it is written. A step
    /// inside a choice (`mg | g | mcg`) is the whole choice, for PCRE2 last
    /// tried its last alternative and that one alone says little.
    func place(of step: MatchTrace.Step, files: RuleFileIndex) -> Place {
        var offset = step.patternOffset
        var item = structure.item(at: step.patternOffset, length: step.itemLength)
        // The choice must lie in the same text as the step: the rule's own, or one definition's body.
        let textStart = composition.definitionStarts.last { $0.start <= step.patternOffset }?.start ?? 0
        if let choice = structure.enclosingAlternation(of: step.patternOffset), choice.open >= textStart {
            offset = choice.open
            item = structure.item(at: choice.open, length: 1)
        }
        item = item.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if item.count > 70 { item = item.prefix(70) + " …" }
        switch composer.origin(ofByte: offset, in: composition, ownText: rule.patternText) {
        case let .own(offset):
            let location =
                files.patternLocation(ofRule: rule.id, in: rule.location.file, character: offset) ?? rule.location
            return Place(item: item.isEmpty ? "the end of the pattern" : item, location: location, definition: nil)
        case let .definition(name, offset):
            let definition = composer.definitions[name]!
            let location =
                files.definitionLocation(of: name, in: definition.location.file, character: offset)
                ?? definition.location
            return Place(item: item, location: location, definition: name)
        }
    }
}

/// The rule files, parsed again on demand to find where in them a pattern's
/// characters are written (a loaded ``Rule`` keeps only where it starts).
final class RuleFileIndex {
    private var readers: [String: (reader: YAMLNodeReader, root: Node)?] = [:]

    /// The file position of character `offset` of rule `id`'s pattern.
    func patternLocation(ofRule id: String, in file: String, character offset: Int) -> SourceLocation? {
        guard let (reader, root) = parsed(file),
            let rules = root.mapping?["rules"]?.sequence,
            let node = rules.first(where: { $0.mapping?["id"]?.scalar?.string == id }),
            let pattern = node.mapping?["pattern"]
        else { return nil }
        return reader.location(ofCharacter: offset, in: pattern)
    }

    /// The file position of character `offset` of the definition `name`.
    func definitionLocation(of name: String, in file: String, character offset: Int) -> SourceLocation? {
        guard let (reader, root) = parsed(file), let body = root.mapping?["definitions"]?.mapping?[name] else {
            return nil
        }
        return reader.location(ofCharacter: offset, in: body)
    }

    private func parsed(_ file: String) -> (reader: YAMLNodeReader, root: Node)? {
        if let known = readers[file] { return known }
        var entry: (reader: YAMLNodeReader, root: Node)?
        if let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) {
            let reader = YAMLNodeReader(path: file, text: text)
            entry = reader.root().map { (reader, $0) }
        }
        readers[file] = entry
        return entry
    }
}
