/// Two sources side by side: the claims both report and the words they share.
public struct SourcePair: Sendable {
    public var first: String
    public var second: String
    public var sharedClaims: [String]
    public var reused: [ReusedPassage]

    /// `compare/<first>/<second>/`, with the ids in site order.
    public var path: String { Routes.comparison(first, second) }
}

/// What the site derives from the sources beyond the claims: who is named
/// where, the dates the texts give, and which sources overlap.
public struct Analysis: Sendable {
    public var mentions: [String: [EntityMention]] = [:]
    public var dateMentions: [String: [DateMention]] = [:]
    public var timeline: [TimelineEvent] = []
    /// Relative dates that could not be placed (their article has no date).
    public var unplacedDates: [DateMention] = []
    public var pairs: [SourcePair] = []
    /// Spellings that look like an entity's name but are not among its aliases.
    public var warnings: [Diagnostic] = []

    public init() {}

    /// `cache`: each source's mentions and dates from an earlier build, keyed by the source's
    /// inputs and the entities' aliases.
    init(site: Site, parallel: Parallel = Parallel(), cache: StepCache = .none) {
        let finder = MentionFinder(entities: site.entities)
        let names = Dictionary(site.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var entities = BinaryWriter()
        for entity in site.entities { entities.write(entity.id); entities.write(entity.aliases) }
        let aliases = ContentDigest(entities)
        // Each source on its own core; results gathered in site order.
        let perSource = parallel.map(site.sources) { source in
            return cache.value(for: source.cacheKey { $0.write(aliases) }) {
                // Names and dates are found in the same words: the text is split once for both.
                let scalars = source.text.string.scalarArray
                let tokens = WordToken.all(in: scalars)
                return SourceFindings(mentions: finder.mentions(in: scalars, tokens: tokens, source: source.id),
                                      dates: DateFinder(source: source).mentions(scalars: scalars, tokens: tokens))
            }
        }
        for (source, findings) in zip(site.sources, perSource) {
            let (found, dates) = (findings.mentions, findings.dates)
            mentions[source.id] = found
            for mention in found where !mention.isKnownAlias {
                warnings.append(.warning(source.path, source.text.filePosition(of: mention.span.start),
                                         "“\(mention.spelling)” looks like \(names[mention.entity] ?? mention.entity) but is not one of its aliases; add it to entities.yaml if it means `\(mention.entity)`"))
            }
            dateMentions[source.id] = dates
        }
        (timeline, unplacedDates) = TimelineBuilder(sources: site.sources, claims: site.claims,
                                                    mentions: site.sources.flatMap { dateMentions[$0.id] ?? [] }).events()
        pairs = Self.pairs(site, parallel: parallel, cache: cache)
    }

    /// The passages each pair of sources shares: what two texts share depends on the two alone, so
    /// a pair whose sources did not change takes its passages from the cache, and only the
    /// others are worked out (together, so each text is read once).
    private static func passages(_ pairs: [TextReuseFinder.Pair], finder: TextReuseFinder, site: Site, parallel: Parallel,
                                 cache: StepCache) -> [[ReusedPassage]] {
        let keys = pairs.map { pair -> ContentDigest? in
            guard let first = site.sources[pair.first].inputDigest, let second = site.sources[pair.second].inputDigest else { return nil }
            var key = BinaryWriter()
            key.write(first)
            key.write(second)
            key.write(finder.minimumWords)
            return ContentDigest(key)
        }
        var found = parallel.map(keys) { key -> [ReusedPassage]? in cache.cached(key) }
        let missing = found.indices.filter { found[$0] == nil }
        for (index, passages) in zip(missing, finder.passages(missing.map { pairs[$0] })) {
            found[index] = passages
            cache.record(passages, for: keys[index])
        }
        return found.map { $0 ?? [] }
    }

    /// How many comparisons each source keeps, its closest partners: six for
    /// up to 100 sources, then fewer, down to one from 600 sources on, so the
    /// number of comparison pages grows with the sources, never with their square.
    public static func comparisonsPerSource(sourceCount: Int) -> Int {
        max(1, min(6, 600 / max(sourceCount, 1)))
    }

    /// The pairs of sources worth setting side by side: for each source, the
    /// `comparisonsPerSource` others it has most in common with (claims both
    /// report, plus two for sharing any passage word for word).
    /// Keeping a few per source keeps the number of pages linear in the
    /// number of sources; counting goes claim by claim, never pair by pair.
    /// `cache`: the passages two sources share, keyed by both sources' inputs.
    private static func pairs(_ site: Site, parallel: Parallel, cache: StepCache) -> [SourcePair] {
        typealias Pair = TextReuseFinder.Pair
        // Each source's runs are kept, keyed by its inputs: a rebuild tokenises only the texts that changed.
        let sources = site.sources
        let finder = TextReuseFinder(texts: sources.map(\.text.string), parallel: parallel) { index, make in
            let key = sources[index].cacheKey { $0.write("reuse runs"); $0.write(TextReuseFinder.minimumWords) }
            return cache.value(for: key) { RunHashes(make()) }.hashes
        }
        let index = Dictionary(sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var shared: [Pair: [String]] = [:]
        for claim in site.claims {
            let members = Set(claim.sourceIDs.compactMap { index[$0] }).sorted()
            for (offset, first) in members.enumerated() {
                for second in members[(offset + 1)...] { shared[Pair(first: first, second: second), default: []].append(claim.id) }
            }
        }
        // Each source keeps its `limit` best partners, best first: the higher score (sharing words
        // verbatim counts as two claims in common, however long the passage), then the lower
        // indices. The order is total, so the pairs kept do not depend on the order they come in.
        // Each pair is considered once, knowing whether it shares words.
        let limit = comparisonsPerSource(sourceCount: site.sources.count)
        typealias Candidate = (score: Int, pair: Pair, sharesWords: Bool)
        var best = [[Candidate]](repeating: [], count: site.sources.count)
        func isBetter(_ a: Candidate, than b: Candidate) -> Bool {
            (a.score, b.pair.first, b.pair.second) > (b.score, a.pair.first, a.pair.second)
        }
        func consider(_ candidate: Candidate) {
            for text in [candidate.pair.first, candidate.pair.second] {
                if best[text].count == limit, let last = best[text].last, !isBetter(candidate, than: last) { continue }
                let position = best[text].firstIndex { isBetter(candidate, than: $0) } ?? best[text].count
                best[text].insert(candidate, at: position)
                if best[text].count > limit { best[text].removeLast() }
            }
        }
        // Millions of pairs of English texts share some run of common words: they are taken as the
        // finder finds them, in order, never listed, and met with the pairs that share claims in the
        // same order.
        let sharedCodes = shared.keys.map { TextReuseFinder.code($0.first, $0.second) }.sorted()
        var sharesWords = [Bool](repeating: false, count: sharedCodes.count)
        var next = 0
        finder.forEachSharingPairCode { code in
            while next < sharedCodes.count, sharedCodes[next] < code { next += 1 }
            let pair = TextReuseFinder.pair(code)
            var claims = 0
            if next < sharedCodes.count, sharedCodes[next] == code {
                sharesWords[next] = true
                claims = shared[pair]?.count ?? 0
            }
            consider((score: claims + 2, pair: pair, sharesWords: true))
        }
        for (index, code) in sharedCodes.enumerated() where !sharesWords[index] {
            let pair = TextReuseFinder.pair(code)
            consider((score: shared[pair]?.count ?? 0, pair: pair, sharesWords: false))
        }
        let kept = Dictionary(best.joined().map { ($0.pair, $0.sharesWords) }, uniquingKeysWith: { first, _ in first })
        let sorted = kept.keys.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        let withReuse = sorted.filter { kept[$0] == true }
        let passages = Dictionary(uniqueKeysWithValues: zip(withReuse, Self.passages(withReuse, finder: finder, site: site, parallel: parallel, cache: cache)))
        return sorted.map { pair in
            SourcePair(first: site.sources[pair.first].id, second: site.sources[pair.second].id,
                       sharedClaims: shared[pair] ?? [], reused: passages[pair] ?? [])
        }
    }
}

/// A text's runs (`TextReuseFinder`), kept as their raw bytes: there is one for each word of the corpus.
struct RunHashes: BinaryCodable {
    var hashes: [UInt64]

    init(_ hashes: [UInt64]) { self.hashes = hashes }

    func encode(to writer: inout BinaryWriter) {
        hashes.map(\.littleEndian).withUnsafeBytes { writer.write(bytes: $0) }
    }

    init(from reader: inout BinaryReader) throws {
        let bytes = try reader.readBytes(try reader.readCount())
        guard bytes.count % 8 == 0 else { throw BinaryDecodingError() }
        // Read twice per build (once per pass of the index): copied straight in, not zero-filled first.
        hashes = [UInt64](unsafeUninitializedCapacity: bytes.count / 8) { target, count in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(target).copyMemory(from: $0) }
            for index in 0..<target.count { target[index] = UInt64(littleEndian: target[index]) }
            count = target.count
        }
    }
}

/// What the analysis finds in one source on its own: the entities it names and the
/// dates it gives. The analyse step's cached value.
struct SourceFindings: BinaryCodable {
    var mentions: [EntityMention]
    var dates: [DateMention]

