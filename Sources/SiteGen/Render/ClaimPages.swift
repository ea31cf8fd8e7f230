import Foundation

/// The claim pages, the claims index, the coverage matrix and `claims.json`.
extension SiteRenderer {
    func claimFiles() -> [RenderedFile] {
        var files: [RenderedFile] = []
        files += paginated(site.claims, folder: "claims", template: "claims", title: "Claims", key: "claims") {
            claimSummary($0, root: "../")
        }
        let entities = PageInputs.entities(site.entities)
        files += parallel.map(site.claims) { claim in
            page(Routes.file(Routes.claim(claim.id)), template: "claim", title: "Claim \(claim.number): \(claim.claim.statement)",
                 inputs: claimPageInputs(claim, digests: claimDigests, entities: entities)) { ["claim": claimContext(claim)] }
        }
        files.append(page("coverage/index.html", template: "coverage", title: "Coverage", extra: coverageContext()))
        files.append(page("corrections/index.html", template: "corrections", title: "Corrections", extra: correctionsContext()))
        if site.config.publishReview { files += reviewFiles() }
        files.append(claimsExport())
        return files
    }

    /// `claims.json`, kept from the previous build when its inputs are the same: encoding it is
    /// the one long serial piece of a rebuild's rendering.
    private func claimsExport() -> RenderedFile {
        let path = "claims.json"
        let key = claimsExportInputs(digests: claimDigests).map { "inputs:" + $0.hex }
        if let key, let cache, cache.canReuse(path, key: key) { return RenderedFile(unchanged: path, key: key) }
        var file = RenderedFile(path: path, data: ClaimsExport(site: site).json(parallel: parallel))
        if let key { file.key = key }
        return file
    }

    func claimSummary(_ claim: ResolvedClaim, root: String) -> [String: Any] {
        var summary: [String: Any] = ["number": claim.number, "id": claim.id, "statement": claim.claim.statement, "href": root + Routes.claim(claim.id),
         "kind": claim.claim.kind.rawValue, "speaker": claim.claim.speaker,
         "attribution": claim.claim.attribution.rawValue, "attribution_label": claim.claim.attribution.label,
         "source_count": Set(claim.sourceIDs).count]
        if let verdict = claim.claim.verdict {
            summary["verdict"] = verdict.rawValue
            summary["verdict_label"] = verdict.label
        }
        let differences = claim.appearances.reduce(0) { $0 + $1.differences.count }
        summary["difference_count"] = Self.nonZero(differences)
        summary["sources_text"] = Counted.text(Set(claim.sourceIDs).count, "source")
        summary["differences_text"] = Counted.text(differences, "difference")
        return summary
    }

