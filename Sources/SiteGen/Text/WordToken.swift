/// A run of letters and digits in a text, at scalar offsets.
struct WordToken {
    var start: Int
    var end: Int
    var key: String

    /// The text's words: maximal runs of letters and digits, lower-cased as keys.
    static func all(in scalars: [Unicode.Scalar]) -> [WordToken] {
        var tokens: [WordToken] = []
        tokens.reserveCapacity(scalars.count / 6)
        forEachWord(in: scalars) { start, end, isASCII, bytes in
            let key = isASCII ? String(decoding: bytes, as: UTF8.self)
                : String(String.UnicodeScalarView(scalars[start..<end])).lowercased()
            tokens.append(WordToken(start: start, end: end, key: key))
        }
        return tokens
    }

    /// A word known by the hash of its key (`fnv(key)`), where only equality of words matters.
    struct Hashed {
        var start: Int
        var end: Int
        var hash: UInt64
    }

    /// The same words as `all(in:)`, with their keys' hashes and no key strings made
    /// (for an ASCII word, the hash is taken from the lower-cased bytes as they are read).
    static func hashed(in scalars: [Unicode.Scalar]) -> [Hashed] {
        var words: [Hashed] = []
        words.reserveCapacity(scalars.count / 6)
        forEachWord(in: scalars) { start, end, isASCII, bytes in
            let hash = isASCII ? fnv(bytes) : fnv(String(String.UnicodeScalarView(scalars[start..<end])).lowercased())
            words.append(Hashed(start: start, end: end, hash: hash))
        }
        return words
    }

    /// Calls `body` with each word's scalar range, whether it is ASCII, and for an ASCII
    /// word its lower-cased bytes (one buffer, reused from word to word).
    private static func forEachWord(in scalars: [Unicode.Scalar], _ body: (Int, Int, Bool, [UInt8]) -> Void) {
        var bytes: [UInt8] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index].isWordScalar else { index += 1; continue }
            let start = index
            var isASCII = true
            bytes.removeAll(keepingCapacity: true)
            while index < scalars.count, scalars[index].isWordScalar {
                let value = scalars[index].value
                if value < 0x80 {
                    // ASCII lower-casing by hand; anything else goes through `lowercased()`.
                    bytes.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 32 : value))
                } else {
                    isASCII = false
                }
                index += 1
            }
            body(start, index, isASCII, bytes)
        }
    }

    /// FNV-1a: a fixed hash, the same in every run (Swift's `Hasher` is seeded per process).
    static func fnv(_ key: String) -> UInt64 { fnv(key.utf8) }

    static func fnv<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }
}
