/// Leave-one-out evaluation of the matcher: for each scraped article, hide
/// what curators wrote about it, match it as if it were new, and compare.
///
/// A match counts as right when the curators list that claim for that
/// article and the matched passage overlaps one of theirs. Precision is
/// right ÷ matched; recall is right ÷ curated.
public struct MatchingEvaluation {
    public struct Row: Sendable {
        public var source: String
        public var right: [String]
        public var wrong: [String]
        public var missed: [String]
        /// Every match made, for the detailed report.
        public var matches: [(match: AutoMatch, text: String, right: Bool)] = []

        public var precision: Double { Self.ratio(right.count, right.count + wrong.count) }
        public var recall: Double { Self.ratio(right.count, right.count + missed.count) }

        static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }
    }

    public let rows: [Row]

    public var precision: Double { Row.ratio(rows.reduce(0) { $0 + $1.right.count }, rows.reduce(0) { $0 + $1.right.count + $1.wrong.count }) }
    public var recall: Double { Row.ratio(rows.reduce(0) { $0 + $1.right.count }, rows.reduce(0) { $0 + $1.right.count + $1.missed.count }) }

    /// Evaluates every scraped (`.txt`) source of a loaded and resolved site.
    public init(site: Site, thresholds: [Double]? = nil) {
        var chosen = ClaimMatcher.Thresholds()
        if let values = thresholds, values.count == 4 {
            chosen = .init(wording: values[0], figure: values[1], statement: values[2], paraphrase: values[3])
        }
        rows = site.sources.filter { $0.format == .scrapedText }.map { Self.evaluate($0, site: site, thresholds: chosen) }
    }

    private static func evaluate(_ source: Source, site: Site, thresholds: ClaimMatcher.Thresholds) -> Row {
        // What the curators wrote, as resolved spans.
        var truth: [String: [TextSpan]] = [:]
        for claim in site.claims {
            let quotes = (claim.reference.map { [$0] } ?? []) + claim.appearances.filter { $0.match == .curated }.map(\.quote)
            for quote in quotes where quote.source == source.id { truth[claim.id, default: []].append(quote.span) }
        }
        // The claims model without any selector that points at this source.
        let hidden = site.claimModel.map { claim -> Claim in
            var claim = claim
            if claim.reference?.source == source.id { claim.reference = nil }
            claim.appearances.removeAll { $0.selector.source == source.id }
            return claim
        }
        var resolver = ClaimResolver(sources: site.sources)
        let claims = resolver.resolve(hidden)
        var matcher = ClaimMatcher(claims: claims, entities: site.entities, sources: site.sources)
        matcher.thresholds = thresholds
        let matches = matcher.match(source).matches
        let scalars = source.text.string.scalarArray
        var row = Row(source: source.id, right: [], wrong: [], missed: [])
        // Per claim: right when any of its matches overlaps a curated passage.
        for match in matches {
            let overlaps = (truth[match.claim] ?? []).contains { $0.start < match.span.end && $0.end > match.span.start }
            row.matches.append((match, String(String.UnicodeScalarView(scalars[match.span.start..<match.span.end])), overlaps))
        }
        for claim in Set(matches.map(\.claim)).sorted() {
            if row.matches.contains(where: { $0.match.claim == claim && $0.right }) { row.right.append(claim) } else { row.wrong.append(claim) }
        }
        row.missed = truth.keys.filter { !row.right.contains($0) }.sorted()
        return row
    }

    /// A Markdown table of the figures, per article and overall.
    public var report: String {
        func percent(_ value: Double) -> String { String(format: "%.2f", value) }
        var lines = ["| Article | Curated | Matched | Right | Precision | Recall |", "|---|---:|---:|---:|---:|---:|"]
        for row in rows {
            lines.append("| `\(row.source)` | \(row.right.count + row.missed.count) | \(row.right.count + row.wrong.count) | \(row.right.count) | \(percent(row.precision)) | \(percent(row.recall)) |")
        }
        let right = rows.reduce(0) { $0 + $1.right.count }
        lines.append("| **All** | \(rows.reduce(0) { $0 + $1.right.count + $1.missed.count }) | \(rows.reduce(0) { $0 + $1.right.count + $1.wrong.count }) | \(right) | **\(percent(precision))** | **\(percent(recall))** |")
        lines.append("")
        for row in rows where !row.wrong.isEmpty || !row.missed.isEmpty {
            if !row.wrong.isEmpty { lines.append("- `\(row.source)` matched but not curated: \(row.wrong.map { "`\($0)`" }.joined(separator: ", "))") }
            if !row.missed.isEmpty { lines.append("- `\(row.source)` curated but not matched: \(row.missed.map { "`\($0)`" }.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every match with its method, score and passage.
    public var details: String {
        rows.flatMap { row in
            ["", "## \(row.source)"] + row.matches.map { item in
                // A second passage of a claim that is right elsewhere in the article is not an error.
                let verdict = item.right ? "right" : row.right.contains(item.match.claim) ? "also" : "WRONG"
                return "- \(verdict) `\(item.match.claim)` \(item.match.method.rawValue) \(String(format: "%.2f", item.match.score)): “\(item.text)”"
            } + row.missed.map { "- MISSED `\($0)`" }
        }.joined(separator: "\n") + "\n"
    }
}
