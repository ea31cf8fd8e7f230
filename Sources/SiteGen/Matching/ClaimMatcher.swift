import Foundation

/// A claim found in a source by the matcher rather than by a curator.
public struct AutoMatch: Hashable, Sendable {
    public enum Method: String, Sendable {
        /// A figure with the claim's value, unit and subject.
        case figure
        /// A passage close to one of the claim's wordings (a quotation, a misquote).
        case wording
        /// A sentence that says what the claim's statement says, in largely the same words.
        case statement
        /// A passage fairly close to a wording, in a sentence fairly close to the statement:
        /// the mean of the two scores.
        case paraphrase
    }

    public var claim: String
    public var source: String
    public var span: TextSpan
    public var score: Double
    public var method: Method
}

/// A candidate no claim covers, waiting for a curator.
public struct ReviewItem: Hashable, Sendable {
    public var kind: Candidate.Kind
    public var source: String
    public var span: TextSpan
    public var text: String
    public var reason: String
    /// Where it is in the source's file.
    public var position: SourcePosition
}

/// Matches the candidates and sentences of a source against the claims model.
///
/// Everything goes through indexes built once from the claims: figures sorted
/// by value, word pairs of every wording, and the content words of every
/// statement, each mapped to the claims that have them. For a new article of
/// L words and S sentences, with C claims of at most W words per wording:
/// building the indexes is O(C·W) once; an article costs O(L) lookups, plus,
/// for each (sentence, wording) pair that shares two word pairs, one
/// approximate search of O(W × sentence length), plus, for each figure, a
/// binary search and the claims with that value. It never compares every
/// claim with every sentence.
///
/// Scores are between 0 and 1 and a match needs at least its method's
/// threshold (see docs/matching.md for how they were chosen):
/// - wording: the similarity of the best approximate occurrence (1 − edits ÷ length);
/// - figure: 0.6 for the same value, currency and unit, plus 0.4 × how much of the
///   claim's statement the sentence shares (its subject);
/// - statement: the share of the statement's content words (weighted by rarity) in the sentence;
/// - paraphrase: the mean of the wording and statement scores, for passages that are near on both.
struct ClaimMatcher {
    /// The lowest score each method accepts.
    struct Thresholds: Sendable {
        var wording = 0.8
        var figure = 0.65
        var statement = 0.42
        var paraphrase = 0.42
    }

    var thresholds = Thresholds()
    /// Below its threshold but above this, a match is offered in the review queue.
    static let suggestionFloor = 0.35
    /// Quotations of at least this many words are also looked for inside the claims' wordings.
    static let partialQuoteWords = 6

    private struct Wording {
        var claim: Int
        var folded: [Unicode.Scalar]
        var pairs: Set<String>
        var figures: [Double]
        var wordCount: Int
    }

    private struct FigureEntry {
        var claim: Int
        var value: Double
        var currency: String?
        var unit: String?
    }

    private let claims: [ResolvedClaim]
    private let extractor: CandidateExtractor
    private var wordings: [Wording] = []
    private var wordingsByPair: [String: [Int]] = [:]
    private var figures: [FigureEntry] = []
    private var statementWords: [[String: Double]] = []
    private var statementFigures: [[Double]] = []
    private var claimsByStatementWord: [String: [Int]] = [:]
    private var rarity: [String: Double] = [:]
    /// The widest tolerance any claim allows, for the figure search.
    private let widest: Double
    /// For each claim, the claims whose reference contains its reference (in the same source).
    private var containing: [String: Set<String>] = [:]

