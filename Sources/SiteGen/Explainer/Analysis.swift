/// Two sources side by side: the claims both report and the words they share.
public struct SourcePair: Sendable {
    public var first: String
    public var second: String
    public var sharedClaims: [String]
    public var reused: [ReusedPassage]

    /// `compare/<first>/<second>/`, with the ids in site order.
    public var path: String { "compare/\(first)/\(second)/" }
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

    init(site: Site, parallel: Parallel = Parallel()) {
        let finder = MentionFinder(entities: site.entities)
        let names = Dictionary(site.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Each source on its own core; results gathered in site order.
        let perSource = parallel.map(site.sources) { source in
            (finder.mentions(in: source.text.string, source: source.id), DateFinder(source: source).mentions())
        }
        for (source, (found, dates)) in zip(site.sources, perSource) {
            mentions[source.id] = found
            for mention in found where !mention.isKnownAlias {
                warnings.append(.warning(source.path, source.text.filePosition(of: mention.span.start),
                                         "“\(mention.spelling)” looks like \(names[mention.entity] ?? mention.entity) but is not one of its aliases; add it to entities.yaml if it means `\(mention.entity)`"))
            }
            dateMentions[source.id] = dates
        }
        (timeline, unplacedDates) = TimelineBuilder(sources: site.sources, claims: site.claims,
                                                    mentions: site.sources.flatMap { dateMentions[$0.id] ?? [] }).events()
        pairs = Self.pairs(site, parallel: parallel)
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
    private static func pairs(_ site: Site, parallel: Parallel) -> [SourcePair] {
        let finder = TextReuseFinder(texts: site.sources.map(\.text.string), parallel: parallel)
        let reuse = finder.sharedRuns()
        let index = Dictionary(site.sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var shared: [TextReuseFinder.Pair: [String]] = [:]
        for claim in site.claims {
            let members = Set(claim.sourceIDs.compactMap { index[$0] }).sorted()
            for (offset, first) in members.enumerated() {
                for second in members[(offset + 1)...] { shared[TextReuseFinder.Pair(first: first, second: second), default: []].append(claim.id) }
            }
        }
        // Sharing words verbatim counts as two claims in common, however long the passage.
        func score(_ pair: TextReuseFinder.Pair) -> Int { (shared[pair]?.count ?? 0) + (reuse[pair] == nil ? 0 : 2) }
        var partners: [Int: [TextReuseFinder.Pair]] = [:]
        for pair in Set(shared.keys).union(reuse.keys) {
            partners[pair.first, default: []].append(pair)
            partners[pair.second, default: []].append(pair)
        }
        var kept = Set<TextReuseFinder.Pair>()
        let limit = comparisonsPerSource(sourceCount: site.sources.count)
        for (_, candidates) in partners {
            // Each pair scored once, not at every comparison of the sort: two look-ups a comparison
            // were nine tenths of the analysis at 1,000 articles.
            let best = candidates.map { (pair: $0, score: score($0)) }
                .sorted { ($0.score, $1.pair.first, $1.pair.second) > ($1.score, $0.pair.first, $0.pair.second) }
            kept.formUnion(best.prefix(limit).map(\.pair))
        }
        let sorted = kept.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        let withReuse = sorted.filter { reuse[$0] != nil }
        let passages = Dictionary(uniqueKeysWithValues: zip(withReuse, finder.passages(withReuse)))
        return sorted.map { pair in
            SourcePair(first: site.sources[pair.first].id, second: site.sources[pair.second].id,
                       sharedClaims: shared[pair] ?? [], reused: passages[pair] ?? [])
        }
    }
}