    init(mentions: [EntityMention], dates: [DateMention]) {
        self.mentions = mentions
        self.dates = dates
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(mentions)
        writer.write(dates)
    }

    init(from reader: inout BinaryReader) throws {
        mentions = try reader.read()
        dates = try reader.read()
    }
}

extension EntityMention: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(entity)
        writer.write(source)
        writer.write(span)
        writer.write(spelling)
        writer.write(isKnownAlias)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(entity: try reader.read(), source: try reader.read(), span: try reader.read(), spelling: try reader.read(),
                  isKnownAlias: try reader.read())
    }
}

extension DateMention: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(span)
        writer.write(expression)
        writer.write(sentence)
        writer.write(date)
        writer.write(isRelative)
        writer.write(explanation)
        writer.write(doubt)
        writer.write(isDateline)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(source: try reader.read(), span: try reader.read(), expression: try reader.read(), sentence: try reader.read(),
                  date: try reader.read(), isRelative: try reader.read(), explanation: try reader.read(), doubt: try reader.read(),
                  isDateline: try reader.read())
    }
}

extension EventDate: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(year: try reader.read(), month: try reader.read(), day: try reader.read())
    }
}

extension ReusedPassage: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(first)
        writer.write(second)
        writer.write(wordCount)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(first: try reader.read(), second: try reader.read(), wordCount: try reader.read())
    }
}