    init(claims: [ResolvedClaim], entities: [Entity]) {
        self.claims = claims
        widest = claims.compactMap(\.claim.tolerance).max() ?? 0
        extractor = CandidateExtractor(mentions: MentionFinder(entities: entities))
        var documentFrequency: [String: Int] = [:]
        var claimWords: [Set<String>] = []
        for (index, claim) in claims.enumerated() {
            let texts = [claim.reference?.text].compactMap { $0 } + claim.appearances.map(\.quote.text)
            for text in texts {
                let folded = FoldedText.foldQuote(text)
                let keys = Self.keys(text)
                let wording = Wording(claim: index, folded: folded, pairs: Self.wordPairs(keys),
                                      figures: Figure.all(in: text).map(\.value), wordCount: keys.count)
                for pair in wording.pairs { wordingsByPair[pair, default: []].append(wordings.count) }
                wordings.append(wording)
                figures += Self.figures(in: text, claim: index)
            }
            figures += Self.figures(in: claim.claim.statement, claim: index)
            let words = Set(Self.contentWords(claim.claim.statement))
            claimWords.append(words)
            statementFigures.append(Figure.all(in: claim.claim.statement).map(\.value))
            for word in words { documentFrequency[word, default: 0] += 1 }
        }
        let count = Double(max(claims.count, 1))
        rarity = documentFrequency.mapValues { log(1 + count / Double($0)) }
        for (index, words) in claimWords.enumerated() {
            statementWords.append(Dictionary(uniqueKeysWithValues: words.map { ($0, rarity[$0] ?? 0) }))
            // Only distinctive words lead to a claim: a word in more than one statement in
            // twenty ("said", "through") would make every sentence a candidate for hundreds.
            for word in words where (documentFrequency[word] ?? 0) <= max(3, claims.count / 20) {
                claimsByStatementWord[word, default: []].append(index)
            }
        }
        figures.sort { $0.value < $1.value }
        for inner in claims {
            guard let span = inner.reference?.span, let source = inner.reference?.source else { continue }
            for outer in claims where outer.id != inner.id {
                if let other = outer.reference, other.source == source, other.span.start <= span.start, span.end <= other.span.end,
                   other.span != span {
                    containing[inner.id, default: []].insert(outer.id)
                }
            }
        }
    }

    // MARK: - Matching one source

    func match(_ source: Source) -> (matches: [AutoMatch], candidates: [Candidate], suggestions: [String: (claim: String, score: Double)]) {
        let scalars = Array(source.text.string.unicodeScalars)
        let candidates = extractor.candidates(in: source)
        var found: [AutoMatch] = []
        var suggestions: [String: (claim: String, score: Double)] = [:]
        func offer(_ claim: Int, _ span: TextSpan, _ score: Double, _ method: AutoMatch.Method, threshold: Double, candidate: Candidate? = nil) {
            if score >= threshold {
                found.append(AutoMatch(claim: claims[claim].id, source: source.id, span: span, score: score, method: method))
            } else if score >= Self.suggestionFloor, let candidate {
                let key = "\(candidate.span.start)"
                if (suggestions[key]?.score ?? 0) < score { suggestions[key] = (claims[claim].id, score) }
            }
        }
        func string(_ span: TextSpan) -> String { String(String.UnicodeScalarView(scalars[span.start..<span.end])) }

        let sentences = source.text.sentences
        // Wordings: an approximate search in each paragraph that shares at least two word pairs with them.
        for (index, block) in source.text.blocks.enumerated() {
            let start = source.text.blockStarts[index]
            let blockText = block.text
            var shared: [Int: Int] = [:]
            for pair in Self.wordPairs(Self.keys(blockText)) { for id in wordingsByPair[pair] ?? [] { shared[id, default: 0] += 1 } }
            guard !shared.isEmpty else { continue }
            let haystack = FoldedText(blockText)
            for (id, count) in shared.sorted(by: { $0.key < $1.key }) where count >= min(2, wordings[id].pairs.count) {
                let wording = wordings[id]
                let (passage, similarity) = Anchor.closestPassage(to: wording.folded, in: haystack)
                guard let passage else { continue }
                let span = TextSpan(start: start + passage.start, end: start + passage.end)
                guard figuresAgree(wording, string(span)) else { continue }
                offer(wording.claim, span, similarity, .wording, threshold: thresholds.wording)
                // Close but not close enough: a paraphrase, if its sentence also says what the statement says.
                if similarity < thresholds.wording, similarity >= Self.suggestionFloor, claims[wording.claim].claim.kind != .quote,
                   let sentence = sentences.first(where: { $0.start <= span.start && span.start < $0.end }) {
                    let statement = statementScore(wording.claim, Set(Self.contentWords(string(sentence))))
                    offer(wording.claim, span, (similarity + statement) / 2, .paraphrase, threshold: thresholds.paraphrase)
                }
            }
        }

        // Statements: the share of a statement's content words a sentence has. Quotations are
        // matched by their words only: a paraphrase of a quote is not the quote.
        for sentence in sentences {
            let text = Array(scalars[sentence.start..<sentence.end])
            let words = Set(Self.contentWords(String(String.UnicodeScalarView(text))))
            var touched = Set<Int>()
            for word in words { touched.formUnion(claimsByStatementWord[word] ?? []) }
            for claim in touched.sorted() where claims[claim].claim.kind != .quote {
                let score = statementScore(claim, words)
                guard score >= Self.suggestionFloor, figuresAgree(statementFigures[claim], String(String.UnicodeScalarView(text))) else { continue }
                offer(claim, Self.covering(words: statementWords[claim], in: text, offset: sentence.start) ?? sentence, score, .statement,
                      threshold: thresholds.statement)
            }
        }

        for candidate in candidates {
            switch candidate.kind {
            case .figure:
                guard let figure = candidate.figure else { continue }
                let sentenceWords = Set(Self.contentWords(string(candidate.sentence)))
                for entry in figureEntries(near: figure.value) where entry.currency == figure.currency && Self.sameUnit(entry.unit, candidate.unit) {
                    let tolerance = claims[entry.claim].claim.tolerance ?? 1e-9
                    guard abs(entry.value - figure.value) <= tolerance * entry.value else { continue }
                    let score = 0.6 + 0.4 * statementScore(entry.claim, sentenceWords)
                    offer(entry.claim, candidate.span, score, .figure, threshold: thresholds.figure, candidate: candidate)
                }
            case .quotation:
                // A partial quotation: the article's words inside a longer wording.
                guard Self.keys(candidate.text).count >= Self.partialQuoteWords else { continue }
                let quote = FoldedText.foldQuote(candidate.text)
                var shared: [Int: Int] = [:]
                for pair in Self.wordPairs(Self.keys(candidate.text)) { for id in wordingsByPair[pair] ?? [] { shared[id, default: 0] += 1 } }
                for (id, count) in shared.sorted(by: { $0.key < $1.key }) where count >= 2 && wordings[id].folded.count > quote.count {
                    let (_, similarity) = Anchor.closestPassage(to: quote, in: FoldedText(String(String.UnicodeScalarView(wordings[id].folded))))
                    offer(wordings[id].claim, candidate.span, similarity, .wording, threshold: thresholds.wording, candidate: candidate)
                }
            }
        }
        // A match that cuts into a figure takes in the whole figure with its hedge and unit,
        // so "close to 24,000" is compared as a hedge, not as a stray word.
        for index in found.indices {
            for candidate in candidates where candidate.kind == .figure
                && candidate.span.start < found[index].span.end && candidate.span.end > found[index].span.start {
                found[index].span = TextSpan(start: min(found[index].span.start, candidate.span.start),
                                             end: max(found[index].span.end, candidate.span.end))
            }
        }
        return (select(found), candidates, suggestions)
    }

