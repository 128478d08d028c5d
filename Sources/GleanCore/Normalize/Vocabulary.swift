import GleanRegex

/// A normalizer declared in a rule file: canonical values, each with a
/// pattern; a text takes the first value whose pattern finds a match in it.
struct Vocabulary: Sendable {
    let name: String
    let entries: [(FactValue, Pattern)]

    var normalizer: Normalizer {
        let entries = entries
        let name = name
        return Normalizer(name: name) { text, matcher in
            let bytes = Array(text.utf8)
            for (value, pattern) in entries {
                do {
                    if try !matcher.matches(of: pattern, in: bytes).isEmpty { return .success([value]) }
                } catch {
                    return .failure(
                        NormalizationFailure(
                            "vocabulary \(name) could not match \"\(text)\": \(error)", isMatchError: true))
                }
            }
            return .failure(NormalizationFailure("\"\(text)\" is in no entry of vocabulary \(name)"))
        }
    }
}
