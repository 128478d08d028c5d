/// A short digest of rule files, to tell rule sets apart in output.
public enum RuleDigest {
    /// FNV-1a (64 bits) of each file's name and text, in order, as 16 hex digits.
    public static func of(_ files: [(name: String, text: String)]) -> String {
        var hash = FNV1a.offsetBasis
        for (name, text) in files {
            for byte in name.utf8 { hash = FNV1a.hashing(byte, into: hash) }
            hash = FNV1a.hashing(0, into: hash)
            for byte in text.utf8 { hash = FNV1a.hashing(byte, into: hash) }
            hash = FNV1a.hashing(0, into: hash)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