    /// Keeps, for each claim, its best match and any other that does not overlap
    /// it (an article may say the same thing twice); then drops a match that
    /// lies inside a match of a claim that contains it (a source quoting a whole
    /// post is an appearance of the post, not of each phrase in it). Best means:
    /// found by its words rather than by its statement alone, then the higher
    /// score, or, between scores within 0.05, the longer passage (the fuller quotation).
    private func select(_ found: [AutoMatch]) -> [AutoMatch] {
        func isBetter(_ a: AutoMatch, _ b: AutoMatch) -> Bool {
            let byWords = (a.method == .statement ? 0 : 1, b.method == .statement ? 0 : 1)
            if byWords.0 != byWords.1 { return byWords.0 > byWords.1 }
            // Clearly better scores win; near-equal ones (within 0.05) yield to the fuller passage.
            if abs(a.score - b.score) > 0.05 { return a.score > b.score }
            let lengths = (a.span.end - a.span.start, b.span.end - b.span.start)
            if lengths.0 != lengths.1 { return lengths.0 > lengths.1 }
            if a.score != b.score { return a.score > b.score }
            return (a.span.start, a.claim) < (b.span.start, b.claim)
        }
        var kept: [AutoMatch] = []
        for match in found.sorted(by: isBetter) {
            let overlapsSameClaim = kept.contains { $0.claim == match.claim && $0.span.start < match.span.end && $0.span.end > match.span.start }
            if !overlapsSameClaim { kept.append(match) }
        }
        let candidates = kept
        kept.removeAll { inner in
            candidates.contains { outer in
                outer.claim != inner.claim && (containing[inner.claim]?.contains(outer.claim) ?? false)
                    && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
            }
        }
        return kept.sorted { ($0.span, $0.claim) < ($1.span, $1.claim) }
    }

