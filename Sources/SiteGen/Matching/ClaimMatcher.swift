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

extension AutoMatch: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(claim)
        writer.write(source)
        writer.write(span)
        writer.write(score)
        writer.write(method.rawValue)
    }

    init(from reader: inout BinaryReader) throws {
        claim = try reader.read()
        source = try reader.read()
        span = try reader.read()
        score = try reader.read()
        guard let method = Method(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        self.method = method
    }
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

/// A passage a curator assigned to a claim: automatic matches give way to it.
struct CuratedPassage: Sendable {
    var claim: String
    var span: TextSpan
}

/// What matching one source gives.
struct SourceMatches: Sendable {
    var matches: [AutoMatch]
    var candidates: [Candidate]
    /// For a candidate (by its start) that no claim took: the closest claim, below its threshold.
    var suggestions: [Int: (claim: String, score: Double)]
}

/// Matches the paragraphs of a source against the claims model.
///
/// 1. **Candidates from rare evidence.** `EvidenceIndex` sends each sentence
///    to the few claims whose rare words, names, codes or figures it has.
/// 2. **Scores.** For each such claim: the closest passage to each of its
///    wordings (Myers' bit-vector search, `ApproximateSearch`), the share of its
///    statement's content words in each sentence, and its figures among the
///    paragraph's figures.
/// 3. **Checks.** A match must name what the claim names (`IdentityFinder`):
///    a passage that names another entity or code in its place is about
///    something else. Figures are always compared: one within the claim's
///    tolerance agrees; one off by up to `misreportLimit` is a misreport, kept
///    only when the passage names everything the claim names; anything
///    further is another figure.
/// 4. **Competition.** Matches of rival claims (one sentence template) over
///    mostly the same passage compete: the one that fits better (figures that
///    agree or the nearer figure, then found by its words, then the higher
///    score) takes the passage. Passages a curator assigned are never taken.
///
/// Scores are between 0 and 1 and a match needs its method's threshold
/// (docs/matching.md says how they were chosen):
/// - wording: 1 − edits ÷ wording length, for the closest passage;
/// - figure: 0.6 for the same value, currency and unit, plus 0.4 × the statement score of its sentence;
/// - statement: the share of the statement's content words (weighted by rarity among claims) in a sentence;
/// - paraphrase: the mean of the wording and statement scores, for passages near on both.
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
    /// A figure further than this share from the claim's is another figure, never a misreport of it.
    static let misreportLimit = 0.3
    /// A wording of this many words identifies its claim by its words alone.
    static let selfIdentifyingWords = 8
    /// Claims whose statements, less names and codes, share this much of their words compete for passages.
    static let rivalShare = 0.6
    /// What a figure with a claim's value adds to a paragraph's evidence for that claim.
    static let figureEvidence = 12.0

    /// A class, so that the many windows that look at a wording share it rather than copy it.
    private final class Wording: Sendable {
        let claim: Int
        let folded: [Unicode.Scalar]
        /// The folded wording as a text of its own, for finding a partial quotation inside it.
        let text: FoldedText
        let figures: [FigureValue]
        /// What the wording names, with what its claim's statement names.
        let identity: ClaimIdentity
        let words: Int
        let pairs: Set<String>
        /// The wording made ready for the bit-vector search, when it is ASCII (nearly always).
        let searcher: BitVectorMyers?

        init(claim: Int, folded: [Unicode.Scalar], figures: [FigureValue], identity: ClaimIdentity, keys: [String]) {
            self.claim = claim
            self.folded = folded
            searcher = BitVectorMyers(ascii: folded)
            text = FoldedText(String(String.UnicodeScalarView(folded)))
            self.figures = figures
            self.identity = identity
            words = keys.count
            pairs = ClaimMatcher.wordPairs(keys)
        }
    }

    /// What the matcher reads from one claim: its statement's figures, names and words, and its
    /// distinct wordings (the reference and every curated appearance), each with what it names.
    private struct PreparedClaim {
        var statementValues: [FigureValue]
        var identity: ClaimIdentity
        /// `named` is what the wording itself names, before the statement's names are added.
        var wordings: [(wording: Wording, named: ClaimIdentity)] = []
        var texts: [String]
        var words: Set<String>
        /// The statement's content words less its names and codes.
        var template: Set<String>

        init(_ claim: Claim, at index: Int, reference: AnchoredQuote?, appearances: [ResolvedAppearance], identities: IdentityFinder) {
            statementValues = FigureValue.all(in: claim.statement)
            identity = identities.identity(of: claim.statement)
            var seen = Set<[Unicode.Scalar]>()
            let texts = [reference?.text].compactMap { $0 } + appearances.map(\.quote.text)
            for text in texts {
                let folded = FoldedText.foldQuote(text)
                guard seen.insert(folded).inserted else { continue }
                let named = identities.identity(of: text)
                // A wording is checked against what the statement names too: a short wording
                // ("about 6,111 advanced chips") names nobody, its claim does.
                var checked = named
                checked.entities.formUnion(identity.entities)
                checked.codes.formUnion(identity.codes)
                wordings.append((Wording(claim: index, folded: folded, figures: FigureValue.all(in: text), identity: checked,
                                         keys: ClaimMatcher.keys(text)), named))
            }
            self.texts = texts + [claim.statement]
            words = Set(ClaimMatcher.contentWords(claim.statement))
            template = words.subtracting(identities.words(of: claim.statement).map(ClaimMatcher.stem))
        }
    }

    private struct FigureEntry {
        var claim: Int
        var figure: FigureValue
        var value: Double { figure.value }
    }

    /// A match with what competition needs to know about it.
    private struct Proposal {
        var match: AutoMatch
        /// The matched claim's position in `claims`.
        var claim: Int
        /// How far a misreported figure is from the claim's, as a share of it; nil when the figures agree.
        var figureGap: Double?

        /// A better fit: figures that agree, or else the nearer figure (of two claims a misreport
        /// could be of, the one it is closer to), then found by more of its words (a wording, then a
        /// figure or paraphrase, then a statement: scores of different methods do not compare),
        /// then the higher score.
        func fitsBetter(than other: Proposal) -> Bool {
            switch (figureGap, other.figureGap) {
            case (nil, .some): return true
            case (.some, nil): return false
            case let (.some(mine), .some(theirs)) where abs(mine - theirs) > 1e-9: return mine < theirs
            default: break
            }
            let ranks = (ClaimMatcher.methodRank(match.method), ClaimMatcher.methodRank(other.match.method))
            if ranks.0 != ranks.1 { return ranks.0 > ranks.1 }
            return match.score > other.match.score + 1e-6
        }
    }

    /// Each claim's id, figure tolerance and whether it is a quotation, by position (read per window:
    /// reading them through the claim itself copies the whole claim).
    private let claimIDs: [String]
    private let tolerances: [Double]
    private let isQuotation: [Bool]
    private let extractor: CandidateExtractor
    private let identities: IdentityFinder
    private let evidence: EvidenceIndex
    private var wordings: [Wording] = []
    private var wordingsOfClaim: [[Int]]
    private var figures: [FigureEntry] = []
    private var statementWeights: [[(word: String, weight: Double)]] = []
    /// The same words as a set, for finding them in a sentence.
    private var statementWords: [Set<String>] = []
    private var statementFigures: [[FigureValue]] = []
    private var statementIdentity: [ClaimIdentity] = []
    /// For each claim, the entities its rivals name and it does not: one of them in its place is a conflict.
    private var rivalEntities: [Set<String>] = []
    /// For each claim, its statement's content words less its names and codes: the template it shares with rivals.
    private var templateWords: [Set<String>] = []
    /// The widest tolerance any claim allows, for the figure search.
    private let widest: Double
    /// For each claim, the claims whose reference contains its reference (in the same source).
    private var containing: [String: Set<String>] = [:]
    /// The other way round: for a claim, the claims whose reference lies inside its own, with
    /// those references' words (for `shareNested`).
    private var nested: [String: [(claim: String, words: String)]] = [:]

    /// For each claim, the digest of everything the search around a sentence reads of it (`digest(of:)`),
    /// and of what it reads of all claims and entities together: the keys of the match cache.
    private var claimDigests: [ContentDigest] = []
    private var sharedDigest = ContentDigest(high: 0, low: 0)
    /// The entities' ids, names, kinds and spellings: what finding a source's candidates reads besides the source.
    private var entitiesDigest = ContentDigest(high: 0, low: 0)
    /// What matching each source read and found in an earlier build (`match`).
    private let cache: StepCache

    /// `sources` are every source of the site: how common a word is is measured over them all.
    /// `cache` keeps what matching a source reads of it (its candidates, its sentences' claim terms)
    /// and what the search around its sentences found (`match`).
    init(claims: [ResolvedClaim], entities: [Entity], sources: [Source], parallel: Parallel = Parallel(), cache: StepCache = .none) {
        self.cache = cache
        claimIDs = claims.map(\.id)
        tolerances = claims.map { $0.claim.tolerance ?? 0 }
        isQuotation = claims.map { $0.claim.kind == .quote }
        widest = claims.compactMap(\.claim.tolerance).max() ?? 0
        var identities = IdentityFinder(entities: entities)
        extractor = CandidateExtractor(mentions: identities.mentions)
        wordingsOfClaim = Array(repeating: [], count: claims.count)
        // What each claim says, read on every core; only numbering and counting below are serial.
        let finder = identities
        let prepared = parallel.map(Array(claims.enumerated())) { index, claim in PreparedClaim(claim.claim, at: index, reference: claim.reference,
                                                                                               appearances: claim.appearances, identities: finder) }
        var documentFrequency: [String: Int] = [:]
        var claimWords: [Set<String>] = []
        var claimTexts: [[String]] = []
        for (index, claim) in prepared.enumerated() {
            identities.register(claim.identity)
            statementIdentity.append(claim.identity)
            for wording in claim.wordings {
                identities.register(wording.named)
                wordingsOfClaim[index].append(wordings.count)
                wordings.append(wording.wording)
                figures += wording.wording.figures.map { FigureEntry(claim: index, figure: $0) }
            }
            figures += claim.statementValues.map { FigureEntry(claim: index, figure: $0) }
            claimTexts.append(claim.texts)
            templateWords.append(claim.template)
            claimWords.append(claim.words)
            statementFigures.append(claim.statementValues)
            for word in claim.words { documentFrequency[word, default: 0] += 1 }
        }
        self.identities = identities
        evidence = EvidenceIndex(claimTexts: claimTexts, sources: sources, parallel: parallel, cache: cache)
        let count = Double(max(claims.count, 1))
        let rarity = documentFrequency.mapValues { log(1 + count / Double($0)) }
        statementWeights = claimWords.map { words in words.sorted().map { (word: $0, weight: rarity[$0] ?? 0) } }
        statementWords = claimWords
        figures.sort { $0.value < $1.value }
        rivalEntities = Self.rivals(of: templateWords, parallel: parallel).enumerated().map { claim, rivals in
            Set(rivals.flatMap { statementIdentity[$0].entities }).subtracting(statementIdentity[claim].entities)
        }
        // References compared within their source only: all pairs of claims would be a million at 1,000 claims.
        var referencesBySource: [String: [(claim: String, span: TextSpan, words: String)]] = [:]
        for claim in claims {
            if let reference = claim.reference { referencesBySource[reference.source, default: []].append((claim.id, reference.span, reference.text)) }
        }
        for references in referencesBySource.values {
            for inner in references {
                for outer in references where outer.claim != inner.claim && outer.span.start <= inner.span.start
                    && inner.span.end <= outer.span.end && outer.span != inner.span {
                    containing[inner.claim, default: []].insert(outer.claim)
                    nested[outer.claim, default: []].append((inner.claim, inner.words))
                }
            }
        }
        let (weights, rivals, templates, containers, inside) = (statementWeights, rivalEntities, templateWords, containing, nested)
        claimDigests = claims.indices.map { index in
            Self.digest(of: claims[index], texts: claimTexts[index], statementWeights: weights[index], rivals: rivals[index],
                        template: templates[index], containing: containers[claims[index].id] ?? [], nested: inside[claims[index].id] ?? [])
        }
        var named = BinaryWriter()
        for entity in entities {
            named.write(entity.id)
            named.write(entity.name)
            named.write(entity.kind.rawValue)
            named.write(entity.aliases)
        }
        entitiesDigest = ContentDigest(named)
        var shared = BinaryWriter()
        shared.write(entitiesDigest)
        shared.write(identities.knownCodes.sorted())
        // The figure search's window: its rounding can decide an entry right at a claim's tolerance.
        shared.write(widest)
        sharedDigest = ContentDigest(shared)
    }

    /// What `choose` reads of one claim: its texts (every wording and the statement, from which its
    /// figures, names and word pairs are read), whether it is a quotation, its tolerance, its
    /// statement words' weights (which depend on the other claims' words), its rivals' entities
    /// and template, and the claims its reference contains or is contained in. Not its file or line.
    private static func digest(of claim: ResolvedClaim, texts: [String], statementWeights: [(word: String, weight: Double)],
                               rivals: Set<String>, template: Set<String>, containing: Set<String>,
                               nested: [(claim: String, words: String)]) -> ContentDigest {
        var key = BinaryWriter()
        key.write(claim.id)
        key.write(texts)
        key.write(claim.claim.kind == .quote)
        key.write(claim.claim.tolerance ?? 0)
        key.writeCount(statementWeights.count)
        for (word, weight) in statementWeights {
            key.write(word)
            key.write(weight)
        }
        key.write(rivals.sorted())
        key.write(template.sorted())
        key.write(containing.sorted())
        key.writeCount(nested.count)
        for inner in nested {
            key.write(inner.claim)
            key.write(inner.words)
        }
        return ContentDigest(key)
    }

    // MARK: - Matching one source

    /// Matches one source. `curated` are the passages curators assigned in it:
    /// a claim curated here is not matched here again, and no automatic match
    /// takes a curated passage. `rejected` claims were ruled out here by a curator.
    ///
    /// In two parts: which claims each sentence's evidence points to (cheap, and the only part
    /// that reads the whole corpus, through the terms' weights), then the search for those claims
    /// around those sentences (most of the work). The second part depends on nothing but the
    /// source, the claims it looks for and the names every claim shares, so the cache keeps its
    /// result under the digest of exactly those (`choiceKey`): a rebuild searches again only the
    /// sources whose text, or whose pointed-to claims, changed.
    func match(_ source: Source, curated: [CuratedPassage] = [], rejected: Set<String> = []) -> SourceMatches {
        // The blocks' words are read only if something is not in the cache.
        var read: [BlockWords]?
        func blocks() -> [BlockWords] {
            if let read { return read }
            let blocks = BlockWords.all(in: source.text)
            read = blocks
            return blocks
        }
        // A source's candidates depend on its text and the entities alone.
        let candidatesKey = source.cacheKey { key in
            key.write("candidates")
            key.write(entitiesDigest)
        }
        let candidates: [Candidate] = cache.value(for: candidatesKey) { extractor.candidates(in: source, blocks: blocks()) }
        let windows = self.windows(in: source, candidates: candidates, rejected: rejected)
        let key = choiceKey(source, windows: windows, curated: curated, rejected: rejected)
        let chosen: ChosenMatches = cache.value(for: key) {
            choose(in: source, blocks: blocks(), candidates: candidates, windows: windows, curated: curated, rejected: rejected)
        }
        return SourceMatches(matches: chosen.matches, candidates: candidates,
                             suggestions: Dictionary(chosen.suggestions.map { ($0.start, ($0.claim, $0.score)) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The claims a block's sentences point to: for each, the first and last of its sentences
    /// (counted from the block's first) that named it. With the block's candidates and sentences.
    private struct BlockWindows {
        var block: Int
        var candidates: Range<Int>
        var sentences: Range<Int>
        var windows: [(claim: Int, named: ClosedRange<Int>)]
    }

    /// Each sentence's best claims by the evidence of its rare terms and figures (`EvidenceIndex`),
    /// gathered by block; blocks that point to no claim are left out.
    private func windows(in source: Source, candidates: [Candidate], rejected: Set<String>) -> [BlockWindows] {
        let sentences = source.text.sentences
        var (nextCandidate, nextSentence) = (0, 0)
        var found: [BlockWindows] = []
        // What the lazy filter below needs, taken out of `self`: a closure that captured `self` would copy the whole matcher for every sentence.
        let (least, ids) = (evidence.leastEvidence, claimIDs)
        let (starts, separator) = (source.text.blockStarts, SourceText.blockSeparator.unicodeScalars.count)
        let terms = evidence.sentenceTerms(of: source)
        var scores = EvidenceScores(claims: ids.count)
        for (index, start) in starts.enumerated() {
            // The block ends where the separator before the next one starts; the last one, with the text.
            let blockEnd = index + 1 < starts.count ? starts[index + 1] - separator : .max
            // The block's candidates and sentences, in order: they follow the previous block's.
            let candidateRange = candidates.nextRun(from: &nextCandidate, skipping: { $0.span.start < start }, taking: { $0.span.start < blockEnd })
            let blockSentences = sentences.nextRun(from: &nextSentence, skipping: { $0.start < start }, taking: { $0.start < blockEnd })
            guard !blockSentences.isEmpty else { continue }
            let firstSentence = blockSentences.lowerBound
            var windows: [Int: ClosedRange<Int>] = [:]
            for sentence in blockSentences {
                scores.clear()
                evidence.addEvidence(of: terms[sentence], to: &scores)
                for candidate in candidates[candidateRange] where candidate.kind == .figure && sentences[sentence].start <= candidate.span.start
                    && candidate.span.start < sentences[sentence].end {
                    guard let figure = candidate.figure else { continue }
                    let found = FigureValue(figure, unit: candidate.unit)
                    for entry in figureEntries(near: figure.value) where entry.figure.counts(sameAs: found) {
                        scores.add(Self.figureEvidence, to: entry.claim)
                    }
                }
                for claim in EvidenceIndex.best(scores.scores.lazy.filter { $0.value >= least && (rejected.isEmpty || !rejected.contains(ids[$0.key])) }) {
                    let local = sentence - firstSentence
                    windows[claim] = windows[claim].map { min($0.lowerBound, local)...max($0.upperBound, local) } ?? local...local
                }
            }
            guard !windows.isEmpty else { continue }
            found.append(BlockWindows(block: index, candidates: candidateRange, sentences: blockSentences,
                                      windows: windows.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        return found
    }

    /// What `choose` found in one source, in the form the match cache keeps.
    private struct ChosenMatches: BinaryCodable {
        var matches: [AutoMatch]
        /// For a candidate (by its start) that no claim took: the closest claim below its threshold, by start.
        var suggestions: [(start: Int, claim: String, score: Double)]

        init(matches: [AutoMatch], suggestions: [Int: (claim: String, score: Double)]) {
            self.matches = matches
            self.suggestions = suggestions.sorted { $0.key < $1.key }.map { ($0.key, $0.value.claim, $0.value.score) }
        }

        func encode(to writer: inout BinaryWriter) {
            writer.write(matches)
            writer.writeCount(suggestions.count)
            for suggestion in suggestions {
                writer.write(suggestion.start)
                writer.write(suggestion.claim)
                writer.write(suggestion.score)
            }
        }

        init(from reader: inout BinaryReader) throws {
            matches = try reader.read()
            suggestions = try (0..<reader.readCount()).map { _ in (try reader.read(), try reader.read(), try reader.read()) }
        }
    }

    /// The digest of everything `choose` reads for `source`: the source's inputs, the claims its
    /// sentences point to and where (each by `claimDigests`), the passages curated and the claims
    /// ruled out there, the names every claim shares and the thresholds. Nil for a source not read
    /// from files (a test's): it is matched and not cached.
    private func choiceKey(_ source: Source, windows: [BlockWindows], curated: [CuratedPassage], rejected: Set<String>) -> ContentDigest? {
        source.cacheKey { key in
            key.write(source.id)
            key.write(sharedDigest)
            for value in [thresholds.wording, thresholds.figure, thresholds.statement, thresholds.paraphrase] { key.write(value) }
            key.writeCount(curated.count)
            for passage in curated {
                key.write(passage.claim)
                key.write(passage.span)
            }
            key.write(rejected.sorted())
            key.writeCount(windows.count)
            for block in windows {
                key.write(block.block)
                key.writeCount(block.windows.count)
                for (claim, named) in block.windows {
                    key.write(claimDigests[claim])
                    key.write(named.lowerBound)
                    key.write(named.upperBound)
                }
            }
        }
    }

    /// The search around the sentences that `windows` found, and the competition between what it found.
    private func choose(in source: Source, blocks: [BlockWords], candidates: [Candidate], windows pointed: [BlockWindows],
                        curated: [CuratedPassage], rejected: Set<String>) -> ChosenMatches {
        var proposals: [Proposal] = []
        var suggestions: [Int: (claim: String, score: Double)] = [:]
        let sentences = source.text.sentences
        for found in pointed {
            let block = blocks[found.block]
            let start = block.start
            let blockCandidates = candidates[found.candidates]
            let blockSentences = found.sentences
            let paragraph = Paragraph(block, sentences: Array(sentences[blockSentences]), names: identities)
            for (claim, named) in found.windows {
                // The sentences that named the claim and one on either side: a quotation may run over three.
                let around = max(0, named.lowerBound - 1)...min(paragraph.sentences.count - 1, named.upperBound + 1)
                let windowSentences = paragraph.sentences[around]
                let window = TextSpan(start: windowSentences.first!.span.start, end: windowSentences.last!.span.end)
                let foldedWindow = paragraph.folded.foldedRange(paragraph.local(window))
                func offer(_ span: TextSpan, _ score: Double, _ method: AutoMatch.Method, threshold: Double,
                           figures fit: FigureFit, identity: IdentityCheck, wordsIdentify: Bool = false, candidate: Candidate? = nil) {
                    guard fit.isAcceptable(identity: identity, wordsIdentify: wordsIdentify) else { return }
                    if score >= threshold {
                        proposals.append(Proposal(match: AutoMatch(claim: claimIDs[claim], source: source.id, span: span, score: score, method: method),
                                                  claim: claim, figureGap: fit.gap))
                    } else if score >= Self.suggestionFloor, let candidate {
                        if (suggestions[candidate.span.start]?.score ?? 0) < score { suggestions[candidate.span.start] = (claimIDs[claim], score) }
                    }
                }
                let (tolerance, isQuote) = (tolerances[claim], isQuotation[claim])

                // Wordings: the closest passage of the paragraph to each. A passage is of use as a wording
                // (`thresholds.wording`) or, for a claim that is not a quotation, as a paraphrase, whose score
                // is the mean of its similarity and its sentence's statement score. The paragraph's statement
                // score is at least any of its sentences' (a passage that starts between two sentences is
                // scored on the whole paragraph), so it bounds the similarity worth looking for, and a tighter
                // bound is a faster search.
                let statementScores = isQuote ? [] : windowSentences.map { statementScore(claim, $0.words) }
                func statementScoreOf(_ sentence: Paragraph.Sentence) -> Double {
                    zip(windowSentences, statementScores).first { $0.0.span == sentence.span }?.1 ?? statementScore(claim, sentence.words)
                }
                let bestStatement = isQuote ? 0 : statementScore(claim, paragraph.allWords)
                let useful = isQuote ? thresholds.wording
                    : max(Self.suggestionFloor, min(thresholds.wording, 2 * thresholds.paraphrase - bestStatement))
                for id in wordingsOfClaim[claim] {
                    let wording = wordings[id]
                    let (found, similarity) = Anchor.closestPassage(to: wording.folded, in: paragraph.folded, within: foldedWindow,
                                                                    floor: useful - 1e-9, coded: paragraph.names.coded, prepared: wording.searcher)
                    guard let found else { continue }
                    let span = TextSpan(start: start + found.start, end: start + found.end)
                    let around = paragraph.sentence(around: span.start)
                    let fit = FigureFit(expected: wording.figures, found: paragraph.figures(in: span), tolerance: tolerance)
                    // Close but not close enough: a paraphrase, if its score (the mean of its similarity and its
                    // sentence's statement score) passes, and it shares at least two word pairs with the wording.
                    // A paraphrase is too loose to tell a misreported figure from another one.
                    var paraphrase: Double?
                    if similarity < thresholds.wording, !isQuote, fit.gap == nil {
                        let score = (similarity + statementScoreOf(around)) / 2
                        if score >= thresholds.paraphrase,
                           Self.sharesPairs(paragraph.keys(in: span), with: wording.pairs, atLeast: min(2, wording.pairs.count)) {
                            paraphrase = score
                        }
                    }
                    // Below both thresholds the passage is nothing (no suggestion comes of a wording): the
                    // identity check, the costlier part, is left out.
                    guard similarity >= thresholds.wording || paraphrase != nil else { continue }
                    let identity = identities.check(wording.identity, rivals: rivalEntities[claim], in: paragraph.names,
                                                    within: paragraph.local(TextSpan(start: min(around.span.start, span.start), end: max(around.span.end, span.end))))
                    // A long quotation identifies itself: a changed figure in it is a misquote to show.
                    let long = wording.words >= Self.selfIdentifyingWords
                    offer(span, similarity, .wording, threshold: thresholds.wording, figures: fit, identity: identity, wordsIdentify: long)
                    if let paraphrase {
                        offer(span, paraphrase, .paraphrase, threshold: thresholds.paraphrase, figures: fit, identity: identity)
                    }
                }

                // Statements: the share of the statement's content words a sentence has. Quotations are
                // matched by their words only: a paraphrase of a quote is not the quote.
                if !isQuote {
                    for (sentence, score) in zip(windowSentences, statementScores) {
                        // No suggestion comes of a statement: below its threshold a sentence is nothing.
                        guard score >= max(thresholds.statement, Self.suggestionFloor) else { continue }
                        let fit = FigureFit(expected: statementFigures[claim], found: paragraph.figures(in: sentence.span), tolerance: tolerance)
                        guard fit.gap == nil else { continue }
                        offer(paragraph.covering(statementWords[claim], in: sentence.span) ?? sentence.span, score, .statement,
                              threshold: thresholds.statement, figures: fit,
                              identity: identities.check(statementIdentity[claim], rivals: rivalEntities[claim], in: paragraph.names, within: paragraph.local(sentence.span)))
                    }
                }

                for candidate in blockCandidates where window.start <= candidate.span.start && candidate.span.start < window.end {
                    switch candidate.kind {
                    case .figure:
                        guard let figure = candidate.figure else { continue }
                        let found = FigureValue(figure, unit: candidate.unit)
                        let agrees = figureEntries(near: figure.value).contains { entry in
                            entry.claim == claim && entry.figure.counts(sameAs: found) && entry.figure.isNear(found, share: tolerance)
                        }
                        guard agrees else { continue }
                        let sentence = paragraph.sentence(around: candidate.span.start)
                        let score = 0.6 + 0.4 * statementScoreOf(sentence)
                        // A figure alone is weak evidence: the sentence must name what the claim names, if it names anything.
                        let identity = identities.check(statementIdentity[claim], rivals: rivalEntities[claim], in: paragraph.names, within: paragraph.local(sentence.span))
                        guard identity == .confirmed || identity == .nothingToCheck else { continue }
                        offer(candidate.span, score, .figure, threshold: thresholds.figure, figures: .agrees, identity: identity, candidate: candidate)
                    case .quotation:
                        // A partial quotation: the article's words inside a longer wording.
                        guard Self.keys(candidate.text).count >= Self.partialQuoteWords else { continue }
                        let quote = FoldedText.foldQuote(candidate.text)
                        let sentence = paragraph.sentence(around: candidate.span.start)
                        for id in wordingsOfClaim[claim] where wordings[id].folded.count > quote.count {
                            let inside = wordings[id].text
                            let (part, similarity) = Anchor.closestPassage(to: quote, in: inside, floor: Self.suggestionFloor)
                            guard let part else { continue }
                            // Checked like any wording: the figures of the part of the wording it quotes, and
                            // what the claim names, in the quotation's sentence.
                            let quoted = inside.string(part)
                            let fit = FigureFit(expected: FigureValue.all(in: quoted), found: paragraph.figures(in: candidate.span), tolerance: tolerance)
                            var identity = identities.identity(of: quoted)
                            identity.entities.formUnion(statementIdentity[claim].entities)
                            identity.codes.formUnion(statementIdentity[claim].codes)
                            let check = identities.check(identity, rivals: rivalEntities[claim], in: paragraph.names,
                                                         within: paragraph.local(sentence.span))
                            offer(candidate.span, similarity, .wording, threshold: thresholds.wording, figures: fit, identity: check, candidate: candidate)
                        }
                    }
                }
            }
        }
        // A match that cuts into a figure takes in the whole figure with its hedge and unit,
        // so "close to 24,000" is compared as a hedge, not as a stray word.
        for index in proposals.indices {
            let span = proposals[index].match.span
            for candidate in candidates where candidate.kind == .figure && candidate.span.start < span.end && candidate.span.end > span.start {
                proposals[index].match.span = TextSpan(start: min(proposals[index].match.span.start, candidate.span.start),
                                                       end: max(proposals[index].match.span.end, candidate.span.end))
            }
        }
        let curatedClaims = Set(curated.map(\.claim))
        // A curated passage is its claim's; one inside a curated quotation of a claim that contains
        // this one (a phrase of a post quoted whole) is the container's, as `select` has it.
        proposals.removeAll { proposal in
            let span = proposal.match.span
            return curatedClaims.contains(proposal.match.claim) || curated.contains { passage in
                Self.overlapsMostly(passage.span, span, of: .shorter)
                    || (containing[proposal.match.claim]?.contains(passage.claim) ?? false) && passage.span.start <= span.start && span.end <= passage.span.end
            }
        }
        let chosen = shareNested(select(compete(proposals), in: source.text), in: source.text, excluded: curatedClaims.union(rejected))
        return ChosenMatches(matches: chosen, suggestions: suggestions)
    }

    /// How much of a claim's own words a method compares: a wording, then a figure or paraphrase, then a statement.
    static func methodRank(_ method: AutoMatch.Method) -> Int {
        switch method {
        case .wording: return 2
        case .figure, .paraphrase: return 1
        case .statement: return 0
        }
    }

    /// Two passages overlap by at least half of the longer one (for rival matches: a figure inside
    /// a sentence that another claim's statement covers is a passage of its own), or of the shorter
    /// one (against a curated passage: the curator has placed those words).
    private static func overlapsMostly(_ a: TextSpan, _ b: TextSpan, of measure: OverlapMeasure = .longer) -> Bool {
        let overlap = min(a.end, b.end) - max(a.start, b.start)
        let lengths = (a.end - a.start, b.end - b.start)
        return overlap > 0 && overlap * 2 >= (measure == .longer ? max(lengths.0, lengths.1) : min(lengths.0, lengths.1))
    }

    private enum OverlapMeasure { case longer, shorter }

    /// A passage belongs to the claims whose words fit it best: a match is dropped
    /// when a rival claim's match over mostly the same passage, found by its
    /// words, fits better. Rivals are claims whose statements share most of
    /// their words (a family of claims on one sentence template); claims about
    /// different things may share a passage. A match by statement alone knocks
    /// out nothing: one sentence can say what two statements say.
    private func compete(_ proposals: [Proposal]) -> [AutoMatch] {
        proposals.filter { proposal in
            !proposals.contains { other in
                other.claim != proposal.claim && other.match.method != .statement
                    && Self.overlapsMostly(other.match.span, proposal.match.span) && other.fitsBetter(than: proposal)
                    && areRivals(other.claim, proposal.claim)
            }
        }.map(\.match)
    }

    /// Claims on one sentence template: their statements, less names and codes, share at least
    /// `rivalShare` of their words (of the two sets together).
    private func areRivals(_ a: Int, _ b: Int) -> Bool {
        Self.areRivals(templateWords[a], templateWords[b], shared: templateWords[a].intersection(templateWords[b]).count)
    }

    static func areRivals(_ a: Set<String>, _ b: Set<String>, shared: Int) -> Bool {
        !a.isEmpty && !b.isEmpty && Double(shared) >= rivalShare * Double(a.count + b.count - shared)
    }

    /// Every claim's rivals, through an index of template words: only claims that share a word are compared.
    /// Claims on a shared template share their common words with hundreds of others, so the
    /// shared words are counted in an array indexed by claim (one per batch of claims, reset from
    /// the list of claims it touched) rather than in a dictionary per claim.
    static func rivals(of templates: [Set<String>], parallel: Parallel, batch: Int = 64) -> [[Int]] {
        var claimsByWord: [String: [Int32]] = [:]
        for (claim, words) in templates.enumerated() { for word in words { claimsByWord[word, default: []].append(Int32(claim)) } }
        let lists = templates.map { words in words.map { claimsByWord[$0]! } }
        let batches = stride(from: 0, to: templates.count, by: batch).map { $0..<min(templates.count, $0 + batch) }
        return parallel.map(batches) { claims -> [[Int]] in
            var shared = [Int32](repeating: 0, count: templates.count)
            var touched: [Int] = []
            return claims.map { claim in
                for list in lists[claim] {
                    for other in list where Int(other) != claim {
                        if shared[Int(other)] == 0 { touched.append(Int(other)) }
                        shared[Int(other)] += 1
                    }
                }
                let rivals = touched.filter { areRivals(templates[claim], templates[$0], shared: Int(shared[$0])) }.sorted()
                for other in touched { shared[other] = 0 }
                touched.removeAll(keepingCapacity: true)
                return rivals
            }
        }.flatMap { $0 }
    }

    /// Keeps, for each claim, its best match and any other that does not overlap
    /// it or share its sentence (an article may say the same thing twice); then drops a match that
    /// lies inside a match of a claim that contains it (a source quoting a whole
    /// post is an appearance of the post, not of each phrase in it). Best means:
    /// close to a wording (the fullest comparison with the reference), then found
    /// by a figure or a paraphrase, then by its statement alone; then the higher
    /// score, or, between scores within 0.05, the longer passage (the fuller quotation).
    private func select(_ found: [AutoMatch], in text: SourceText) -> [AutoMatch] {
        func isBetter(_ a: AutoMatch, _ b: AutoMatch) -> Bool {
            let byWords = (Self.methodRank(a.method), Self.methodRank(b.method))
            if byWords.0 != byWords.1 { return byWords.0 > byWords.1 }
            // Clearly better scores win; near-equal ones (within 0.05) yield to the fuller passage.
            if abs(a.score - b.score) > 0.05 { return a.score > b.score }
            let lengths = (a.span.end - a.span.start, b.span.end - b.span.start)
            if lengths.0 != lengths.1 { return lengths.0 > lengths.1 }
            if a.score != b.score { return a.score > b.score }
            return (a.span.start, a.claim, a.method.rawValue) < (b.span.start, b.claim, b.method.rawValue)
        }
        // One match per claim and sentence: a sentence saying it once is one appearance.
        func sentence(_ span: TextSpan) -> Int? { text.sentenceIndex(at: span.start) }
        var kept: [AutoMatch] = []
        for match in found.sorted(by: isBetter) {
            let overlapsSameClaim = kept.contains {
                $0.claim == match.claim && ($0.span.start < match.span.end && $0.span.end > match.span.start
                    || sentence($0.span).map { $0 == sentence(match.span) } ?? false)
            }
            if !overlapsSameClaim { kept.append(match) }
        }
        return kept.sorted { ($0.span, $0.claim) < ($1.span, $1.claim) }
    }

    /// A claim whose reference lies inside another claim's is made wherever that claim is
    /// quoted with its words (the whole post carries the phrase): it shares the match, on its
    /// own words inside the passage, unless it has a match of its own here or is `excluded`
    /// (curated here, or ruled out by `not_in`). `EditorialChecks` asks the same of curators.
    private func shareNested(_ kept: [AutoMatch], in text: SourceText, excluded: Set<String>) -> [AutoMatch] {
        var result = kept
        for outer in kept {
            for inner in nested[outer.claim] ?? [] where !excluded.contains(inner.claim) && !result.contains(where: { $0.claim == inner.claim }) {
                let passage = FoldedText(text.substring(from: outer.span.start, to: outer.span.end))
                let selector = QuoteSelector(source: outer.source, quote: inner.words, position: SourcePosition(line: 1, column: 1))
                guard case .success(let found) = Anchor.locate(selector, in: passage) else { continue }
                result.append(AutoMatch(claim: inner.claim, source: outer.source,
                                        span: TextSpan(start: outer.span.start + found.start, end: outer.span.start + found.end),
                                        score: outer.score, method: outer.method))
            }
        }
        return result.sorted { ($0.span, $0.claim) < ($1.span, $1.claim) }
    }

    // MARK: - Scores and indexes

    /// Summed in word order, so a score is the same number on every run.
    private func statementScore(_ claim: Int, _ words: Set<String>) -> Double {
        let weights = statementWeights[claim]
        let total = weights.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return 0 }
        return weights.reduce(0) { words.contains($1.word) ? $0 + $1.weight : $0 } / total
    }

    /// Figure entries whose value is within the widest tolerance any claim allows.
    private func figureEntries(near value: Double) -> ArraySlice<FigureEntry> {
        // A claim's value v agrees with a found value f when |f − v| ≤ t·v: v runs from f ÷ (1 + t) to f ÷ (1 − t).
        let low = value / (1 + widest) - 1e-9, high = widest < 1 ? value / (1 - widest) + 1e-9 : .infinity
        var lower = 0, upper = figures.count
        while lower < upper { let mid = (lower + upper) / 2; if figures[mid].value < low { lower = mid + 1 } else { upper = mid } }
        var end = lower
        while end < figures.count, figures[end].value <= high { end += 1 }
        return figures[lower..<end]
    }

    /// Units that count the same thing under another name.
    static let unitSynonyms: [String: String] = ["interaction": "exchange", "conversation": "exchange", "query": "exchange",
                                                 "fake": "account", "profile": "account"]


    static func keys(_ text: String) -> [String] { WordToken.all(in: text.scalarArray).map(\.key) }

    static func wordPairs(_ keys: [String]) -> Set<String> {
        guard keys.count >= 2 else { return Set(keys) }
        return Set(zip(keys, keys.dropFirst()).map(pair))
    }

    /// Two adjacent words as one term.
    private static func pair(_ first: String, _ second: String) -> String { first + " " + second }

    /// Whether `keys` have at least `least` of the word pairs `pairs` (as `wordPairs` makes them):
    /// `wordPairs(keys).intersection(pairs).count >= least`, without a set of every pair.
    static func sharesPairs(_ keys: [String], with pairs: Set<String>, atLeast least: Int) -> Bool {
        guard least > 0 else { return true }
        guard keys.count >= 2 else { return Set(keys).intersection(pairs).count >= least }
        var shared: Set<String> = []
        for index in 1..<keys.count {
            let found = pair(keys[index - 1], keys[index])
            if pairs.contains(found), shared.insert(found).inserted, shared.count >= least { return true }
        }
        return false
    }

    static let stopWords: Set<String> = ["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from", "with",
                                         "that", "this", "it", "its", "is", "was", "were", "are", "be", "been", "has", "had", "have",
                                         "as", "but", "not", "their", "they", "them", "he", "she", "his", "her", "said", "says",
                                         "which", "who", "than", "more", "over", "about", "also", "s", "would", "will", "can"]

    /// Lower-case words without stop words or numbers, reduced to a rough stem.
    static func contentWords(_ text: String) -> [String] { contentWords(keys: keys(text)) }

    static func contentWords(keys: [String]) -> [String] { keys.filter(isContentWord).map(stem) }

    static func isContentWord(_ key: String) -> Bool { !isStopWord(key) && !isNumber(key) }

    /// No stop word is longer than this many bytes, so most words need no lookup.
    private static let longestStopWord = stopWords.map(\.utf8.count).max() ?? 0

    static func isStopWord(_ key: String) -> Bool { key.utf8.count <= longestStopWord && stopWords.contains(key) }

    /// Whether `Double` reads the key as a number ("24", "1e5", "nan", "infinity"). Only a digit or
    /// "i", "n", "s" can open one, and asking `Double` of every word is slow.
    static func isNumber(_ key: String) -> Bool {
        guard let first = key.utf8.first else { return false }
        let opensWord = (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A)
        if opensWord, !"insINS".utf8.contains(first) { return false }
        return Double(key) != nil
    }

    /// A light stem: plural, "-ing" and "-ed" endings off, so "trained" meets "training".
    static func stem(_ word: String) -> String {
        // Every rule below takes off an ending in "s", "g" or "d": most words have none, and are asked often.
        if let last = word.utf8.last, last < 0x80, last != UInt8(ascii: "s"), last != UInt8(ascii: "g"), last != UInt8(ascii: "d") {
            return word
        }
        let singular = CandidateExtractor.singular(word)
        for ending in ["ing", "ed"] where singular.hasSuffix(ending) && singular.count >= ending.count + 4 {
            return String(singular.dropLast(ending.count))
        }
        return singular
    }

}

/// One paragraph's folded text, figures, sentences and names, worked out once
/// for all the claims it may be about. Spans are offsets into the source's text.
private struct Paragraph {
    struct Sentence {
        var span: TextSpan
        var words: Set<String>
    }

    let start: Int
    let folded: FoldedText
    let sentences: [Sentence]
    /// The words of every sentence.
    let allWords: Set<String>
    let names: NamedText
    /// The block's words, with offsets into the paragraph, and each one's stem.
    private let tokens: [WordToken]
    private let stems: [String]
    private let figureSpans: [(figure: FigureValue, span: TextSpan)]

    init(_ block: BlockWords, sentences: [TextSpan], names finder: IdentityFinder) {
        start = block.start
        folded = FoldedText(scalars: block.scalars)
        let tokens = block.tokens
        self.tokens = tokens
        stems = tokens.map { ClaimMatcher.stem($0.key) }
        let isContent = tokens.map { ClaimMatcher.isContentWord($0.key) }
        // The block's words serve the sentences' words, the names and the figures' units.
        var next = 0
        self.sentences = sentences.map { [stems] span in
            let local = (span.start - block.start, span.end - block.start)
            let inside = tokens.nextRun(from: &next, skipping: { $0.start < local.0 }, taking: { $0.end <= local.1 })
            return Sentence(span: span, words: Set(inside.filter { isContent[$0] }.map { stems[$0] }))
        }
        allWords = Set(self.sentences.flatMap(\.words))
        names = finder.names(in: folded, tokens: tokens)
        figureSpans = FigureValue.located(block.figures, in: block.scalars, tokens: tokens)
            .map { ($0.figure, TextSpan(start: block.start + $0.span.start, end: block.start + $0.span.end)) }
    }

    /// The sentence holding `offset`, or the whole paragraph (an offset between two sentences).
    func sentence(around offset: Int) -> Sentence {
        sentences.first { $0.span.start <= offset && offset < $0.span.end } ?? whole
    }

    /// The whole paragraph as one sentence. Its statement score is at least any sentence's.
    var whole: Sentence { Sentence(span: TextSpan(start: start, end: start + folded.original.count), words: allWords) }

    /// The figures inside `span`.
    func figures(in span: TextSpan) -> [FigureValue] {
        figureSpans.filter { $0.span.start >= span.start && $0.span.end <= span.end }.map(\.figure)
    }

    /// The positions in `tokens` of the words wholly inside `span`.
    private func tokenRange(in span: TextSpan) -> Range<Int> {
        let local = self.local(span)
        var low = 0, high = tokens.count
        while low < high { let mid = (low + high) / 2; if tokens[mid].start < local.start { low = mid + 1 } else { high = mid } }
        var end = low
        while end < tokens.count, tokens[end].end <= local.end { end += 1 }
        return low..<end
    }

    /// The keys of the words wholly inside `span`.
    func keys(in span: TextSpan) -> [String] { tokens[tokenRange(in: span)].map(\.key) }

    /// The part of `span` from the first to the last word whose stem is one of `words`.
    func covering(_ words: Set<String>, in span: TextSpan) -> TextSpan? {
        let hits = tokenRange(in: span).filter { words.contains(stems[$0]) }
        guard let first = hits.first, let last = hits.last else { return nil }
        return TextSpan(start: start + tokens[first].start, end: start + tokens[last].end)
    }

    /// `span` as offsets into the paragraph.
    func local(_ span: TextSpan) -> TextSpan { TextSpan(start: span.start - start, end: span.end - start) }
}

/// A figure with what it counts: its value, its currency and the unit after it.
struct FigureValue: Hashable, Sendable {
    var value: Double
    var currency: String?
    /// Every word of the unit, singular, synonyms made one: "100,000 times even after" counts times.
    var unitWords: Set<String> = []

    /// Currencies written as words count as their symbols: "390 million dollars" is "$390 million".
    private static let currencyWords: [String: String] = ["dollar": "$", "euro": "€", "pound": "£"]

    init(_ figure: Figure, unit: String?, unitWords: [String]? = nil) {
        value = figure.value
        if figure.currency == nil, let unit, let symbol = Self.currencyWords[unit] {
            currency = symbol
        } else {
            currency = figure.currency == "US$" ? "$" : figure.currency
            let words = unitWords ?? [unit].compactMap { $0 }
            self.unitWords = Set(words.map { ClaimMatcher.unitSynonyms[$0] ?? $0 })
        }
    }

    /// Every figure in `text` with its unit and its scalar span.
    static func located(in text: String) -> [(figure: FigureValue, span: TextSpan)] {
        let scalars = text.scalarArray
        return located(in: scalars, tokens: WordToken.all(in: scalars))
    }

    static func located(in scalars: [Unicode.Scalar], tokens: [WordToken]) -> [(figure: FigureValue, span: TextSpan)] {
        located(Figure.located(in: scalars), in: scalars, tokens: tokens)
    }

    /// `figures`, found in `scalars`, with their units.
    static func located(_ figures: [(figure: Figure, span: TextSpan)], in scalars: [Unicode.Scalar],
                        tokens: [WordToken]) -> [(figure: FigureValue, span: TextSpan)] {
        figures.map { figure, span in
            let words = CandidateExtractor.unitWords(startingAt: span.end, tokens: tokens, scalars: scalars).map { CandidateExtractor.singular($0.key) }
            return (FigureValue(figure, unit: words.last, unitWords: words), span)
        }
    }

    static func all(in text: String) -> [FigureValue] { located(in: text).map(\.figure) }

    /// Counts the same thing: the same currency, and a unit word in common where both name one.
    func counts(sameAs other: FigureValue) -> Bool {
        currency == other.currency && (unitWords.isEmpty || other.unitWords.isEmpty || !unitWords.isDisjoint(with: other.unitWords))
    }

    /// Within `share` of this value (exactly, for 0).
    func isNear(_ other: FigureValue, share: Double) -> Bool { abs(value - other.value) <= max(share * value, 1e-9) }
}

/// How a passage's figures compare with the figures of a claim's wording.
enum FigureFit: Equatable, Sendable {
    /// The wording has no figure.
    case none
    /// Every figure of the wording is in the passage, counting the same thing, within the claim's tolerance.
    case agrees
    /// A figure counting the same thing differs by at most `ClaimMatcher.misreportLimit`: a misreport,
    /// if the passage is about this claim.
    case misreported(gap: Double)
    /// A figure is missing, counts something else or is far off: the passage is about something else.
    case conflicting

    init(expected: [FigureValue], found: [FigureValue], tolerance: Double) {
        guard !expected.isEmpty else { self = .none; return }
        let agrees = expected.allSatisfy { value in found.contains { value.counts(sameAs: $0) && value.isNear($0, share: tolerance) } }
        // Each figure's nearest counterpart counting the same thing; the largest of those gaps.
        let gaps = expected.map { value in
            found.filter { value.counts(sameAs: $0) }.map { abs($0.value - value.value) / max(value.value, 1e-9) }.min() ?? .infinity
        }
        let gap = gaps.max() ?? .infinity
        self = agrees ? .agrees : gap <= ClaimMatcher.misreportLimit ? .misreported(gap: gap) : .conflicting
    }

    /// The misreport's gap, nil for any other fit.
    var gap: Double? {
        if case .misreported(let gap) = self { return gap }
        return nil
    }

    /// A misreported figure is shown only where the passage names everything the claim names,
    /// or, for a claim that names nothing, where its many other words (`wordsIdentify`) do;
    /// a passage that names something else instead is never this claim's.
    /// A passage with a figure that names none of what its claim names is taken only on the
    /// strength of a long wording: a figure and its unit alone fit anything of that size.
    func isAcceptable(identity: IdentityCheck, wordsIdentify: Bool) -> Bool {
        switch (self, identity) {
        case (_, .conflict), (.conflicting, _): return false
        case (.none, .unnamed), (.none, .otherNamed): return true
        case (_, .unnamed): return wordsIdentify && gap == nil
        // A template's words with another name and a figure: a long wording identifies its template, not its claim.
        case (_, .otherNamed): return false
        case (.misreported, .partial): return false
        case (.misreported, .confirmed): return true
        case (.misreported, .nothingToCheck): return wordsIdentify
        default: return true
        }
    }
}
