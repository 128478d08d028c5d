import Synchronization

/// A value made the first time it is read, by whichever thread reads it
/// first, and kept: every later read is one atomic load. Two threads that
/// read it first at the same moment may both make it; one of the two is kept
/// and both get that one, so `make` must give equal values every time.
final class LazyValue<Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let stored = AtomicLazyReference<Box>()

    /// A value not made yet.
    init() {}

    /// A value already made.
    init(_ value: Value) {
        _ = stored.storeIfNil(Box(value))
    }

    /// The value, made with `make` if this is the first read.
    func value(_ make: () -> Value) -> Value {
        if let box = stored.load() { return box.value }
        return stored.storeIfNil(Box(make())).value
    }
}
