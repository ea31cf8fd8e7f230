import Foundation

/// Which claims a sentence could be about, from rare evidence only.
///
/// The terms are the words and adjacent word pairs of every claim's wordings
/// and statement. Each is weighted by its inverse document frequency over
/// the sentences of all sources, so evidence made of common words ("in the",
/// "said") weighs nothing, and a term shared by many claims (the words of a
/// sentence template that a family of claims shares) leads to none of them:
/// only names, codes and rare words send a sentence to a claim. Figures are
/// looked up by value. A sentence keeps its best few claims, so the cost of
/// matching grows with sentences × real candidates, not sentences × claims.
struct EvidenceIndex: Sendable {
    /// A sentence's share of all sentences above which a term is common.
    static let commonShare = 0.02
    /// ... but a term in this many sentences or fewer is never common (small corpora).
    static let commonFloor = 20
    /// A term in more claims than this tells none of them apart.
    static func claimCap(claims: Int) -> Int { max(12, claims / 50) }
    /// How many claims a sentence keeps.
    static let candidatesPerSentence = 5
    /// The least evidence that sends a sentence to a claim, as a share of the weight of a term
    /// found in one sentence only: one somewhat rare word is not enough, a name, a code, a
    /// figure or two rare words are. Relative, so that it means the same in 300 sentences as in 300,000.
    static let leastEvidenceShare = 0.6

    /// Every word of every claim text, numbered; pairs are numbered after them.
    private let vocabulary: ClaimVocabulary
    private let pairTerms: [Int64: Int32]
    private let unigramTerm: [Int32]   // vocabulary id → term id, or -1 (stop word, number)
    /// Per term: its weight (0 when common or shared too widely) and the claims that have it.
    private let weights: [Double]
    private let postings: [[Int32]]
    /// The terms of each sentence of each source, kept from counting them so matching need not read the words again.
    private let sentenceTerms: [String: [[Int32]]]
    /// The least evidence a sentence needs for a claim (`leastEvidenceShare`).
    let leastEvidence: Double

    /// `cache` keeps each source's sentence terms, keyed by the source's inputs and the claims' texts
    /// (the terms are numbered from them): a rebuild reads again only the sources that changed.
    init(claimTexts: [[String]], sources: [Source], parallel: Parallel = Parallel(), cache: StepCache = .none) {
        var vocabulary: [String: Int32] = [:]
        var unigramTerm: [Int32] = []
        var pairTerms: [Int64: Int32] = [:]
        var termCount: Int32 = 0
        var claimsOfTerm: [[Int32]] = []
        func vocabularyID(_ key: String) -> Int32 {
            if let id = vocabulary[key] { return id }
            let id = Int32(vocabulary.count)
            vocabulary[key] = id
            let isTerm = !ClaimMatcher.stopWords.contains(key) && !key.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
            unigramTerm.append(isTerm ? termCount : -1)
            if isTerm { termCount += 1; claimsOfTerm.append([]) }
            return id
        }
        for (claim, texts) in claimTexts.enumerated() {
            var terms = Set<Int32>()
            for text in texts {
                let ids = ClaimMatcher.keys(text).map(vocabularyID)
                for id in ids where unigramTerm[Int(id)] >= 0 { terms.insert(unigramTerm[Int(id)]) }
                for (a, b) in zip(ids, ids.dropFirst()) where unigramTerm[Int(a)] >= 0 || unigramTerm[Int(b)] >= 0 {
                    let key = Int64(a) << 32 | Int64(b)
                    if let term = pairTerms[key] { terms.insert(term); continue }
                    pairTerms[key] = termCount
                    terms.insert(termCount)
                    termCount += 1
                    claimsOfTerm.append([])
                }
            }
            for term in terms { claimsOfTerm[Int(term)].append(Int32(claim)) }
        }
        let words = ClaimVocabulary(vocabulary)
        self.vocabulary = words
        self.pairTerms = pairTerms
        self.unigramTerm = unigramTerm
        let (pairs, unigrams) = (pairTerms, unigramTerm)

        // Document frequency over every sentence of every source, counted on every core.
        var claimWords = BinaryWriter()
        claimWords.write("terms")
        claimWords.writeCount(claimTexts.count)
        for texts in claimTexts { claimWords.write(texts) }
        let vocabularyDigest = ContentDigest(claimWords)
        let counts = parallel.map(sources) { source in
            cache.value(for: source.cacheKey { $0.write(vocabularyDigest) }) {
                SentenceTerms(Self.sentenceTerms(of: source, vocabulary: words, unigramTerm: unigrams, pairTerms: pairs))
            }.terms
        }
        var frequency = [Int](repeating: 0, count: Int(termCount))
        var documents = 0
        var sentenceTerms: [String: [[Int32]]] = [:]
        for (source, terms) in zip(sources, counts) {
            documents += terms.count
            for sentence in terms { for term in sentence { frequency[Int(term)] += 1 } }
            sentenceTerms[source.id] = terms
        }
        self.sentenceTerms = sentenceTerms
        let total = Double(max(documents, 1))
        leastEvidence = Self.leastEvidenceShare * (log(total) + 1)
        let common = max(Double(Self.commonFloor), Self.commonShare * total)
        let cap = Self.claimCap(claims: claimTexts.count)
        var weights: [Double] = []
        var postings: [[Int32]] = []
        for term in 0..<Int(termCount) {
            let shared = claimsOfTerm[term].count
            let usable = Double(frequency[term]) <= common && shared <= cap
            weights.append(usable ? log(total / Double(max(frequency[term], 1))) + 1 : 0)
            postings.append(usable ? claimsOfTerm[term] : [])
        }
        self.weights = weights
        self.postings = postings
    }

