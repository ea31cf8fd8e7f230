import Foundation

/// The timeline, the people and organisations, and source-against-source pages.
extension SiteRenderer {
    func exploreFiles() -> [RenderedFile] {
        var files = timelineFiles(root: "../")
        files.append(page("entities/index.html", template: "entities", title: "Who’s who", extra: entityIndexContext(root: "../")))
        let claimsByEntity = self.claimsByEntity
        files += parallel.map(site.entities) { entity in
            page(Routes.file(Routes.entity(entity.id)), template: "entity", title: entity.name,
                 extra: ["entity": entityContext(entity, claims: claimsByEntity[entity.id] ?? ([], []), root: "../../")],
                 description: entity.description)
        }
        files += paginated(site.analysis.pairs, folder: "compare", template: "compare-index", title: "Source against source", key: "pairs",
                           extra: ["per_source": Analysis.comparisonsPerSource(sourceCount: site.sources.count),
                                  "other_sources_text": Counted.text(Analysis.comparisonsPerSource(sourceCount: site.sources.count), "other source")]) {
            pairSummary($0, root: "../")
        }
        let claimsBySource = self.claimsBySource
        let root = "../../../"
        // The claims only one source of a pair reports are listed on thousands of comparison pages:
        // each claim's item is rendered once, through its own template, and reused. Its context has
        // the page-wide names an item may use (`root`, `site`) besides the claim's own. It is made
        // the first time a rendered page lists it, by that page's worker (the others go on with
        // other claims): a rebuild that keeps every comparison page makes none.
        let siteContext = self.siteContext
        let claimItems = Dictionary(site.claims.map { claim in
            (claim.id, MadeOnce { [self] in
                var context = claimSummary(claim, root: root)
                context["root"] = root
                context["site"] = siteContext
                return templates.render("claim-item", context)
            })
        }, uniquingKeysWith: { first, _ in first })
        let claimDigests = self.claimDigests
        files += parallel.map(site.analysis.pairs) { pair -> RenderedFile? in
            guard let first = sources[pair.first], let second = sources[pair.second] else { return nil }
            return page("\(pair.path)index.html", template: "compare", title: "\(first.shortTitle) and \(second.shortTitle)",
                        inputs: comparePageInputs(pair, first, second, claimsBySource: claimsBySource, claimDigests: claimDigests)) {
                ["pair": pairContext(pair, first, second, claimsBySource: claimsBySource, claimItems: claimItems, root: root)]
            }
        }.compactMap { $0 }
        return files
    }

    /// Each source's claims, in claim order (the reference first where it is the source).
    var claimsBySource: [String: [ResolvedClaim]] {
        var result: [String: [ResolvedClaim]] = [:]
        for claim in site.claims {
            for source in Set(claim.sourceIDs) { result[source, default: []].append(claim) }
        }
        return result
    }

    // MARK: - Timeline

    /// How many sources or dated passages one timeline entry lists before saying how many more there are.
    static let timelineListLimit = 6

    /// The timeline: events grouped under their dates, in order, in pages of events.
    private func timelineFiles(root: String) -> [RenderedFile] {
        let events = site.analysis.timeline
        let unplaced = site.analysis.unplacedDates.prefix(Pagination.pageSize).map { dateMentionContext($0, root: root) }
        return parallel.map(Pagination.pages(count: events.count, folder: "timeline")) { part in
            var days: [[String: Any]] = []
            var current: (date: EventDate, events: [[String: Any]])?
            func close() {
                guard let day = current else { return }
                days.append(["date": day.date.label, "iso": day.date.iso, "events": day.events])
            }
            for event in events[part.range] {
                if current?.date != event.date { close(); current = (event.date, []) }
                current?.events.append(eventContext(event, root: root))
            }
            close()
            var context: [String: Any] = ["days": days, "pager": part.pager]
            if part.range.upperBound == events.count {
                context["unplaced"] = Array(unplaced)
                context["has_unplaced"] = !unplaced.isEmpty
            }
            return page(part.path, template: "timeline", title: Pagination.title("Timeline", part), extra: context)
        }
    }

    private func eventContext(_ event: TimelineEvent, root: String) -> [String: Any] {
        let limit = Self.timelineListLimit
        var context: [String: Any] = ["uncertain": event.isUncertain]
        context["claims"] = event.claims.compactMap { claimsByID[$0] }.map { claimSummary($0, root: root) }
        context["publications"] = event.publications.prefix(limit).compactMap { sources[$0] }.map { sourceSummary($0, root: root) }
        context["more_publications"] = Self.nonZero(event.publications.count - limit)
        context["mentions"] = event.mentions.prefix(limit).map { dateMentionContext($0, root: root) }
        context["more_mentions"] = Self.nonZero(event.mentions.count - limit)
        context["has_mentions"] = !event.mentions.isEmpty
        return context
    }

