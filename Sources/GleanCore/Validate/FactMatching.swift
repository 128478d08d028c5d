/// The comparisons of FIELDS.md "Matching": which facts are one, and when
/// an emitted fact finds an expected one.
public struct FactMatching: Sendable {
    public let schema: FieldSchema

    public init(schema: FieldSchema) { self.schema = schema }

    /// An expected fact is found when the emitted fact has the same value for
    /// every key value the expected fact lists.
    public func finds(_ emitted: FactValues, _ expected: FactValues) -> Bool {
        schema.keys.allSatisfy { key in
            guard let wanted = expected[key] else { return true }
            return emitted[key].map(wanted.matches) ?? false
        }
    }

    /// Facts with the same key values and no conflicting linked attribute are
    /// one; the merged fact keeps the attributes either had.
    public func merged(_ facts: [FactValues]) -> [FactValues] {
        var merged: [FactValues] = []
        for fact in facts {
            if let index = merged.firstIndex(where: { sameKeys($0, fact) && !conflicting($0, fact) }) {
                for name in schema.attributes where merged[index][name] == nil { merged[index][name] = fact[name] }
            } else {
                merged.append(fact)
            }
        }
        return merged
    }

    func sameKeys(_ a: FactValues, _ b: FactValues) -> Bool {
        schema.keys.allSatisfy { key in
            switch (a[key], b[key]) {
            case (nil, nil): true
            case let (x?, y?): x.matches(y)
            default: false
            }
        }
    }

    func conflicting(_ a: FactValues, _ b: FactValues) -> Bool {
        schema.attributes.contains { name in
            guard let x = a[name], let y = b[name] else { return false }
            return !x.matches(y)
        }
    }
}