    /// The terms of each sentence of `source`, sorted, from one pass over its words.
    private static func sentenceTerms(of source: Source, vocabulary: ClaimVocabulary, unigramTerm: [Int32],
                                      pairTerms: [Int64: Int32]) -> [[Int32]] {
        let words = vocabulary.numberedWords(in: source.text.string.scalarArray)
        var next = 0
        return source.text.sentences.map { span in
            let inside = words.nextRun(from: &next, skipping: { $0.start < span.start }, taking: { $0.end <= span.end })
            return terms(in: words[inside], unigramTerm: unigramTerm, pairTerms: pairTerms)
        }
    }

    /// The terms of the claims that occur in `words`, once each.
    private static func terms(in words: ArraySlice<ClaimVocabulary.NumberedWord>, unigramTerm: [Int32], pairTerms: [Int64: Int32]) -> [Int32] {
        // A sorted array without repeats: cheaper than a set for the dozen terms of a sentence.
        var found: [Int32] = []
        var previous: Int32 = -1
        for word in words {
            let id = word.id
            guard id >= 0 else { previous = -1; continue }
            if unigramTerm[Int(id)] >= 0 { found.append(unigramTerm[Int(id)]) }
            if previous >= 0, let pair = pairTerms[Int64(previous) << 32 | Int64(id)] { found.append(pair) }
            previous = id
        }
        found.sort()
        var unique = 0
        for index in found.indices where unique == 0 || found[unique - 1] != found[index] {
            found[unique] = found[index]
            unique += 1
        }
        found.removeLast(found.count - unique)
        return found
    }

    /// The claim terms of each sentence of `source`: those kept from counting them, or read now for
    /// a source the index was not built over (a test's, say).
    func sentenceTerms(of source: Source) -> [[Int32]] {
        if let kept = sentenceTerms[source.id], kept.count == source.text.sentences.count { return kept }
        return Self.sentenceTerms(of: source, vocabulary: vocabulary, unigramTerm: unigramTerm, pairTerms: pairTerms)
    }

    /// Adds to `scores` the weight of each rare term of a sentence (`terms`, from `sentenceTerms`) to
    /// every claim that has the term.
    func addEvidence(of terms: [Int32], to scores: inout EvidenceScores) {
        for term in terms {
            let weight = weights[Int(term)]
            guard weight > 0 else { continue }
            for claim in postings[Int(term)] { scores.add(weight, to: Int(claim)) }
        }
    }

    /// The best claims of a sentence, best first.
    static func best<Scores: Sequence>(_ scores: Scores) -> [Int] where Scores.Element == (key: Int, value: Double) {
        scores.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(candidatesPerSentence).map(\.key)
    }
}

