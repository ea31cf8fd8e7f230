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

    /// A word as the finder compares it: its key's hash and where it is. Words are compared by
    /// the 64-bit hash of their keys; two different words sharing one is vanishingly unlikely.
    private struct Word {
        var key: UInt64
        var start: UInt32
        var end: UInt32
    }

    /// The texts. Their words and runs are read when needed and not kept: one run per word
    /// of the corpus is the largest thing the analysis makes.
    private let texts: [String]
    let minimumWords: Int
    private let parallel: Parallel
    /// About this many runs are indexed in one pass over the texts (12 bytes each), judged from the
    /// texts' sizes before they are read, in at most `maxPasses` passes.
    let entriesPerPass: Int

    /// Where a text's runs may be kept from an earlier build: given the text's index and how to make
    /// its runs, it returns them (tokenising every text was most of a one-article rebuild's analysis).
    typealias KeptRuns = @Sendable (_ text: Int, _ make: () -> [UInt64]) -> [UInt64]
    private let keptRuns: KeptRuns?

    public init(texts: [String], minimumWords: Int = TextReuseFinder.minimumWords, parallel: Parallel = Parallel(),
                entriesPerPass: Int = TextReuseFinder.entriesPerPass) {
        self.init(texts: texts, minimumWords: minimumWords, parallel: parallel, entriesPerPass: entriesPerPass, keptRuns: nil)
    }

    init(texts: [String], minimumWords: Int = TextReuseFinder.minimumWords, parallel: Parallel = Parallel(),
         entriesPerPass: Int = TextReuseFinder.entriesPerPass, keptRuns: KeptRuns?) {
        self.minimumWords = minimumWords
        self.texts = texts
        self.parallel = parallel
        self.entriesPerPass = max(1, entriesPerPass)
        self.keptRuns = keptRuns
    }

    private static func words(of text: String) -> [Word] {
        WordToken.hashed(in: text).map { Word(key: $0.hash, start: UInt32(clamping: $0.start), end: UInt32(clamping: $0.end)) }
    }

    /// The runs of text `index`, kept or made.
    private func runs(ofText index: Int) -> [UInt64] {
        let make = { self.runs(Self.words(of: self.texts[index])) }
        return keptRuns?(index, make) ?? make()
    }

    /// `runs(words)[i]`: the hash of the `minimumWords` words starting at word i.
    private func runs(_ words: [Word]) -> [UInt64] {
        guard words.count >= minimumWords else { return [] }
        var runs: [UInt64] = []
        runs.reserveCapacity(words.count - minimumWords + 1)
        for start in 0...(words.count - minimumWords) {
            var hash: UInt64 = 0
            for offset in 0..<minimumWords { hash = hash &* 1_099_511_628_211 &+ words[start + offset].key }
            runs.append(hash)
        }
        return runs
    }

    /// Every pair of texts (by index, first < second) that shares a run, with
    /// the number of distinct runs they share: a cheap measure of overlap.
    public func sharedRuns() -> [Pair: Int] {
        Dictionary(uniqueKeysWithValues: sharedRunCounts().map { (Self.pair($0.code), Int($0.count)) })
    }

    /// The pairs that share a run, in order of (first, second).
    func sharingPairs() -> [Pair] {
        var pairs: [Pair] = []
        forEachSharingPairCode { pairs.append(Self.pair($0)) }
        return pairs
    }

    /// The code (`code(first, second)`) of each pair that shares a run, once, in increasing order,
    /// handed over as the merge finds it: on English text millions of pairs share some run of common
    /// words, and the whole list is never held. Each bucket gives its pairs sorted and without
    /// repeats, and the buckets' lists are merged rather than joined and sorted again.
    func forEachSharingPairCode(_ body: (UInt64) -> Void) {
        Self.mergeUnique(perBucket { entries in
            var codes: [UInt64] = []
            Self.forEachSharedRunPair(inSorted: entries) { codes.append($0) }
            codes.sort()
            return SortedCodes(codes)
        }, into: body)
    }

    /// A pair as one sortable number: the first text's index above the second's.
    static func code(_ first: Int, _ second: Int) -> UInt64 { UInt64(first) << 32 | UInt64(second) }
    static func pair(_ code: UInt64) -> Pair { Pair(first: Int(code >> 32), second: Int(code & 0xFFFF_FFFF)) }

    /// The counts of `sharedRuns`, sorted by pair code.
    private func sharedRunCounts() -> [(code: UInt64, count: Int32)] {
        Self.tally(perBucket { Self.sharedRunPairs(inSorted: $0) }.flatMap { $0 })
    }

    /// Every run of every text in one flat list of (run, text) per bucket of hashes, each bucket
    /// sorted so that the texts that share a run are side by side, then `reduce`d on its own core
    /// (a run's bucket comes from its hash, so every text that has it is in the same bucket).
    /// Flat arrays, never a dictionary of arrays: there is one entry per word of the corpus, so a
    /// large corpus is indexed in passes, each over all the texts but keeping only its share of
    /// the buckets.
    private func perBucket<Reduced>(_ reduce: ([RunEntry]) -> Reduced) -> [Reduced] {
        let bucketCount = 1 << Self.bucketBits
        func bucket(_ hash: UInt64) -> Int { Int(hash >> (64 - Self.bucketBits)) }
        let estimatedEntries = texts.reduce(0) { $0 + $1.utf8.count } / Self.bytesPerWord
        let passes = min(Self.maxPasses, max(1, (estimatedEntries + entriesPerPass - 1) / entriesPerPass))
        var reduced: [Reduced] = []
        reduced.reserveCapacity(bucketCount)
        for pass in 0..<passes {
            let kept = (pass * bucketCount / passes)..<((pass + 1) * bucketCount / passes)
            // The texts' runs are made a few hundred texts at a time and go straight into the
            // buckets: the runs of the whole corpus are never held beside the index made of them.
            var buckets = [[RunEntry]](repeating: [], count: kept.count)
            let round = 64 * parallel.width
            for first in stride(from: 0, to: texts.count, by: round) {
                let indices = Array(first..<min(texts.count, first + round))
                let runs = parallel.map(indices) { self.runs(ofText: $0) }
                for (text, hashes) in zip(indices, runs) {
                    for hash in hashes where kept.contains(bucket(hash)) {
                        buckets[bucket(hash) - kept.lowerBound].append(RunEntry(hash: hash, text: text))
                    }
                }
            }
            // Sorted where they are, each bucket by one worker (with scratch space the size of the
            // bucket, a 64th of the index). A bucket's runs came in text order, so sorting them by
            // run alone, keeping that order, sorts them by (run, text).
            reduced += buckets.withUnsafeMutableBufferPointer { buckets in
                let all = buckets
                return parallel.map(Array(all.indices)) { index -> Reduced in
                    Self.sortByRun(&all[index])
                    let result = reduce(all[index])
                    all[index] = []
                    return result
                }
            }
        }
        return reduced
    }

    /// The index's buckets: 64, so that each is sorted on its own core and a pass can take a share.
    private static let bucketBits = 6
    /// 48 MB of index at a time: two passes for 10,000 articles of 600 words.
    public static let entriesPerPass = 4_000_000
    /// Each pass reads every text again: a corpus larger than this many passes' worth holds more
    /// of its index at once instead (a quarter of it from 16 million runs on).
    static let maxPasses = 4
    /// Bytes of text per word, for guessing the number of runs before reading the texts.
    private static let bytesPerWord = 6

    /// Lists each sorted without repeats, merged into one sorted list without repeats.
    static func mergeUnique(_ lists: [[UInt64]]) -> [UInt64] {
        var merged: [UInt64] = []
        mergeUnique(lists.map(SortedCodes.init)) { merged.append($0) }
        return merged
    }

    /// The same merge, each value handed to `body` in order as it is found.
    static func mergeUnique<Lists: Sequence>(_ lists: Lists, into body: (UInt64) -> Void) where Lists.Element == SortedCodes {
        var last: UInt64?
        var readers: [SortedCodes.Iterator] = []
        // A binary heap of each list's next value, smallest first.
        var heap: [(value: UInt64, list: Int)] = []
        for list in lists {
            var reader = list.makeIterator()
            guard let first = reader.next() else { continue }
            heap.append((first, readers.count))
            readers.append(reader)
        }
        // Equal values from two lists come out one after the other, in either order: only values are compared.
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].value < heap[smallest].value { smallest = left }
                if right < heap.count, heap[right].value < heap[smallest].value { smallest = right }
                if smallest == parent { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        while let top = heap.first {
            if last != top.value { body(top.value); last = top.value }
            if let value = readers[top.list].next() {
                heap[0].value = value
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }

    /// Codes in increasing order, each kept as the varint gap from the one before: a bucket's
    /// pairs in about a third of the memory of an array of codes (most gaps fit in two bytes).
    struct SortedCodes: Sequence {
        private var writer = BinaryWriter(capacity: 0)
        private var last: UInt64 = 0

        /// `codes` must not decrease; a repeated code is kept once.
        init<Codes: Sequence>(_ codes: Codes) where Codes.Element == UInt64 {
            var isFirst = true
            for code in codes where isFirst || code != last {
                writer.write(unsigned: code &- last)
                (last, isFirst) = (code, false)
            }
        }

        func makeIterator() -> Iterator { Iterator(reader: BinaryReader(writer.bytes)) }

        struct Iterator: IteratorProtocol {
            fileprivate var reader: BinaryReader
            private var value: UInt64 = 0

            fileprivate init(reader: BinaryReader) { self.reader = reader }

            mutating func next() -> UInt64? {
                guard !reader.isAtEnd, let gap = try? reader.readUnsigned() else { return nil }
                value &+= gap
                return value
            }
        }
    }

    /// Sorts (pair, count) entries by pair and adds up the counts of each pair.
    private static func tally(_ entries: [(code: UInt64, count: Int32)]) -> [(code: UInt64, count: Int32)] {
        var entries = entries
        entries.sort { $0.code < $1.code }
        var result: [(code: UInt64, count: Int32)] = []
        for entry in entries {
            if result.last?.code == entry.code { result[result.count - 1].count += entry.count } else { result.append(entry) }
        }
        return result
    }

    /// Sorts runs by their hash and keeps the order of equal ones: a least-significant-digit radix
    /// sort, 11 bits a pass, which skips a pass whose digit is the same in every run (the bucket's
    /// top bits are). About three times as fast as comparing (run, text) pairs.
    static func sortByRun(_ entries: inout [RunEntry]) {
        guard entries.count > 1 else { return }
        let digitBits = 11, mask = UInt64(1 << digitBits - 1)
        var scratch = entries
        var sortedIsInScratch = false
        var counts = [Int](repeating: 0, count: 1 << digitBits)
        entries.withUnsafeMutableBufferPointer { entries in
            scratch.withUnsafeMutableBufferPointer { scratch in
                for shift in stride(from: 0, to: 64, by: digitBits) {
                    let (from, to) = sortedIsInScratch ? (scratch, entries) : (entries, scratch)
                    for index in counts.indices { counts[index] = 0 }
                    for entry in from { counts[Int((entry.hash >> UInt64(shift)) & mask)] += 1 }
                    if counts.contains(from.count) { continue }
                    var offset = 0
                    for index in counts.indices { (counts[index], offset) = (offset, offset + counts[index]) }
                    for entry in from {
                        let digit = Int((entry.hash >> UInt64(shift)) & mask)
                        to[counts[digit]] = entry
                        counts[digit] += 1
                    }
                    sortedIsInScratch.toggle()
                }
            }
        }
        if sortedIsInScratch { entries = scratch }
    }

    /// A run of one text, in 12 bytes (a `(UInt64, Int32)` pair takes 16): there is one per word
    /// of the corpus, and this index is the largest thing a build holds.
    struct RunEntry {
        var high: UInt32
        var low: UInt32
        var text: UInt32

        init(hash: UInt64, text: Int) {
            high = UInt32(truncatingIfNeeded: hash >> 32)
            low = UInt32(truncatingIfNeeded: hash)
            self.text = UInt32(text)
        }

        var hash: UInt64 { UInt64(high) << 32 | UInt64(low) }

        func sameRun(as other: RunEntry) -> Bool { high == other.high && low == other.low }
    }

    /// The pairs of texts that share a run of one sorted bucket, each with how many runs they share there.
    private static func sharedRunPairs(inSorted entries: [RunEntry]) -> [(code: UInt64, count: Int32)] {
        var found: [(code: UInt64, count: Int32)] = []
        forEachSharedRunPair(inSorted: entries) { found.append(($0, 1)) }
        return tally(found)
    }

    /// Hands over the code of each pair of texts that share a run of one sorted bucket, once for each run they share.
    private static func forEachSharedRunPair(inSorted entries: [RunEntry], _ body: (UInt64) -> Void) {
        var texts: [Int] = [] // one run's texts, without repeats; reused from run to run
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].sameRun(as: entries[start]) { end += 1 }
            if end - start > 1 {
                texts.removeAll(keepingCapacity: true)
                for entry in entries[start..<end] where texts.last != Int(entry.text) { texts.append(Int(entry.text)) }
                if texts.count > 1 && texts.count <= Self.commonRunLimit {
                    for (offset, first) in texts.enumerated() {
                        for second in texts[(offset + 1)...] { body(code(first, second)) }
                    }
                }
            }
            start = end
        }
    }

    /// Every pair that shares a run, with its passages.
    public func allPairs() -> [Pair: [ReusedPassage]] {
        let pairs = Array(sharedRuns().keys)
        var result: [Pair: [ReusedPassage]] = [:]
        for (pair, found) in zip(pairs, passages(pairs)) where !found.isEmpty { result[pair] = found }
        return result
    }

    /// The passages of each pair, in order, on every core. The pairs go in batches; in each, a
    /// text's words are read once however many of its pairs the batch holds, and only the
    /// batch's words are held at a time.
    public func passages(_ pairs: [Pair], batch: Int = 1_024) -> [[ReusedPassage]] {
        stride(from: 0, to: pairs.count, by: batch).flatMap { start -> [[ReusedPassage]] in
            let part = Array(pairs[start..<min(pairs.count, start + batch)])
            let named = Array(Set(part.flatMap { [$0.first, $0.second] })).sorted()
            let words = Dictionary(uniqueKeysWithValues: zip(named, parallel.map(named) { Self.words(of: texts[$0]) }))
            return parallel.map(part) { passages(words[$0.first]!, words[$0.second]!) }
        }
    }

    /// The maximal shared runs of two texts, longest first; each word of the
    /// first text belongs to one run at most.
    public func passages(_ first: Int, _ second: Int) -> [ReusedPassage] {
        passages(Self.words(of: texts[first]), Self.words(of: texts[second]))
    }

    private func passages(_ a: [Word], _ b: [Word]) -> [ReusedPassage] {
        let firstRuns = runs(a), secondRuns = runs(b)
        guard !firstRuns.isEmpty, !secondRuns.isEmpty else { return [] }
        var starts: [UInt64: [Int]] = [:]
        for (start, hash) in secondRuns.enumerated() { starts[hash, default: []].append(start) }
        var passages: [ReusedPassage] = []
        var i = 0
        while i < firstRuns.count {
            var best: (j: Int, length: Int)?
            for j in starts[firstRuns[i]] ?? [] {
                var length = 0
                while i + length < a.count, j + length < b.count, a[i + length].key == b[j + length].key { length += 1 }
                if length >= minimumWords, length > (best?.length ?? 0) { best = (j, length) }
            }
            guard let best else { i += 1; continue }
            passages.append(ReusedPassage(first: TextSpan(start: Int(a[i].start), end: Int(a[i + best.length - 1].end)),
                                          second: TextSpan(start: Int(b[best.j].start), end: Int(b[best.j + best.length - 1].end)),
                                          wordCount: best.length))
            i += best.length
        }
        return passages.sorted { ($0.wordCount, $1.first.start) > ($1.wordCount, $0.first.start) }
    }

}
