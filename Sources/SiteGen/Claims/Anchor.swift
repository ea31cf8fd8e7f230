/// A located passage: scalar offsets into a source's text, end exclusive.
public struct TextSpan: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public static func < (a: TextSpan, b: TextSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Whether `other` lies wholly inside this span.
    func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
}

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

/// Finds a quotation in a source's text (SPEC §4 "Anchoring").
enum Anchor {
    enum Failure: Error, Equatable {
        /// Not found; `closest` is the passage most like it, with its similarity (0…1).
        case notFound(closest: String?, similarity: Double)
        /// Found more than once and prefix/suffix did not choose; the spans where it occurs.
        case ambiguous([TextSpan])
        case emptyQuote
    }

    static func locate(_ selector: QuoteSelector, in text: FoldedText) -> Result<TextSpan, Failure> {
        let quote = FoldedText.foldQuote(selector.quote)
        guard !quote.isEmpty else { return .failure(.emptyQuote) }
        var starts = text.occurrences(of: quote)
        if starts.isEmpty {
            let (span, similarity) = closestPassage(to: quote, in: text)
            return .failure(.notFound(closest: span.map { text.string($0) }, similarity: similarity))
        }
        if let prefix = selector.prefix.map(FoldedText.foldQuote), !prefix.isEmpty {
            starts = starts.filter { start in
                let before = text.folded[max(0, start - prefix.count - 1)..<start]
                return Self.trimmed(before).reversed().starts(with: prefix.reversed())
            }
        }
        if let suffix = selector.suffix.map(FoldedText.foldQuote), !suffix.isEmpty {
            starts = starts.filter { start in
                let afterStart = start + quote.count
                let after = text.folded[afterStart..<min(text.folded.count, afterStart + suffix.count + 1)]
                return Self.trimmed(after).starts(with: suffix)
            }
        }
        let spans = starts.map { text.span(folded: $0, $0 + quote.count) }
        switch spans.count {
        case 1: return .success(spans[0])
        case 0: return .failure(.notFound(closest: nil, similarity: 0))
        default: return .failure(.ambiguous(spans))
        }
    }

    private static func trimmed(_ slice: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var slice = slice
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return slice
    }

    /// The passage of the text with the fewest edits from the quote (Myers'
    /// bit-vector search through edlib), widened to whole words, with its
    /// similarity: 1 − edits ÷ quote length. `floor` skips passages less similar
    /// than that, which lets the search stop early.
    /// `within` limits the search to a range of folded offsets.
    /// `coded`, when given, is `text.folded` coded once for many quotes.
    static func closestPassage(to quote: [Unicode.Scalar], in text: FoldedText, within: Range<Int>? = nil,
                               floor: Double = 0, coded: ApproximateSearch.CodedText? = nil,
                               prepared: BitVectorMyers? = nil) -> (TextSpan?, Double) {
        let haystack = text.folded
        let range = within ?? haystack.indices
        let maxEdits = floor > 0 ? Int((1 - floor) * Double(quote.count)) : nil
        let occurrence: ApproximateOccurrence?
        if let coded {
            occurrence = ApproximateSearch.best(quote, prepared: prepared, in: coded, range: range, maxEdits: maxEdits)
        } else {
            occurrence = ApproximateSearch.best(quote, in: range == haystack.indices ? haystack : Array(haystack[range]), maxEdits: maxEdits)
        }
        guard let found = occurrence else { return (nil, 0) }
        let similarity = 1 - Double(found.edits) / Double(quote.count)
        // Show whole words: widen the passage to the word boundaries around it.
        var first = range.lowerBound + found.start, last = range.lowerBound + found.end
        while first > 0, haystack[first - 1].isWordScalar { first -= 1 }
        while last < haystack.count, haystack[last].isWordScalar { last += 1 }
        return (text.span(folded: first, last), similarity)
    }
}