    private func claimContext(_ claim: ResolvedClaim) -> [String: Any] {
        var context = claimSummary(claim, root: "../../")
        if let notes = claim.claim.notesHTML { context["notes_html"] = notes }
        var columns: [WordingColumn] = []
        if let reference = claim.reference, let source = sources[reference.source] {
            let column = quoteColumn(reference, source: source, claim: claim, piecesHTML: HTMLText.escape(reference.text))
            context["reference"] = column.mustache
            columns.append(column)
        }
        for appearance in claim.appearances {
            guard let source = sources[appearance.quote.source] else { continue }
            // A paraphrase is compared on what it claims, so its words carry no marks.
            let pieces = appearance.isQuotation ? HighlightHTML.wordDiff(appearance.diff?.pieces ?? [.same(appearance.quote.text)])
                : HTMLText.escape(appearance.quote.text)
            var column = quoteColumn(appearance.quote, source: source, claim: claim, piecesHTML: pieces)
            column.comparison = WordingColumn.Comparison(
                differences: appearance.differences.map(describe), identical: appearance.isIdentical, isBase: appearance.isBase,
                paraphrase: !appearance.isQuotation && !appearance.isBase, match: appearance.match.rawValue,
                score: appearance.match == .auto ? AutoMatching.format(appearance.score) : nil,
                attributedTo: appearance.attributedTo.map { sources[$0]?.displayTitle ?? $0 }, note: appearance.note)
            columns.append(column)
        }
        // The coverage matrix links to `#src-<id>`: the first column of each source.
        var seen = Set<String>()
        for index in columns.indices where seen.insert(columns[index].source.id).inserted {
            columns[index].anchorID = Routes.columnAnchor(columns[index].source.id)
        }
        if let base = claim.appearances.first(where: \.isBase), let source = sources[base.quote.source] {
            context["base_title"] = source.displayTitle
        }
        // The built-in theme takes the columns as HTML; `columns` is made only for a theme that reads it.
        context["columns_html"] = WordingColumnsHTML.html(columns, hasReference: context["reference"] != nil)
        context["columns"] = LazyContextValue { [columns] in columns.map(\.mustache) }
        context["has_comparison"] = columns.count >= 2
        if let check = claim.sumCheck {
            context["sum_check"] = ["explanation": check.explanation, "consistent": check.consistent,
                                    "parts": check.parts.map { ["href": "../\($0.claim)/", "figure": $0.figure.text, "id": $0.claim] }]
        }
        if let notDisputed = claim.claim.notDisputed { context["not_disputed"] = notDisputed }
        if let summary = claim.claim.summary { context["summary"] = summary }
        let dates = ClaimDates(claim: claim.claim, site: site)
        context["reviewed"] = dates.reviewed
        context["updated"] = dates.updated
        let corrections = site.corrections.filter { $0.claims.contains(claim.id) }
        context["corrections"] = corrections.map { ["date": $0.date, "text": $0.text] }
        context["has_corrections"] = !corrections.isEmpty
        let scope = CheckScope(claim: claim, sources: sources)
        context["checked"] = scope.checked
        context["has_checked"] = !scope.checked.isEmpty
        context["not_checked"] = scope.notChecked
        context["has_not_checked"] = !scope.notChecked.isEmpty
        context["jsonld"] = ClaimReviewLD(site: site, claim: claim, sources: sources, dates: dates).script()
        return context
    }

    private func quoteColumn(_ quote: AnchoredQuote, source: Source, claim: ResolvedClaim, piecesHTML: String) -> WordingColumn {
        WordingColumn(source: source, root: "../../", anchorHref: "../../" + Routes.quote(of: claim.id, in: source.id),
                      before: quote.before, after: quote.after, quote: quote.text, piecesHTML: piecesHTML)
    }

    func describe(_ difference: Difference) -> DescribedDifference {
        let text: String
        switch difference.kind {
        case .figure where difference.reference.isEmpty: text = "Gives the figure “\(difference.found)”, which the wording compared with does not."
        case .figure where difference.found.isEmpty: text = "Leaves out the figure “\(difference.reference)”."
        case .figure: text = "The figure “\(difference.reference)” is given as “\(difference.found)”."
        case .qualifier:
            if difference.reference.isEmpty { text = "Adds the hedge “\(difference.found)”." }
            else if difference.found.isEmpty { text = "Drops the hedge “\(difference.reference)”." }
            else { text = "The hedge “\(difference.reference)” becomes “\(difference.found)”." }
        case .wording: text = "“\(difference.reference)” becomes “\(difference.found)”."
        case .spelling: text = "“\(difference.reference)” is spelled “\(difference.found)”."
        case .attribution: text = "Credits the words to \(difference.found); they are found in \(difference.reference)."
        case .omission: text = "Leaves out “\(difference.reference)”."
        case .addition: text = "Adds “\(difference.found)”."
        case .meaning: text = "Turns the sense around: “\(difference.reference)” becomes “\(difference.found)”."
        case .punctuation: text = "Other punctuation: “\(difference.reference)” is printed “\(difference.found)”."
        }
        return DescribedDifference(kind: difference.kind.rawValue, text: text)
    }

    private func correctionsContext() -> [String: Any] {
        // Numbered in file order, so an entry keeps its number (and its address) as the log grows.
        let entries: [[String: Any]] = site.corrections.map { correction in
            ["number": correction.number, "date": correction.date, "text": correction.text, "has_claims": !correction.claims.isEmpty,
             "claims": correction.claims.compactMap { claimsByID[$0] }.map { ["href": "../" + Routes.claim($0.id), "number": $0.number, "statement": $0.claim.statement] }]
        }
        return ["corrections": entries, "has_corrections": !entries.isEmpty]
    }

