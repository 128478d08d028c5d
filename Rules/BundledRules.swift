import Foundation

/// The folder that holds the bundled copies of the rule files beside this
/// one (SwiftPM needs a source file to make a resource bundle).
public enum BundledRules {
    public static var directory: String? { Bundle.module.resourcePath }
}
