/// Character classes that text analysis asks about millions of times. ASCII
/// is answered by comparison; only other scalars consult the Unicode
/// property tables, which are slow to query.
extension Unicode.Scalar {
    /// A letter or a digit: part of a word.
    var isWordScalar: Bool {
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        return properties.isAlphabetic || properties.numericType != nil
    }

    var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }

    var isCapital: Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        return properties.isUppercase
    }

    var isLetterScalar: Bool {
        if value < 0x80 { return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) }
        return properties.isAlphabetic
    }

    /// A decimal digit, in any script.
    var isDecimalDigit: Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return properties.numericType == .decimal
    }

    /// Ends a line: `\n`, `\r`, vertical tab, form feed, NEL, or the line and paragraph separators,
    /// the scalars Swift's Characters treat as newlines.
    var isLineBreak: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `.`, `!` or `?`: a sentence may end here.
    var isSentenceEnd: Bool { value == 0x2E || value == 0x21 || value == 0x3F }

    /// A closing quotation mark that may follow a sentence's end: `"`, `”` or `’`.
    var isClosingQuote: Bool { value == 0x22 || value == 0x201D || value == 0x2019 }

    /// A word character as regular expressions count them (`\w`): letters, marks, digits, `_`.
    var isRegexWordScalar: Bool {
        if value < 0x80 { return isWordScalar || value == 0x5F }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return true
        default: return properties.isAlphabetic || properties.numericType == .decimal || value == 0x200C || value == 0x200D
        }
    }
}

extension String {
    /// Every scalar is ASCII: then each byte is a scalar and a Character, and the fast paths that read bytes hold.
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// How many Unicode scalars the string has, counted over its UTF-8 bytes: one per byte that
    /// does not continue a sequence. `unicodeScalars.count` decodes every scalar to count it.
    var scalarCount: Int {
        var copy = self
        return copy.withUTF8(Self.scalarCount)
    }

    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The text's scalars in an array, as `Array(unicodeScalars)` gives them, read from the UTF-8
    /// bytes (a count and a decoding pass over bytes, where `Array(unicodeScalars)` counts and then
    /// decodes through an iterator, several times slower). A String's bytes are always valid UTF-8,
    /// so a scalar's length is read from its first byte.
    var scalarArray: [Unicode.Scalar] {
        var copy = self
        return copy.withUTF8 { bytes -> [Unicode.Scalar] in
            // The array is allocated to size.
            let scalarCount = Self.scalarCount(bytes)
            return [Unicode.Scalar](unsafeUninitializedCapacity: scalarCount) { buffer, count in
                var (read, written) = (0, 0)
                while read < bytes.count {
                    let (scalar, length) = Unicode.Scalar.decoding(bytes, at: read)
                    buffer.initializeElement(at: written, to: scalar)
                    read += length
                    written += 1
                }
                count = written
            }
        }
    }
}

extension Unicode.Scalar {
    /// The scalar whose UTF-8 form starts at `index` of `bytes`, and its length in bytes. A String's
    /// bytes are always valid UTF-8, so the length is read from the first byte.
    static func decoding(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let first = bytes[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
        var value = UInt32(first) & (0x7F >> UInt32(length))
        for next in bytes[(index + 1)..<(index + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