    private func dateMentionContext(_ mention: DateMention, root: String) -> [String: Any] {
        guard let source = sources[mention.source] else { return [:] }
        var context = excerpt(source, sentence: mention.sentence, highlight: mention.span, root: root)
        context["explanation"] = mention.explanation
        context["relative"] = mention.isRelative
        if let doubt = mention.doubt { context["doubt"] = doubt }
        return context
    }

    /// A sentence of a source with one stretch picked out, and a link to its paragraph.
    func excerpt(_ source: Source, sentence: TextSpan, highlight: TextSpan, root: String) -> [String: Any] {
        let text = source.text
        let block = text.blockIndex(at: highlight.start)
        let html = HighlightHTML.excerpt(before: text.substring(from: sentence.start, to: highlight.start),
                                        highlight: text.substring(from: highlight.start, to: highlight.end),
                                        after: text.substring(from: highlight.end, to: sentence.end))
        return ["excerpt_html": html, "source": source.shortTitle, "source_title": source.displayTitle,
                "href": root + Routes.paragraph(block, of: source.id)]
    }

    // MARK: - Entities

    /// Which claims each entity made (it is the speaker) and which are about it
    /// (its name is in the statement), found with the same aliases as the texts.
    var claimsByEntity: [String: (by: [ResolvedClaim], about: [ResolvedClaim])] {
        let finder = MentionFinder(entities: site.entities)
        var result: [String: (by: [ResolvedClaim], about: [ResolvedClaim])] = [:]
        for claim in site.claims {
            let speakers = Set(finder.mentions(in: claim.claim.speaker, source: "").map(\.entity))
            for id in speakers { result[id, default: ([], [])].by.append(claim) }
            for id in Set(finder.mentions(in: claim.claim.statement, source: "").map(\.entity)).subtracting(speakers).sorted() {
                result[id, default: ([], [])].about.append(claim)
            }
        }
        return result
    }

    private func entityIndexContext(root: String) -> [String: Any] {
        let groups: [[String: Any]] = Entity.Kind.allCases.compactMap { kind in
            let members = site.entities.filter { $0.kind == kind }
            guard !members.isEmpty else { return nil }
            return ["heading": kind.plural, "entities": members.map { entity -> [String: Any] in
                var summary = entitySummary(entity, root: root)
                let naming = mentionsByEntity[entity.id] ?? []
                summary["mention_count"] = naming.reduce(0) { $0 + $1.mentions.count }
                summary["source_count"] = naming.count
                summary["mentions_text"] = Counted.text(naming.reduce(0) { $0 + $1.mentions.count }, "mention")
                summary["sources_text"] = Counted.text(naming.count, "source")
                return summary
            }]
        }
        return ["groups": groups]
    }

    func entitySummary(_ entity: Entity, root: String) -> [String: Any] {
        var summary: [String: Any] = ["id": entity.id, "name": entity.name, "kind": entity.kind.rawValue, "href": root + Routes.entity(entity.id)]
        if let description = entity.description { summary["description"] = description }
        return summary
    }

