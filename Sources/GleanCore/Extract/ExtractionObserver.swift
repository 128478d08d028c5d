/// What an extraction reports as it works, in the manner of ripgrep's
/// `Sink`: the matches that did not become facts, and where the time went.
/// Every requirement has a do-nothing default, and the extractor reads no
/// clock and words no reason unless its observer asks for them, so the
/// batch path pays nothing for `glean explain` and `--time`.
public protocol ExtractionObserver {
    /// Whether the observer wants the matches that did not become facts.
    /// The rules then also search past their prefilters, so that a match a
    /// prefilter would skip is reported with its reason.
    var explainsRejections: Bool { get }
    /// Whether the observer wants the times of rules and stages.
    var measuresTime: Bool { get }
    /// A match that did not become a fact, and why.
    mutating func rejected(_ rejection: Rejection)
    /// One rule's time in one document.
    mutating func rule(_ id: String, took time: ExtractionTimes.RuleTime)
    /// One stage's time in one document (``ExtractionStage``, or a linker's).
    mutating func stage(_ name: String, took nanoseconds: UInt64)
}

extension ExtractionObserver {
    public var explainsRejections: Bool { false }
    public var measuresTime: Bool { false }
    public mutating func rejected(_ rejection: Rejection) {}
    public mutating func rule(_ id: String, took time: ExtractionTimes.RuleTime) {}
    public mutating func stage(_ name: String, took nanoseconds: UInt64) {}
}

/// An observer that wants nothing: plain extraction.
public struct SilentObserver: ExtractionObserver {
    public init() {}
}

/// Collects the matches that did not become facts (`glean explain`).
public struct RejectionCollector: ExtractionObserver {
    public private(set) var rejections: [Rejection] = []

    public init() {}

    public var explainsRejections: Bool { true }

    public mutating func rejected(_ rejection: Rejection) { rejections.append(rejection) }
}

/// Measures where extraction spends its time (`glean extract --time`).
public struct TimingObserver: ExtractionObserver {
    public private(set) var times = ExtractionTimes()

    public init() {}

    public var measuresTime: Bool { true }

    public mutating func rule(_ id: String, took time: ExtractionTimes.RuleTime) { times.add(time, toRule: id) }

    public mutating func stage(_ name: String, took nanoseconds: UInt64) { times.add(nanoseconds, toStage: name) }
}

/// The stages of extraction that are timed as a whole (each rule's search,
/// context checks and values are timed per rule, each linker on its own).
public enum ExtractionStage {
    /// Normalizing the text and building its sentence, word and offset
    /// indexes (built on first use; when timed, built here so that no rule
    /// is charged for them).
    public static let splitSentences = "split sentences"
    public static let resolveOverlaps = "resolve overlaps"
    public static let emitFacts = "emit facts"
    public static func link(_ attribute: String) -> String { "link \(attribute)" }
}