    /// A short wording with a figure matches only a passage with the same figure:
    /// at the length of "over 3.4 million exchanges", a different number is a
    /// different claim. In a long quotation a changed figure is a misquote to show.
    private func figuresAgree(_ wording: Wording, _ passage: String) -> Bool {
        wording.wordCount >= 8 || figuresAgree(wording.figures, passage)
    }

    /// A statement's figures must all be in a sentence for the sentence to say what it says.
    private func figuresAgree(_ figures: [Double], _ passage: String) -> Bool {
        guard !figures.isEmpty else { return true }
        let found = Set(Figure.all(in: passage).map(\.value))
        return figures.allSatisfy(found.contains)
    }

    // MARK: - Scores and indexes

    private func statementScore(_ claim: Int, _ words: Set<String>) -> Double {
        let weights = statementWords[claim]
        let total = weights.values.reduce(0, +)
        guard total > 0 else { return 0 }
        return weights.filter { words.contains($0.key) }.values.reduce(0, +) / total
    }

    /// Figure entries whose value is within the widest tolerance any claim allows.
    private func figureEntries(near value: Double) -> ArraySlice<FigureEntry> {
        let low = value * (1 - widest) - 1e-9, high = value * (1 + widest) + 1e-9
        var lower = 0, upper = figures.count
        while lower < upper { let mid = (lower + upper) / 2; if figures[mid].value < low { lower = mid + 1 } else { upper = mid } }
        var end = lower
        while end < figures.count, figures[end].value <= high { end += 1 }
        return figures[lower..<end]
    }

    private static func figures(in text: String, claim: Int) -> [FigureEntry] {
        let scalars = Array(text.unicodeScalars)
        let tokens = WordToken.all(in: scalars)
        return Figure.located(in: text).map { figure, range in
            let end = text.unicodeScalars.distance(from: text.startIndex, to: range.upperBound)
            return FigureEntry(claim: claim, value: figure.value, currency: figure.currency,
                               unit: CandidateExtractor.unit(startingAt: end, tokens: tokens, scalars: scalars).0)
        }
    }

    /// Units that count the same thing under another name.
    static let unitSynonyms: [String: String] = ["interaction": "exchange", "conversation": "exchange", "query": "exchange",
                                                 "fake": "account", "profile": "account"]

    static func sameUnit(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return (unitSynonyms[a] ?? a) == (unitSynonyms[b] ?? b)
    }

    static func keys(_ text: String) -> [String] { WordToken.all(in: Array(text.unicodeScalars)).map(\.key) }

    static func wordPairs(_ keys: [String]) -> Set<String> {
        guard keys.count >= 2 else { return Set(keys) }
        return Set(zip(keys, keys.dropFirst()).map { "\($0) \($1)" })
    }

    static let stopWords: Set<String> = ["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from", "with",
                                         "that", "this", "it", "its", "is", "was", "were", "are", "be", "been", "has", "had", "have",
                                         "as", "but", "not", "their", "they", "them", "he", "she", "his", "her", "said", "says",
                                         "which", "who", "than", "more", "over", "about", "also", "s", "would", "will", "can"]

    /// Lower-case words without stop words or numbers, reduced to a rough stem.
    static func contentWords(_ text: String) -> [String] {
        keys(text).filter { !stopWords.contains($0) && Double($0) == nil }.map(stem)
    }

    /// A light stem: plural, "-ing" and "-ed" endings off, so "trained" meets "training".
    static func stem(_ word: String) -> String {
        let singular = CandidateExtractor.singular(word)
        for ending in ["ing", "ed"] where singular.hasSuffix(ending) && singular.count >= ending.count + 4 {
            return String(singular.dropLast(ending.count))
        }
        return singular
    }

    /// The part of a sentence from the first to the last of `words` it contains.
    private static func covering(words: [String: Double], in text: [Unicode.Scalar], offset: Int) -> TextSpan? {
        let hits = WordToken.all(in: text).filter { words[stem($0.key)] != nil }
        guard let first = hits.first, let last = hits.last else { return nil }
        return TextSpan(start: offset + first.start, end: offset + last.end)
    }
}