    /// The review queue, in pages of items grouped by source in site order.
    private func reviewFiles() -> [RenderedFile] {
        parallel.map(Pagination.pages(count: site.review.count, folder: "review")) { part in
            var groups: [[String: Any]] = []
            for item in site.review[part.range] {
                guard let source = sources[item.source] else { continue }
                let block = source.text.blockIndex(at: item.span.start)
                let entry: [String: Any] = ["text": item.text, "reason": item.reason, "kind": item.kind.rawValue,
                                            "href": "../" + Routes.paragraph(block, of: source.id)]
                if groups.last?["id"] as? String == source.id {
                    groups[groups.count - 1]["items"] = (groups[groups.count - 1]["items"] as! [[String: Any]]) + [entry]
                } else {
                    groups.append(["id": source.id, "title": source.displayTitle, "href": "../" + Routes.source(source.id), "items": [entry]])
                }
            }
            return page(part.path, template: "review", title: Pagination.title("Review queue", part),
                        extra: ["groups": groups, "has_items": !groups.isEmpty, "pager": part.pager, "count": site.review.count,
                               "items_text": Counted.text(site.review.count, "item")])
        }
    }

    /// Up to this many sources the coverage page is a full claims × sources
    /// table; beyond, a table of counts per claim, so it grows with the claims only.
    static let coverageMatrixLimit = 60

    private func coverageContext() -> [String: Any] {
        guard site.sources.count <= Self.coverageMatrixLimit else { return coverageSummary() }
        return coverageMatrix()
    }

    private func coverageSummary() -> [String: Any] {
        let rows: [[String: Any]] = site.claims.map { claim in
            var row = claimSummary(claim, root: "../")
            let appearances = claim.appearances
            // Counted by source with the marks of the full table: only identical words are "same".
            let marks = Dictionary(grouping: appearances, by: \.quote.source).values.map(CoverageMark.init)
            row["same"] = marks.filter { $0 == .same }.count
            row["paraphrase"] = marks.filter { $0 == .paraphrase }.count
            row["differs"] = marks.filter { $0 == .differs }.count
            row["auto"] = appearances.filter { $0.match == .auto }.count
            row["has_reference"] = claim.reference != nil
            return row
        }
        return ["summary": true, "rows": rows, "source_count": site.sources.count, "limit": Self.coverageMatrixLimit]
    }

    private func coverageMatrix() -> [String: Any] {
        let columns = site.sources.map { ["id": $0.id, "short_title": $0.shortTitle, "href": "../" + Routes.source($0.id), "title": $0.displayTitle] }
        let rows: [[String: Any]] = site.claims.map { claim in
            var row = claimSummary(claim, root: "../")
            row["cells"] = site.sources.map { source -> [String: Any] in
                let href = "../" + Routes.column(of: source.id, on: claim.id)
                if claim.reference?.source == source.id {
                    return ["reference": true, "href": href, "label": "Reference wording", "source": source.shortTitle]
                }
                let found = claim.appearances.filter { $0.quote.source == source.id }
                guard !found.isEmpty else { return ["none": true, "label": "Not reported", "source": source.shortTitle] }
                let count = found.reduce(0) { $0 + $1.differences.count }
                // A match the tool made, not a curator, says so, with its score.
                let auto = found.first { $0.match == .auto }.map { " · matched automatically, score \(AutoMatching.format($0.score))" } ?? ""
                var cell: [String: Any] = ["href": href, "source": source.shortTitle, "auto": !auto.isEmpty]
                let mark = CoverageMark(found)
                cell[mark.rawValue] = true
                cell["count"] = count
                cell["label"] = mark.label(count: count) + auto
                return cell
            }
            return row
        }
        // The legend explains the marks this table uses, and no others.
        let used = Set(rows.flatMap { ($0["cells"] as? [[String: Any]]) ?? [] }.flatMap { $0.keys })
        let legend = CoverageMark.allCases.filter { used.contains($0.rawValue) }.map { ["mark": $0.symbol, "text": $0.meaning] }
        return ["columns": columns, "rows": rows, "legend": legend, "has_auto": rows.contains { row in
            ((row["cells"] as? [[String: Any]]) ?? []).contains { $0["auto"] as? Bool == true } }]
    }
}

