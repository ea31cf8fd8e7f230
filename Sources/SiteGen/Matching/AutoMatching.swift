/// The match step: sources that no claim cites (new articles) are matched
/// against the claims model. Their matches become `auto` appearances,
/// compared with the reference exactly as curated ones are; the figures and
/// quotations left over go to the review queue.
struct AutoMatching {
    let matcher: ClaimMatcher

    init(site: Site) {
        matcher = ClaimMatcher(claims: site.claims, entities: site.entities)
    }

    /// Sources that no claim cites, by reference or by appearance. A curated
    /// appearance always wins: a source a curator has worked on is not matched.
    static func unlisted(_ site: Site) -> [Source] {
        let listed = Set(site.claims.flatMap(\.sourceIDs))
        return site.sources.filter { !listed.contains($0.id) }
    }

    func apply(to site: inout Site, resolver: ClaimResolver) {
        let index = Dictionary(site.claims.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unlisted = Self.unlisted(site)
        let results = Parallel.map(unlisted) { matcher.match($0) }
        for (source, (matches, candidates, suggestions)) in zip(unlisted, results) {
            let text = FoldedText(source.text.string)
            for match in matches {
                guard let position = index[match.claim] else { continue }
                let claim = site.claims[position]
                let quote = ClaimResolver.quote(match.span, in: text, source: source.id)
                site.claims[position].appearances.append(resolver.compare(quote, with: claim.reference, claim: claim.claim, attributedTo: nil,
                                                                          note: nil, match: .auto, score: match.score))
            }
            for candidate in candidates where !matches.contains(where: { $0.span.start < candidate.span.end && $0.span.end > candidate.span.start }) {
                var reason = candidate.kind == .figure ? "unmatched figure" : "unmatched quotation"
                if let suggestion = suggestions["\(candidate.span.start)"] {
                    reason += "; closest claim `\(suggestion.claim)` scored \(Self.format(suggestion.score)), below the threshold"
                }
                site.review.append(ReviewItem(kind: candidate.kind, source: source.id, span: candidate.span, text: candidate.text, reason: reason,
                                              position: source.text.filePosition(of: candidate.span.start)))
            }
        }
    }

    static func format(_ score: Double) -> String { String(Int((score * 100).rounded())) + "%" }
}
