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
            var utf8 = text
            return utf8.withUTF8 { bytes in
                for (value, pattern) in entries {
                    do {
                        // The first match only: whether there is one is all that counts.
                        if try matcher.firstMatch(of: pattern, in: bytes) != nil { return .success([value]) }
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
}
