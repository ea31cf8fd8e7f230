/// Something in a source that a claim could cover: a figure with its hedge
/// and unit, or a quotation with the speaker the sentence gives it.
public struct Candidate: Hashable, Sendable {
    public enum Kind: String, Sendable { case figure, quotation }

    public var kind: Kind
    public var source: String
    /// The figure with its hedge and unit words ("approximately 24,000 fraudulent
    /// accounts"), or the words inside the quotation marks.
    public var span: TextSpan
    public var text: String
    /// The sentence (or embedded post) the candidate is in.
    public var sentence: TextSpan
    public var figure: Figure?
    /// The hedge before the figure, lower-cased ("more than"), if any.
    public var qualifier: String?
    /// What the figure counts, as a singular key ("account", "exchange"), if any.
    public var unit: String?
    /// Who the sentence says spoke the quotation: an entity id, or the words used.
    public var speaker: String?
}

/// Finds candidates in a source's cleaned text: figures through `Figure`'s
/// pattern, quotations between straight or typographic double quotes, and
/// posts embedded from X.
struct CandidateExtractor {
    let mentions: MentionFinder

    /// Quotations shorter than this many words are phrases ("industrial-scale"), not quotes.
    static let minimumQuoteWords = 4

    func candidates(in source: Source) -> [Candidate] { candidates(in: source, blocks: BlockWords.all(in: source.text)) }

    /// The candidates of `source`, whose blocks are already read.
    func candidates(in source: Source, blocks: [BlockWords]) -> [Candidate] {
        let text = source.text
        let sentences = text.sentences
        var found: [Candidate] = []
        for block in blocks {
            let (base, scalars) = (block.start, block.scalars)
            let blockSpan = block.span
            func sentence(around span: TextSpan) -> TextSpan {
                if block.block.kind == .embed { return blockSpan }
                // A sentence of this block (sentences never cross blocks; the check keeps the slicing below safe).
                return text.sentenceIndex(at: span.start).map { sentences[$0] }.flatMap { blockSpan.contains($0) ? $0 : nil } ?? blockSpan
            }
            for (figure, located) in block.figures {
                let (start, end) = (located.start, located.end)
                let (qualifier, qualifierStart) = Self.hedge(endingAt: start, tokens: block.tokens, scalars: scalars)
                let (unit, unitEnd) = Self.unit(startingAt: end, tokens: block.tokens, scalars: scalars)
                // A bare number that counts nothing named ("step 1") is not a claim's figure.
                guard unit != nil || figure.currency != nil || figure.scale != nil else { continue }
                let span = TextSpan(start: base + (qualifierStart ?? start), end: base + (unitEnd ?? end))
                found.append(Candidate(kind: .figure, source: source.id, span: span, text: Self.string(scalars, span, base),
                                       sentence: sentence(around: span), figure: figure, qualifier: qualifier, unit: unit))
            }
            if block.block.kind == .embed, let post = Self.embeddedPost(scalars) {
                let span = TextSpan(start: base + post.text.start, end: base + post.text.end)
                found.append(Candidate(kind: .quotation, source: source.id, span: span, text: Self.string(scalars, span, base),
                                       sentence: blockSpan, speaker: post.speaker))
                continue
            }
            for quoted in Self.quotations(scalars) {
                let span = TextSpan(start: base + quoted.start, end: base + quoted.end)
                let around = sentence(around: span)
                found.append(Candidate(kind: .quotation, source: source.id, span: span, text: Self.string(scalars, span, base),
                                       sentence: around, speaker: speaker(of: span, in: around, source: source, block: block)))
            }
        }
        return found.sorted { $0.span < $1.span }
    }

    private static func string(_ scalars: [Unicode.Scalar], _ span: TextSpan, _ base: Int) -> String {
        String(String.UnicodeScalarView(scalars[(span.start - base)..<(span.end - base)]))
    }

    /// The hedge (from `Qualifiers.lexicon`) right before a figure, longest first.
    static func hedge(endingAt offset: Int, tokens: [WordToken], scalars: [Unicode.Scalar]) -> (String?, Int?) {
        // The tokens before the figure, found by binary search: hedges are at most three words long.
        var low = 0, high = tokens.count
        while low < high { let mid = (low + high) / 2; if tokens[mid].end <= offset { low = mid + 1 } else { high = mid } }
        let before = tokens[max(0, low - 3)..<low]
        guard let last = before.last, offset - last.end <= 2 else { return (nil, nil) }
        for phrase in Qualifiers.longestFirst where phrase.count <= before.count {
            let words = before.suffix(phrase.count)
            if words.map(\.key) == phrase { return (phrase.joined(separator: " "), words.first!.start) }
        }
        return (nil, nil)
    }

    /// Words that end a unit: what follows them is no longer what is counted.
    static let unitStops: Set<String> = ["and", "or", "with", "to", "of", "in", "on", "at", "by", "for", "from", "that", "which",
                                          "who", "were", "was", "is", "are", "has", "had", "have", "the", "a", "an", "its", "their",
                                          "through", "into", "across", "after", "before", "since", "over", "under", "than", "as"]

