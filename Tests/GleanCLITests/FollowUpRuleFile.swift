import Foundation

/// A rule file that adds a field of its own, `follow_up`, to the built-in
/// rules: what a user adding a field writes.
enum FollowUpRuleFile {
    /// The file's text: the field, and one rule with `pattern` and the match examples given (YAML flow mappings).
    static func text(pattern: String, examples: [String]) -> String {
        """
        fields:
          follow_up:
            keys: [months]
            requires: [[months]]
        rules:
          - id: follow_up.months
            field: follow_up
            pattern: '\(pattern)'
            values: {months: {group: months, normalize: integer}}
            examples:
              match:
        \(examples.map { "        - " + $0 }.joined(separator: "\n"))
        """
    }
}
