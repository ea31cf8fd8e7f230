/// A run of letters and digits in a text, at scalar offsets.
struct WordToken {
    var start: Int
    var end: Int
    var key: String

    /// The text's words: maximal runs of letters and digits, lower-cased as keys.
    static func all(in scalars: [Unicode.Scalar]) -> [WordToken] {
        var tokens: [WordToken] = []
        tokens.reserveCapacity(scalars.count / 6)
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
                    // ASCII lower-casing by hand; anything else goes through `lowercased()` below.
                    bytes.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 32 : value))
                } else {
                    isASCII = false
                }
                index += 1
            }
            let key = isASCII ? String(decoding: bytes, as: UTF8.self)
                : String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
            tokens.append(WordToken(start: start, end: index, key: key))
        }
        return tokens
    }
}
