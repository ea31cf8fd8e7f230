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
