/// A place in a rule or fixture file, 1-based as editors count.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:column`, the form editors and terminals link to.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found while loading a rule or fixture file, where it is.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `path:line:column: error: message`.
    public var description: String { "\(location): error: \(message)" }
}

/// A load that failed, with every problem of it, not only the first.
public protocol LoadError: Error, Sendable, CustomStringConvertible {
    var diagnostics: [Diagnostic] { get }
}

extension LoadError {
    /// One `path:line:column: error: message` line per problem.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// The rules could not be loaded.
public struct RuleLoadError: LoadError {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// A fixture file could not be loaded.
public struct FixtureLoadError: LoadError {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