/// When the desk reviewed a claim and when its page last changed: the claim's own dates, else
/// the site's `updated` for the review and the newest correction that touched it for the update.
struct ClaimDates {
    var reviewed: String?
    var updated: String?

    init(claim: Claim, site: Site) {
        reviewed = claim.reviewed ?? site.config.updated
        let corrected = site.corrections.filter { $0.claims.contains(claim.id) }.map(\.date).max()
        let changed = [claim.updated, corrected].compactMap { $0 }.max()
        // An update on or before the review is the review itself.
        updated = changed.flatMap { date in reviewed.map { date > $0 } ?? true ? date : nil }
    }
}

/// "What we checked, and what we could not check", read from the claim's own data: which
/// sources it was compared against, its two axes, and the desk's `not_checked`.
struct CheckScope {
    var checked: [String] = []
    var notChecked: [String] = []

    init(claim: ResolvedClaim, sources: [String: Source]) {
        let speaker = claim.claim.speaker
        let count = Set(claim.sourceIDs).count
        switch claim.claim.attribution {
        case .verified:
            let title = claim.reference.flatMap { sources[$0.source]?.displayTitle } ?? "their own document"
            checked.append("That \(speaker) used these words: they are in \(title).")
        case .attributed:
            notChecked.append("That \(speaker) used these words: no record of them by \(speaker) is held here; only reports credit them.")
        case .reported:
            notChecked.append("Where it comes from: the reports state it in their own voice, not as anyone's words.")
        case .unverifiable:
            notChecked.append("That \(speaker) used these words: the record the reports point to is not held here, or does not contain them.")
        }
        if count > 1 {
            let against = claim.reference != nil ? "the reference wording" : "the earliest report"
            let others = count - 1
            checked.append("How \(others == 1 ? "the other source words" : "the \(others) other sources word") it, against \(against).")
        }
        if claim.sumCheck != nil { checked.append("Whether the parts add up to the total.") }
        if let verdict = claim.claim.verdict {
            checked.append("Whether it is true, as far as the sources held here allow: \(verdict.label.lowercased()).")
            if verdict == .unproven { notChecked.append("The evidence behind it: it is not among the sources, and no independent source here tests it.") }
        } else {
            notChecked.append("Whether it is true: the desk has not rated it.")
        }
        if let more = claim.claim.notChecked { notChecked.append(more) }
    }
}

/// What a coverage cell says about a source's wording of a claim. "=" is identical words only.
enum CoverageMark: String, CaseIterable {
    case reference, base, same, paraphrase, differs, none

    init(_ found: [ResolvedAppearance]) {
        if found.contains(where: \.isBase) { self = .base }
        else if found.allSatisfy(\.isIdentical) { self = .same }
        else if found.allSatisfy({ !$0.isQuotation && $0.differences.isEmpty }) { self = .paraphrase }
        else { self = .differs }
    }

    var symbol: String {
        switch self {
        case .reference: return "R"
        case .base: return "E"
        case .same: return "="
        case .paraphrase: return "≈"
        case .differs: return "≠"
        case .none: return "·"
        }
    }

    var meaning: String {
        switch self {
        case .reference: return "the reference wording, from a primary source"
        case .base: return "no primary source: the earliest report, which the others are compared with"
        case .same: return "the same words"
        case .paraphrase: return "a paraphrase in which no figure, hedge or negation differs (its other words are not compared)"
        case .differs: return "differs, with the number of differences"
        case .none: return "not reported"
        }
    }

    func label(count: Int) -> String {
        switch self {
        case .reference: return "Reference wording"
        case .base: return "Earliest report, compared against"
        case .same: return "Same words"
        case .paraphrase: return "Paraphrase; no figure, hedge or negation differs"
        case .differs: return "Differs (\(count) difference\(count == 1 ? "" : "s"))"
        case .none: return "Not reported"
        }
    }
}

extension Source {
    /// A column heading: the outlet or the speaker, or the id where neither is known.
    public var shortTitle: String {
        switch metadata.kind {
        case .post: return metadata.author ?? metadata.publisher ?? id
        case .primary: return metadata.publisher ?? id
        case .news: return metadata.publisher ?? "Unnamed outlet, \(opening(3))"
        }
    }
}
