import GleanRules

/// The rule set shipped with glean, built into the executable (from
/// `Rules/`, by the EmbedRules plugin), so `glean` runs from any folder and
/// when copied alone.
public enum DefaultRules {
    /// The rule files: each file's path as `Rules/NAME` (where it lives in the
    /// repository, for messages and `explain`) and its text.
    public static var sources: [(path: String, text: String)] {
        DefaultRuleFiles.files.filter { !$0.name.hasSuffix(".terms") }.map { ("Rules/" + $0.name, $0.text) }
    }

    /// The term lists, by file name.
    public static var termFiles: [String: String] {
        Dictionary(
            uniqueKeysWithValues: DefaultRuleFiles.files.filter { $0.name.hasSuffix(".terms") }.map {
                ($0.name, $0.text)
            })
    }

    /// Loads the default rule set.
    public static func load() throws(RuleLoadError) -> RuleSet {
        try RuleLoader().load(sources: sources, termFiles: termFiles, digest: digest)
    }

    /// The commit glean was built from, when the build could tell.
    public static var commit: String? { DefaultRuleFiles.commit }

    /// A digest of the default rule files (FNV-1a, 64 bits, of their names
    /// and texts, term lists last), worked out when they were built in: the
    /// ``RuleSet/digest`` of the default rules.
    public static var digest: String { DefaultRuleFiles.digest }
}
