/// A stretch of words two sources share verbatim, such as a quotation both
/// copied or a paragraph one lifted from the other.
public struct ReusedPassage: Hashable, Sendable {
    public var first: TextSpan
    public var second: TextSpan
    public var wordCount: Int
}

/// Finds verbatim reuse between sources. Every run of `minimumWords` words
/// (compared ignoring case and punctuation) is hashed once; one index of
/// those hashes over the whole corpus tells which texts share a run, so only
/// those pairs are ever compared. A run found in very many texts is
/// boilerplate and is skipped.
public struct TextReuseFinder {
    public static let minimumWords = 8
    static let commonRunLimit = 25

    public struct Pair: Hashable, Sendable {
        public var first: Int
        public var second: Int
    }

    private let tokens: [[WordToken]]
    /// `runs[text][i]`: the hash of the `minimumWords` words starting at word i.
    private let runs: [[UInt64]]
    private let minimumWords: Int
    private let parallel: Parallel

    public init(texts: [String], minimumWords: Int = TextReuseFinder.minimumWords, parallel: Parallel = Parallel()) {
        self.minimumWords = minimumWords
        let perText = parallel.map(texts) { text -> ([WordToken], [UInt64]) in
            let words = WordToken.all(in: text.scalarArray)
            let hashes = words.map { Self.fnv($0.key) }
            var runs: [UInt64] = []
            if hashes.count >= minimumWords {
                runs.reserveCapacity(hashes.count - minimumWords + 1)
                for start in 0...(hashes.count - minimumWords) {
                    var hash: UInt64 = 0
                    for offset in 0..<minimumWords { hash = hash &* 1_099_511_628_211 &+ hashes[start + offset] }
                    runs.append(hash)
                }
            }
            return (words, runs)
        }
        tokens = perText.map(\.0)
        runs = perText.map(\.1)
        self.parallel = parallel
    }

    /// Every pair of texts (by index, first < second) that shares a run, with
    /// the number of distinct runs they share: a cheap measure of overlap.
    public func sharedRuns() -> [Pair: Int] {
        // One flat list of (run, text) per bucket of hashes, sorted: texts that share a run end up
        // side by side. Far lighter than a dictionary of arrays when there are millions of runs.
        // A run's bucket comes from its hash, so every text that has it is in the same bucket
        // and the buckets are sorted and counted on their own cores.
        let bucketBits = parallel.width > 1 ? 6 : 0
        var buckets = [[(hash: UInt64, text: Int32)]](repeating: [], count: 1 << bucketBits)
        for (text, hashes) in runs.enumerated() {
            for hash in hashes { buckets[bucketBits == 0 ? 0 : Int(hash >> (64 - bucketBits))].append((hash, Int32(text))) }
        }
        let counted = parallel.map(buckets) { Self.countSharedRuns(in: $0) }
        var counts = counted.first ?? [:]
        for part in counted.dropFirst() { counts.merge(part, uniquingKeysWith: +) }
        return counts
    }

    private static func countSharedRuns(in bucket: [(hash: UInt64, text: Int32)]) -> [Pair: Int] {
        let entries = bucket.sorted { ($0.hash, $0.text) < ($1.hash, $1.text) }
        var counts: [Pair: Int] = [:]
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].hash == entries[start].hash { end += 1 }
            var texts: [Int] = []
            for entry in entries[start..<end] where texts.last != Int(entry.text) { texts.append(Int(entry.text)) }
            if texts.count > 1 && texts.count <= Self.commonRunLimit {
                for (offset, first) in texts.enumerated() {
                    for second in texts[(offset + 1)...] { counts[Pair(first: first, second: second), default: 0] += 1 }
                }
            }
            start = end
        }
        return counts
    }

    /// Every pair that shares a run, with its passages.
    public func allPairs() -> [Pair: [ReusedPassage]] {
        var result: [Pair: [ReusedPassage]] = [:]
        for pair in sharedRuns().keys {
            let found = passages(pair.first, pair.second)
            if !found.isEmpty { result[pair] = found }
        }
        return result
    }

    /// The maximal shared runs of two texts, longest first; each word of the
    /// first text belongs to one run at most.
    public func passages(_ first: Int, _ second: Int) -> [ReusedPassage] {
        let a = tokens[first], b = tokens[second]
        guard !runs[first].isEmpty, !runs[second].isEmpty else { return [] }
        var starts: [UInt64: [Int]] = [:]
        for (start, hash) in runs[second].enumerated() { starts[hash, default: []].append(start) }
        var passages: [ReusedPassage] = []
        var i = 0
        while i < runs[first].count {
            var best: (j: Int, length: Int)?
            for j in starts[runs[first][i]] ?? [] {
                var length = 0
                while i + length < a.count, j + length < b.count, a[i + length].key == b[j + length].key { length += 1 }
                if length >= minimumWords, length > (best?.length ?? 0) { best = (j, length) }
            }
            guard let best else { i += 1; continue }
            passages.append(ReusedPassage(first: TextSpan(start: a[i].start, end: a[i + best.length - 1].end),
                                          second: TextSpan(start: b[best.j].start, end: b[best.j + best.length - 1].end),
                                          wordCount: best.length))
            i += best.length
        }
        return passages.sorted { ($0.wordCount, $1.first.start) > ($1.wordCount, $0.first.start) }
    }

    /// FNV-1a: a fixed hash, the same in every run (Swift's `Hasher` is seeded per process).
    static func fnv(_ text: String) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return hash
    }
}
