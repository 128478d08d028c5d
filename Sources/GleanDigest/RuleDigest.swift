/// A short digest of rule files, to tell rule sets apart in output.
public enum RuleDigest {
    /// FNV-1a (64 bits) of each file's name and text, in order, as 16 hex digits.
    public static func of(_ files: [(name: String, text: String)]) -> String {
        var hash = FNV1a.offsetBasis
        for (name, text) in files {
            hash = hashing(name, into: hash)
            hash = hashing(text, into: hash)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `hash` continued with the UTF-8 bytes of `text` and a zero byte. The
    /// bytes are read from the string's own storage where it has one: rule
    /// files are megabytes, and every run hashes them.
    private static func hashing(_ text: String, into hash: UInt64) -> UInt64 {
        var text = text
        let hashed = text.withUTF8 { bytes in
            var hash = hash
            for byte in bytes { hash = FNV1a.hashing(byte, into: hash) }
            return hash
        }
        return FNV1a.hashing(0, into: hashed)
    }
}
