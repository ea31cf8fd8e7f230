/// What the most numerous pages are made from, as digests: a page's key can then hold the
/// digest of its inputs instead of the context they make, so a rebuild keeps such a page
/// without making its context at all (on a 10,000-article site, making and hashing the contexts
/// of the kept source and comparison pages was most of a rebuild's rendering).
///
/// Each function here must write everything its page's context reads, or a kept page would be
/// stale: a new name in `sourceContext`, `pairContext`, `claimContext` or `ClaimsExport` needs
/// its input here too, and a new field of `ResolvedClaim` a line in `write(resolved:)`.
/// `IncrementalBuildTests` edits each kind of input and holds the rebuild to a cold build.
enum PageInputs {
    /// Every entity's id, name, kind, description and aliases, in site order: what an entity
    /// list reads, and a claim page's claimant type (found by name or alias).
    static func entities(_ entities: [Entity]) -> ContentDigest {
        var writer = BinaryWriter()
        writer.writeCount(entities.count)
        for entity in entities {
            for field in [entity.id, entity.name, entity.kind.rawValue] { writer.write(field) }
            writer.write(entity.description)
            writer.write(entity.aliases)
        }
        return ContentDigest(writer)
    }

    /// Each claim's digest: everything it holds once resolved and matched (`write(resolved:)`),
    /// made once for the pages and files that show it.
    static func claimDigests(_ claims: [ResolvedClaim], parallel: Parallel) -> [String: ContentDigest] {
        let digests = parallel.map(claims) { claim -> (String, ContentDigest) in
            var writer = BinaryWriter(capacity: 4096)
            writer.write(resolved: claim)
            return (claim.id, ContentDigest(writer))
        }
        return Dictionary(digests, uniquingKeysWith: { first, _ in first })
    }

    /// The corrections log: every entry's number, date, text and claims.
    static func corrections(_ corrections: [Correction]) -> ContentDigest {
        var writer = BinaryWriter()
        writer.writeCount(corrections.count)
        for correction in corrections {
            writer.write(correction.number)
            writer.write(correction.date)
            writer.write(correction.text)
            writer.write(correction.claims)
        }
        return ContentDigest(writer)
    }
}

extension BinaryWriter {
    /// Everything a resolved claim holds: the claim as written, its number, its anchored quotes,
    /// each appearance with its match, diff and differences, and its sum check.
    mutating func write(resolved claim: ResolvedClaim) {
        write(claim.claim)
        write(claim.number)
        write(claim.reference)
        writeCount(claim.appearances.count)
        for appearance in claim.appearances {
            write(appearance.quote)
            write(appearance.match.rawValue)
            write(appearance.score)
            write(appearance.attributedTo)
            write(appearance.note)
            write(appearance.diff != nil)
            if let diff = appearance.diff {
                writeCount(diff.pieces.count)
                for piece in diff.pieces {
                    switch piece {
                    case .same(let text): write(unsigned: 0); write(text)
                    case .removed(let text): write(unsigned: 1); write(text)
                    case .added(let text): write(unsigned: 2); write(text)
                    }
                }
                write(differences: diff.differences)
            }
            write(differences: appearance.differences)
            write(appearance.isQuotation)
            write(appearance.isBase)
        }
        write(claim.sumCheck != nil)
        if let check = claim.sumCheck {
            writeCount(check.parts.count)
            for part in check.parts { write(part.claim); write(part.figure) }
            write(check.total)
            write(check.totalWording)
            write(check.sum)
            write(check.consistent)
            write(check.explanation)
        }
    }

    private mutating func write(differences: [Difference]) {
        writeCount(differences.count)
        for difference in differences {
            for field in [difference.kind.rawValue, difference.reference, difference.found] { write(field) }
        }
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

    /// A claim page's inputs (`claimContext`): the claim, the sources it names (their columns,
    /// titles and the ClaimReview's appearances), the corrections log, the site's `updated` date
    /// (the review date by default) and the entities (the claimant's schema.org type).
    func claimPageInputs(_ claim: ResolvedClaim, digests: [String: ContentDigest], entities: ContentDigest) -> ContentDigest? {
        guard let digest = digests[claim.id] else { return nil }
        var writer = BinaryWriter(capacity: 512)
        writer.write(digest)
        let named = claim.sourceIDs + claim.appearances.compactMap(\.attributedTo)
        writer.writeCount(named.count)
        for id in named {
            writer.write(id)
            // A name given in `attributed_to` is not a source: it stands as written.
            writer.write(sources[id] != nil)
            if let source = sources[id] {
                guard let inputs = source.inputDigest else { return nil }
                writer.write(inputs)
            }
        }
        writer.write(PageInputs.corrections(site.corrections))
        writer.write(site.config.updated)
        writer.write(entities)
        return ContentDigest(writer)
    }

    /// `claims.json`'s inputs (`ClaimsExport.document`): each source's fields, each claim, the review queue.
    func claimsExportInputs(digests: [String: ContentDigest]) -> ContentDigest? {
        var writer = BinaryWriter(capacity: site.sources.count * 64)
        writer.write(SiteRenderer.generator)
        writer.writeCount(site.sources.count)
        for source in site.sources {
            for field in [source.id, source.metadata.kind.rawValue, source.displayTitle] { writer.write(field) }
            for field in [source.title, source.metadata.publisher, source.metadata.date, source.metadata.url] { writer.write(field) }
        }
        writer.writeCount(site.claims.count)
        for claim in site.claims {
            guard let digest = digests[claim.id] else { return nil }
            writer.write(digest)
        }
        writer.writeCount(site.review.count)
        for item in site.review {
            for field in [item.kind.rawValue, item.source, item.text, item.reason] { writer.write(field) }
            writer.write(item.span)
        }
        return ContentDigest(writer)
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
