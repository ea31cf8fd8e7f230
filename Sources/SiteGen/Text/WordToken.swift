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

    /// The same words as `all(in: text.scalarArray)`, with their keys' hashes (`fnv(key)`) and no
    /// key strings made, read straight from the text's UTF-8 bytes: no array of scalars (four bytes
    /// for each of the text's), and each ASCII word hashed as its lower-cased bytes are read. The
    /// reuse index reads every word of the corpus this way, in every pass.
    static func hashed(in text: String) -> [Hashed] {
        var text = text
        return text.withUTF8 { bytes in
            var words: [Hashed] = []
            words.reserveCapacity(bytes.count / 6)
            var (read, scalar) = (0, 0)
            while read < bytes.count {
                // Outside a word: skip to the next scalar that starts one.
                let (first, length) = Unicode.Scalar.decoding(bytes, at: read)
                guard first.isWordScalar else {
                    read += length
                    scalar += 1
                    continue
                }
                let (startByte, startScalar) = (read, scalar)
                var hash = fnvOffset
                var isASCII = true
                while read < bytes.count {
                    let byte = bytes[read]
                    if byte < 0x80 {
                        let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                        guard (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else { break }
                        hash = (hash ^ UInt64(lower)) &* fnvPrime
                        read += 1
                    } else {
                        let (next, length) = Unicode.Scalar.decoding(bytes, at: read)
                        guard next.isWordScalar else { break }
                        isASCII = false
                        read += length
                    }
                    scalar += 1
                }
                if !isASCII {
                    // As `all(in:)` makes its key: the word's own text, lower-cased by Unicode's rules.
                    hash = fnv(String(decoding: UnsafeBufferPointer(rebasing: bytes[startByte..<read]), as: UTF8.self).lowercased())
                }
                words.append(Hashed(start: startScalar, end: scalar, hash: hash))
            }
            return words
        }
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

    private static let fnvOffset: UInt64 = 14_695_981_039_346_656_037
    private static let fnvPrime: UInt64 = 1_099_511_628_211

    /// FNV-1a: a fixed hash, the same in every run (Swift's `Hasher` is seeded per process).
    static func fnv(_ key: String) -> UInt64 { fnv(key.utf8) }

    static func fnv<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = fnvOffset
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return hash
    }
}
