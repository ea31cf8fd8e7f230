/// What the most numerous pages are made from, as digests: a page's key can then hold the
/// digest of its inputs instead of the context they make, so a rebuild keeps such a page
/// without making its context at all (on a 10,000-article site, making and hashing the contexts
/// of the kept source and comparison pages was most of a rebuild's rendering).
///
/// Each function here must write everything its page's context reads, or a kept page would be
/// stale: a new name in `sourceContext` or `pairContext` needs its input here too.
/// `PageInputTests` edits each kind of input and holds the rebuild to a cold build.
enum PageInputs {
    /// Every entity's id, name, kind and description, in site order: what an entity list reads.
    static func entities(_ entities: [Entity]) -> ContentDigest {
        var writer = BinaryWriter()
        writer.writeCount(entities.count)
        for entity in entities {
            for field in [entity.id, entity.name, entity.kind.rawValue] { writer.write(field) }
            writer.write(entity.description)
        }
        return ContentDigest(writer)
    }
}

extension SiteRenderer {
    /// A source page's inputs (`sourceContext`): the source's own (its files pin its text and
    /// metadata), the comparisons it is in with the titles they show, and how often it names each
    /// entity. Nil for a source not loaded from files: its page is keyed by its context.
    func sourcePageInputs(_ source: Source, entities: ContentDigest) -> ContentDigest? {
        guard let digest = source.inputDigest else { return nil }
        var writer = BinaryWriter(capacity: 512)
        writer.write(digest)
        let pairs = pairsBySource[source.id] ?? []
        writer.writeCount(pairs.count)
        for pair in pairs {
            for id in [pair.first, pair.second] { writer.write(id); writer.write(sources[id]?.displayTitle ?? id) }
            writer.write(pair.sharedClaims.count)
            writer.write(pair.reused.count)
        }
        writer.write(entities)
        var counts: [String: Int] = [:]
        for mention in site.analysis.mentions[source.id] ?? [] { counts[mention.entity, default: 0] += 1 }
        writer.writeCount(counts.count)
        for (entity, count) in counts.sorted(by: { $0.key < $1.key }) { writer.write(entity); writer.write(count) }
        return ContentDigest(writer)
    }

    /// Each claim's digest for the pages that list it (`comparePageInputs`): its summary as the
    /// page at `root` shows it, and every quote of it, which those pages compare.
    func claimListingDigests(root: String) -> [String: ContentDigest] {
        let digests = parallel.map(site.claims) { claim -> (String, ContentDigest) in
            var writer = BinaryWriter(capacity: 1024)
            writer.write(mustacheContext: claimSummary(claim, root: root))
            writer.write(claim.reference)
            writer.write(claim.appearances.map(\.quote))
            return (claim.id, ContentDigest(writer))
        }
        return Dictionary(digests, uniquingKeysWith: { first, _ in first })
    }

    /// A comparison page's inputs (`pairContext`): the pair, its two sources, and every claim
    /// either source has (the shared ones are compared, the others listed through `claim-item`).
    func comparePageInputs(_ pair: SourcePair, _ first: Source, _ second: Source, claimsBySource: [String: [ResolvedClaim]],
                           claimDigests: [String: ContentDigest]) -> ContentDigest? {
        guard let firstDigest = first.inputDigest, let secondDigest = second.inputDigest else { return nil }
        var writer = BinaryWriter(capacity: 1024)
        writer.write(firstDigest)
        writer.write(secondDigest)
        writer.write(pair.sharedClaims)
        writer.write(pair.reused)
        writer.write(templates.fingerprint(of: "claim-item"))
        for id in [first.id, second.id] {
            let claims = claimsBySource[id] ?? []
            writer.writeCount(claims.count)
            for claim in claims {
                writer.write(claim.id)
                guard let digest = claimDigests[claim.id] else { return nil }
                writer.write(digest)
            }
        }
        return ContentDigest(writer)
    }
}
