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

    init(site: Site) {
        let finder = MentionFinder(entities: site.entities)
        let names = Dictionary(site.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for source in site.sources {
            let found = finder.mentions(in: source.text.string, source: source.id)
            mentions[source.id] = found
            for mention in found where !mention.isKnownAlias {
                warnings.append(.warning(source.path, source.text.filePosition(of: mention.span.start),
                                         "“\(mention.spelling)” looks like \(names[mention.entity] ?? mention.entity) but is not one of its aliases; add it to entities.yaml if it means `\(mention.entity)`"))
            }
            dateMentions[source.id] = DateFinder(source: source).mentions()
        }
        (timeline, unplacedDates) = TimelineBuilder(sources: site.sources, claims: site.claims,
                                                    mentions: site.sources.flatMap { dateMentions[$0.id] ?? [] }).events()
        pairs = Self.pairs(site)
    }

    /// Every pair of sources that shares a claim or a verbatim passage.
    private static func pairs(_ site: Site) -> [SourcePair] {
        let reuse = TextReuseFinder(texts: site.sources.map(\.text.string)).allPairs()
        var claimsBySource: [String: [String]] = [:]
        for claim in site.claims {
            for source in Set(claim.sourceIDs) { claimsBySource[source, default: []].append(claim.id) }
        }
        var pairs: [SourcePair] = []
        for (i, first) in site.sources.enumerated() {
            let firstClaims = Set(claimsBySource[first.id] ?? [])
            for j in (i + 1)..<max(i + 1, site.sources.count) {
                let second = site.sources[j]
                let shared = (claimsBySource[second.id] ?? []).filter(firstClaims.contains)
                let reused = reuse[TextReuseFinder.Pair(first: i, second: j)] ?? []
                if !shared.isEmpty || !reused.isEmpty {
                    pairs.append(SourcePair(first: first.id, second: second.id, sharedClaims: shared, reused: reused))
                }
            }
        }
        return pairs
    }
}