    private func entityContext(_ entity: Entity, claims: (by: [ResolvedClaim], about: [ResolvedClaim]), root: String) -> [String: Any] {
        var context = entitySummary(entity, root: root)
        var spellings: [String: Int] = [:]
        let naming = mentionsByEntity[entity.id] ?? []
        for (_, found) in naming { for mention in found { spellings[mention.spelling, default: 0] += 1 } }
        // Excerpts only for the sources the page lists.
        let mentioning: [[String: Any]] = naming.prefix(Pagination.pageSize).map { source, found in
            let first = found[0]
            let sentence = source.text.sentences.first { $0.start <= first.span.start && first.span.end <= $0.end } ?? first.span
            var item = excerpt(source, sentence: sentence, highlight: first.span, root: root)
            item["count"] = found.count
            item["mentions_text"] = Counted.text(found.count, "mention")
            item["page"] = root + Routes.source(source.id)
            return item
        }
        context["spellings"] = spellings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            ["spelling": $0.key, "count": $0.value, "unknown": !entity.aliases.contains($0.key)] as [String: Any]
        }
        context["sources"] = mentioning
        context["more_sources"] = Self.nonZero(naming.count - Pagination.pageSize)
        context["has_sources"] = !naming.isEmpty
        context["claims_by"] = claims.by.map { claimSummary($0, root: root) }
        context["claims_about"] = claims.about.map { claimSummary($0, root: root) }
        context["has_claims_by"] = !claims.by.isEmpty
        context["has_claims_about"] = !claims.about.isEmpty
        return context
    }

    // MARK: - Source against source

    private func pairSummary(_ pair: SourcePair, root: String) -> [String: Any] {
        var summary: [String: Any] = ["href": "\(root)\(pair.path)", "first": sources[pair.first]?.displayTitle ?? pair.first,
                                      "second": sources[pair.second]?.displayTitle ?? pair.second, "shared_count": pair.sharedClaims.count]
        summary["reused_count"] = Self.nonZero(pair.reused.count)
        summary["shared_text"] = Counted.text(pair.sharedClaims.count, "shared claim")
        summary["reused_text"] = Counted.text(pair.reused.count, "passage")
        return summary
    }

    /// The source's own wording of a claim: the reference if it is the source, else its first appearance.
    private func quote(of claim: ResolvedClaim, in source: String) -> AnchoredQuote? {
        if let reference = claim.reference, reference.source == source { return reference }
        return claim.appearances.first { $0.quote.source == source }?.quote
    }

    private func pairContext(_ pair: SourcePair, _ first: Source, _ second: Source,
                             claimsBySource: [String: [ResolvedClaim]], claimItems: [String: MadeOnce<String>], root: String) -> [String: Any] {
        var context: [String: Any] = ["first": sourceSummary(first, root: root), "second": sourceSummary(second, root: root),
                                      "first_short": first.shortTitle, "second_short": second.shortTitle]
        context["shared"] = pair.sharedClaims.compactMap { claimsByID[$0] }.compactMap { claim -> [String: Any]? in
            guard let a = quote(of: claim, in: first.id), let b = quote(of: claim, in: second.id) else { return nil }
            let diff = WordDiff(reference: a.text, found: b.text)
            var row = claimSummary(claim, root: root)
            row["first_pieces_html"] = HighlightHTML.wordDiff(diff.pieces.filter { if case .added = $0 { return false } else { return true } })
            row["second_pieces_html"] = HighlightHTML.wordDiff(diff.pieces.filter { if case .removed = $0 { return false } else { return true } })
            row["first_href"] = root + Routes.quote(of: claim.id, in: first.id)
            row["second_href"] = root + Routes.quote(of: claim.id, in: second.id)
            row["differences"] = diff.differences.map { describe($0).mustache }
            row["identical"] = diff.isIdentical
            return row
        }
        context["has_shared"] = !pair.sharedClaims.isEmpty
        let shared = Set(pair.sharedClaims)
        let firstOnly = (claimsBySource[first.id] ?? []).filter { !shared.contains($0.id) }
        let secondOnly = (claimsBySource[second.id] ?? []).filter { !shared.contains($0.id) }
        context["first_only_html"] = firstOnly.map { claimItems[$0.id]?.value ?? "" }.joined()
        context["second_only_html"] = secondOnly.map { claimItems[$0.id]?.value ?? "" }.joined()
        context["has_first_only"] = !firstOnly.isEmpty
        context["has_second_only"] = !secondOnly.isEmpty
        context["reused"] = pair.reused.map { passage -> [String: Any] in
            var item = excerpt(first, sentence: passage.first, highlight: passage.first, root: root)
            item["words"] = passage.wordCount
            item["first_href"] = item["href"]
            item["second_href"] = root + Routes.paragraph(second.text.blockIndex(at: passage.second.start), of: second.id)
            return item
        }
        context["has_reused"] = !pair.reused.isEmpty
        context["minimum_words"] = TextReuseFinder.minimumWords
        return context
    }

    /// The comparisons a source takes part in, for its page.
    func comparisons(of source: Source, root: String) -> [[String: Any]] {
        (pairsBySource[source.id] ?? []).map { pair in
            let other = pair.first == source.id ? pair.second : pair.first
            var summary = pairSummary(pair, root: root)
            summary["other"] = sources[other]?.displayTitle ?? other
            return summary
        }
    }

    /// The entities a source names, with how often.
    func entitiesNamed(in source: Source, root: String) -> [[String: Any]] {
        var counts: [String: Int] = [:]
        for mention in site.analysis.mentions[source.id] ?? [] { counts[mention.entity, default: 0] += 1 }
        guard !counts.isEmpty else { return [] }
        // In the entities' order; counted once, not once for each of hundreds of entities.
        return site.entities.indices.compactMap { index in
            guard let count = counts[site.entities[index].id] else { return nil }
            var summary = entitySummary(site.entities[index], root: root)
            summary["count"] = count
            summary["mentions_text"] = Counted.text(count, "mention")
            return summary
        }
    }
}
