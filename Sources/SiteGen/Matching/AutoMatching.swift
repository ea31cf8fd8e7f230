/// The match step: every source is matched against the claims model. Matches
/// become `auto` appearances, compared with the reference exactly as curated
/// ones are. A curated appearance always wins: a claim is not matched again in
/// a source a curator listed for it, no automatic match takes a passage a
/// curator assigned, and a claim's `not_in` keeps it out of the sources named
/// there. The figures and quotations of sources that no claim cites, left over
/// after matching, go to the review queue.
struct AutoMatching {
    let matcher: ClaimMatcher
    let parallel: Parallel

    /// `cache` keeps what matching each source read and found in an earlier build (`ClaimMatcher`),
    /// under the digest of everything it read.
    init(site: Site, parallel: Parallel = Parallel(), cache: StepCache = .none) {
        matcher = ClaimMatcher(claims: site.claims, entities: site.entities, sources: site.sources, parallel: parallel, cache: cache)
        self.parallel = parallel
    }

    /// Sources that no claim cites, by reference or by appearance: new articles, whose leftovers are queued for review.
    static func unlistedIDs(_ site: Site) -> Set<String> {
        let listed = Set(site.claims.flatMap(\.sourceIDs))
        return Set(site.sources.lazy.map(\.id).filter { !listed.contains($0) })
    }

    /// The passages curators assigned, by source.
    static func curatedPassages(_ claims: [ResolvedClaim]) -> [String: [CuratedPassage]] {
        var passages: [String: [CuratedPassage]] = [:]
        for claim in claims {
            let quotes = (claim.reference.map { [$0] } ?? []) + claim.appearances.filter { $0.match == .curated }.map(\.quote)
            for quote in quotes { passages[quote.source, default: []].append(CuratedPassage(claim: claim.id, span: quote.span)) }
        }
        return passages
    }

    func apply(to site: inout Site) {
        let index = Dictionary(site.claims.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let curated = Self.curatedPassages(site.claims)
        var rejected: [String: Set<String>] = [:]
        for claim in site.claims { for source in claim.claim.notIn { rejected[source.id, default: []].insert(claim.id) } }
        let unlisted = Self.unlistedIDs(site)
        let (sources, claims) = (site.sources, site.claims)
        let sourcesByID = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Each claim's reference read once for the paraphrases matched to it, in any source.
        let wordings = parallel.map(claims) { $0.comparisonBase.map { ContentComparison.Wording($0.text) } }
        // Each source's matches, compared with their claims' references on every core.
        let results = parallel.map(sources) { source in
            let result = matcher.match(source, curated: curated[source.id] ?? [], rejected: rejected[source.id] ?? [])
            guard !result.matches.isEmpty else { return (result, [(Int, ResolvedAppearance)]()) }
            let text = source.text.string.scalarArray
            let appearances = result.matches.compactMap { match -> (Int, ResolvedAppearance)? in
                guard let position = index[match.claim] else { return nil }
                let quote = ClaimResolver.quote(match.span, in: text, source: source.id)
                return (position, ClaimResolver.compare(quote, with: claims[position].comparisonBase, claim: claims[position].claim, attributedTo: nil,
                                                        note: nil, match: .auto, score: match.score, sources: sourcesByID,
                                                        referenceWording: { wordings[position] }))
            }
            return (result, appearances)
        }
        for (source, (result, appearances)) in zip(sources, results) {
            for (position, appearance) in appearances { site.claims[position].appearances.append(appearance) }
            guard unlisted.contains(source.id) else { continue }
            for candidate in result.candidates
            where !result.matches.contains(where: { $0.span.start < candidate.span.end && $0.span.end > candidate.span.start }) {
                var reason = candidate.kind == .figure ? "unmatched figure" : "unmatched quotation"
                if let suggestion = result.suggestions[candidate.span.start] {
                    reason += "; closest claim `\(suggestion.claim)` scored \(Self.format(suggestion.score)), below the threshold"
                }
                site.review.append(ReviewItem(kind: candidate.kind, source: source.id, span: candidate.span, text: candidate.text, reason: reason,
                                              position: source.text.filePosition(of: candidate.span.start)))
            }
        }
    }

    static func format(_ score: Double) -> String { String(Int((score * 100).rounded())) + "%" }
}