    /// The words a figure counts ("fraudulent accounts", "exchanges"): up to three
    /// words after it in the same clause; the last of them, made singular, is the key.
    static func unit(startingAt offset: Int, tokens: [WordToken], scalars: [Unicode.Scalar]) -> (String?, Int?) {
        guard let last = unitWords(startingAt: offset, tokens: tokens, scalars: scalars).last else { return (nil, nil) }
        return (singular(last.key), last.end)
    }

    /// The words themselves. An "-ly" word may open them ("monthly active users") but ends them
    /// anywhere else ("accounts reportedly used"), and counts nothing alone.
    static func unitWords(startingAt offset: Int, tokens: [WordToken], scalars: [Unicode.Scalar]) -> [WordToken] {
        var words: [WordToken] = []
        var position = offset
        for token in tokens where token.start >= offset {
            let gap = scalars[position..<token.start]
            guard gap.allSatisfy({ $0 == " " || $0 == "-" }), words.count < 3,
                  !unitStops.contains(token.key), Int(token.key) == nil, !(token.key.hasSuffix("ly") && !words.isEmpty) else { break }
            words.append(token)
            position = token.end
        }
        while words.last?.key.hasSuffix("ly") == true { words.removeLast() }
        return words
    }

    static func singular(_ word: String) -> String {
        if let last = word.utf8.last, last < 0x80, last != UInt8(ascii: "s") { return word }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("ses") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }

    /// Spans inside double quotes (straight or typographic) of at least `minimumQuoteWords` words.
    static func quotations(_ scalars: [Unicode.Scalar]) -> [TextSpan] {
        var spans: [TextSpan] = []
        var open: Int?
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\u{201C}": open = index + 1
            case "\u{201D}":
                if let start = open { spans.append(TextSpan(start: start, end: index)) }
                open = nil
            case "\"":
                if let start = open { spans.append(TextSpan(start: start, end: index)); open = nil } else { open = index + 1 }
            default: break
            }
        }
        return spans.compactMap { span in
            var span = span
            while span.start < span.end, scalars[span.start].isSpace { span.start += 1 }
            while span.end > span.start, scalars[span.end - 1].isSpace || ",".unicodeScalars.contains(scalars[span.end - 1]) { span.end -= 1 }
            let words = WordToken.all(in: Array(scalars[span.start..<span.end])).count
            return words >= minimumQuoteWords ? span : nil
        }
    }

    /// An embedded post "text — Name (@handle) Month D, YYYY": its text and author.
    static func embeddedPost(_ scalars: [Unicode.Scalar]) -> (text: TextSpan, speaker: String)? {
        guard let dash = scalars.lastIndex(of: "\u{2014}") else { return nil }
        var end = dash
        while end > 0, scalars[end - 1].isSpace { end -= 1 }
        let signature = String(String.UnicodeScalarView(scalars[(dash + 1)...]))
        let name = signature.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard end > 0, !name.isEmpty else { return nil }
        return (TextSpan(start: 0, end: end), name)
    }

    /// The speaker the sentence names for a quotation: the entity mentioned
    /// nearest to it outside the quotation marks, or "the company" and the like
    /// as written. Nil when the sentence names nobody.
    func speaker(of quote: TextSpan, in sentence: TextSpan, source: Source, block: BlockWords) -> String? {
        let text = String(String.UnicodeScalarView(block.scalars[(sentence.start - block.start)..<(sentence.end - block.start)]))
        let outside = mentions.mentions(in: text, source: source.id).filter { mention in
            let start = sentence.start + mention.span.start
            return start + (mention.span.end - mention.span.start) <= quote.start - 1 || start >= quote.end + 1
        }
        let distance = { (mention: EntityMention) -> Int in
            let start = sentence.start + mention.span.start
            return start < quote.start ? quote.start - start : start - quote.end
        }
        if let nearest = outside.min(by: { distance($0) < distance($1) }) { return nearest.entity }
        let lower = text.lowercased()
        return ["the company", "the firm", "the lab"].first { lower.contains($0) }
    }
}

// The binary forms of candidates, for the match step's cache.

extension Figure: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(value)
        writer.write(text)
        writer.write(currency)
        writer.write(scale)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(value: try reader.read(), text: try reader.read(), currency: try reader.read(), scale: try reader.read())
    }
}

extension Candidate: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(kind.rawValue)
        writer.write(source)
        writer.write(span)
        writer.write(text)
        writer.write(sentence)
        writer.write(figure)
        writer.write(qualifier)
        writer.write(unit)
        writer.write(speaker)
    }

    init(from reader: inout BinaryReader) throws {
        guard let kind = Kind(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        self.init(kind: kind, source: try reader.read(), span: try reader.read(), text: try reader.read(), sentence: try reader.read(),
                  figure: try reader.read(), qualifier: try reader.read(), unit: try reader.read(), speaker: try reader.read())
    }
}