/// The evidence for each claim in one sentence, summed in an array indexed by claim. A source's
/// sentences share one, cleared claim by claim from the list of those it touched: a dictionary
/// made for every sentence of the corpus cost more than the sums.
struct EvidenceScores {
    private var values: [Double]
    private var touched: [Int] = []

    init(claims: Int) { values = [Double](repeating: 0, count: claims) }

    /// `weight` must be above 0 (a claim's score is 0 until it is first touched).
    mutating func add(_ weight: Double, to claim: Int) {
        if values[claim] == 0 { touched.append(claim) }
        values[claim] += weight
    }

    /// Each claim with evidence, and its sum, in the order they were first touched (read as it is
    /// iterated: nothing is made for a sentence).
    var scores: LazyMapSequence<[Int], (key: Int, value: Double)> {
        let values = values
        return touched.lazy.map { ($0, values[$0]) }
    }

    mutating func clear() {
        for claim in touched { values[claim] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}

/// The claim terms of each sentence of a source, as the match step's cache keeps them.
private struct SentenceTerms: BinaryCodable {
    var terms: [[Int32]]

    init(_ terms: [[Int32]]) { self.terms = terms }

    func encode(to writer: inout BinaryWriter) {
        writer.writeCount(terms.count)
        for sentence in terms {
            writer.writeCount(sentence.count)
            for term in sentence { writer.write(Int(term)) }
        }
    }

    init(from reader: inout BinaryReader) throws {
        terms = try (0..<reader.readCount()).map { _ in
            try (0..<reader.readCount()).map { _ in
                let term: Int = try reader.read()
                guard let narrow = Int32(exactly: term) else { throw BinaryDecodingError() }
                return narrow
            }
        }
    }
}

/// The words of the claims, numbered, and a way to number every word of a source without making
/// a string for each: the counting pass reads some 12 million words at 10,000 articles. A word
/// of at most 16 ASCII letters and digits (nearly every word) is looked up by its lower-cased
/// bytes packed into two integers; any other word by its key, as `WordToken` makes it.
struct ClaimVocabulary: Sendable {
    /// A word's scalar span and its number (-1: no claim uses the word).
    struct NumberedWord {
        var start: Int
        var end: Int
        var id: Int32
    }

    private struct PackedWord: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        // One integer hashed, not two: a lookup for every word of every source. Equality still compares both.
        func hash(into hasher: inout Hasher) { hasher.combine(low ^ (high &* 0x9E37_79B9_7F4A_7C15)) }
    }

    private let words: [String: Int32]
    private let packed: [PackedWord: Int32]

    init(_ words: [String: Int32]) {
        self.words = words
        var packed: [PackedWord: Int32] = [:]
        for (key, id) in words {
            guard key.utf8.count <= 16, key.isASCII else { continue }
            var word = PackedWord()
            for (index, byte) in key.utf8.enumerated() { Self.add(byte, at: index, to: &word) }
            packed[word] = id
        }
        self.packed = packed
    }

    private static func add(_ byte: UInt8, at index: Int, to word: inout PackedWord) {
        if index < 8 { word.low |= UInt64(byte) << UInt64(8 * index) } else { word.high |= UInt64(byte) << UInt64(8 * (index - 8)) }
    }

    /// The words of `scalars` (maximal runs of letters and digits, as `WordToken` cuts them), numbered.
    func numberedWords(in scalars: [Unicode.Scalar]) -> [NumberedWord] {
        var found: [NumberedWord] = []
        found.reserveCapacity(scalars.count / 6)
        var index = 0
        while index < scalars.count {
            guard scalars[index].isWordScalar else { index += 1; continue }
            let start = index
            var word = PackedWord(), quick = true
            while index < scalars.count, scalars[index].isWordScalar {
                let value = scalars[index].value
                if value < 0x80, index - start < 16 {
                    Self.add(UInt8(value >= 0x41 && value <= 0x5A ? value + 32 : value), at: index - start, to: &word)
                } else {
                    quick = false
                }
                index += 1
            }
            let id = quick ? packed[word] : words[String(String.UnicodeScalarView(scalars[start..<index])).lowercased()]
            found.append(NumberedWord(start: start, end: index, id: id ?? -1))
        }
        return found
    }
}
