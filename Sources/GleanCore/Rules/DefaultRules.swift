import GleanRules

/// The rule set shipped with glean, bundled as a resource so `glean` works
/// from any directory.
public enum DefaultRules {
    /// The folder holding the bundled rule files.
    public static var directory: String? { BundledRules.directory }
}
