/// The rule set shipped with glean, built into the executable from `Rules/`
/// by the EmbedRules plugin (see `EmbeddedRuleFiles`, generated).
public enum DefaultRuleFiles {
    /// Each file's name (`dose.yaml`, `drug_names.terms`) and text, sorted by name.
    public static var files: [(name: String, text: String)] { EmbeddedRuleFiles.files }

    /// The commit the executable was built from, when the build could tell.
    public static var commit: String? { EmbeddedRuleFiles.commit }

    /// The files' digest (FNV-1a of the rule files, then the term lists, each
    /// by name), worked out at build time.
    public static var digest: String { EmbeddedRuleFiles.digest }
}
