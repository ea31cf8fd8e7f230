/// A stretch of words two sources share verbatim, such as a quotation both
/// copied or a paragraph one lifted from the other.
public struct ReusedPassage: Hashable, Sendable {
    public var first: TextSpan
    public var second: TextSpan
    public var wordCount: Int
}

/// Finds verbatim reuse between sources. Every run of `minimumWords` words
/// (compared ignoring case and punctuation) is indexed once for the whole
/// corpus, so only pairs that share at least one run are compared at all.
/// A run found in very many sources is boilerplate and is skipped.
public struct TextReuseFinder {
    public static let minimumWords = 8
    static let commonRunLimit = 25

    private struct Words {
        var tokens: [WordToken]
        var hashes: [Int]
    }

    private let words: [Words]
    private let minimumWords: Int

    public init(texts: [String], minimumWords: Int = TextReuseFinder.minimumWords) {
        self.minimumWords = minimumWords
        words = texts.map { text in
            let tokens = WordToken.all(in: Array(text.unicodeScalars))
            return Words(tokens: tokens, hashes: tokens.map { $0.key.hashValue })
        }
    }

    /// Every pair of texts (by index, first < second) that shares a run, with its passages.
    public func allPairs() -> [Pair: [ReusedPassage]] {
        var index: [Int: [Int]] = [:]
        for (text, words) in words.enumerated() where words.tokens.count >= minimumWords {
            var seen = Set<Int>()
            for start in 0...(words.tokens.count - minimumWords) {
                let key = shingle(words, at: start)
                if seen.insert(key).inserted { index[key, default: []].append(text) }
            }
        }
        var candidates = Set<Pair>()
        for texts in index.values where texts.count > 1 && texts.count <= Self.commonRunLimit {
            for (offset, first) in texts.enumerated() {
                for second in texts[(offset + 1)...] { candidates.insert(Pair(first: first, second: second)) }
            }
        }
        var result: [Pair: [ReusedPassage]] = [:]
        for pair in candidates {
            let passages = passages(pair.first, pair.second)
            if !passages.isEmpty { result[pair] = passages }
        }
        return result
    }

    public struct Pair: Hashable, Sendable {
        public var first: Int
        public var second: Int
    }

    /// The maximal shared runs of two texts, longest first; each word of the
    /// first text belongs to one run at most.
    public func passages(_ first: Int, _ second: Int) -> [ReusedPassage] {
        let a = words[first], b = words[second]
        guard a.tokens.count >= minimumWords, b.tokens.count >= minimumWords else { return [] }
        var starts: [Int: [Int]] = [:]
        for start in 0...(b.tokens.count - minimumWords) { starts[shingle(b, at: start), default: []].append(start) }
        var passages: [ReusedPassage] = []
        var i = 0
        while i <= a.tokens.count - minimumWords {
            var best: (j: Int, length: Int)?
            for j in starts[shingle(a, at: i)] ?? [] {
                var length = 0
                while i + length < a.tokens.count, j + length < b.tokens.count,
                      a.tokens[i + length].key == b.tokens[j + length].key { length += 1 }
                if length >= minimumWords, length > (best?.length ?? 0) { best = (j, length) }
            }
            guard let best else { i += 1; continue }
            passages.append(ReusedPassage(first: TextSpan(start: a.tokens[i].start, end: a.tokens[i + best.length - 1].end),
                                          second: TextSpan(start: b.tokens[best.j].start, end: b.tokens[best.j + best.length - 1].end),
                                          wordCount: best.length))
            i += best.length
        }
        return passages.sorted { ($0.wordCount, $1.first.start) > ($1.wordCount, $0.first.start) }
    }

    private func shingle(_ words: Words, at start: Int) -> Int {
        var hasher = Hasher()
        for offset in 0..<minimumWords { hasher.combine(words.hashes[start + offset]) }
        return hasher.finalize()
    }
}
