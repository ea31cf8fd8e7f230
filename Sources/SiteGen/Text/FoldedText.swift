/// A text with its folded form, for matching quotes the way SPEC §4 allows:
/// white space runs, typographic quotes, apostrophes and dashes fold to one
/// plain form; nothing else (not even case) is forgiven.
struct FoldedText {
    let original: [Unicode.Scalar]
    let folded: [Unicode.Scalar]
    /// `origin[i]` is the offset in `original` of folded scalar `i`;
    /// the extra last element is `original.count`.
    let origin: [Int]

    init(_ text: String) { self.init(scalars: text.scalarArray) }

    init(scalars original: [Unicode.Scalar]) {
        self.original = original
        var folded: [Unicode.Scalar] = []
        var origin: [Int] = []
        folded.reserveCapacity(original.count)
        for (offset, scalar) in original.enumerated() {
            let plain = Self.fold(scalar)
            if plain == " ", folded.last == " " { continue }
            folded.append(plain)
            origin.append(offset)
        }
        origin.append(original.count)
        self.folded = folded
        self.origin = origin
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}", "`": return "'"
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}": return "\""
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return "-"
        default: return scalar.isSpace ? " " : scalar
        }
    }

    /// A quote folded the same way, without leading or trailing space.
    static func foldQuote(_ text: String) -> [Unicode.Scalar] {
        var folded = FoldedText(text).folded
        while folded.first == " " { folded.removeFirst() }
        while folded.last == " " { folded.removeLast() }
        return folded
    }

    /// Every folded offset where `needle` starts.
    func occurrences(of needle: [Unicode.Scalar]) -> [Int] {
        guard !needle.isEmpty, needle.count <= folded.count else { return [] }
        var result: [Int] = []
        let first = needle[0]
        var index = 0
        while index <= folded.count - needle.count {
            if folded[index] == first && folded[index..<index + needle.count].elementsEqual(needle) { result.append(index) }
            index += 1
        }
        return result
    }

    /// The original span of folded range `start..<end`.
    func span(folded start: Int, _ end: Int) -> TextSpan {
        TextSpan(start: origin[start], end: end < origin.count - 1 ? origin[end - 1] + 1 : original.count)
    }

    /// The folded offsets that cover the original span `span`.
    func foldedRange(_ span: TextSpan) -> Range<Int> {
        func firstFolded(atOrAfter offset: Int) -> Int {
            var low = 0, high = folded.count
            while low < high { let mid = (low + high) / 2; if origin[mid] < offset { low = mid + 1 } else { high = mid } }
            return low
        }
        let lower = firstFolded(atOrAfter: span.start)
        return lower..<max(lower, firstFolded(atOrAfter: span.end))
    }

    func string(_ span: TextSpan) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: original[max(0, span.start)..<min(original.count, span.end)])
        return String(text)
    }
}
