/// The claims model's own rules, checked on the resolved claims (SPEC §4: "build checks
/// enforce the documented rules"). Each rule reads the claims and sources and returns
/// diagnostics at the claim file's line and column; none changes a claim.
public struct EditorialChecks {
    let claims: [ResolvedClaim]
    let sources: [String: Source]
    var parallel = Parallel()

    func diagnostics() -> [Diagnostic] {
        // The rules about one claim at a time, claim by claim on every core, in claim order.
        let perClaim = parallel.map(claims) { claim in
            verifiedNeedsPrimary(claim) + figuresContradict(claim) + verdictNeedsSummary(claim) + ratedStatementStatesTheClaim(claim)
        }
        return perClaim.flatMap { $0 } + misattributionsPropagate() + nestedClaimsShareSources()
    }

    /// A rating is published at the top of the claim page and in ClaimReview: readers need the
    /// reason beside it.
    func verdictNeedsSummary(_ claim: ResolvedClaim) -> [Diagnostic] {
        guard let verdict = claim.claim.verdict, claim.claim.summary == nil else { return [] }
        return [.warning(claim.claim.path, claim.claim.position, "claim `\(claim.id)` is rated `\(verdict.rawValue)` but has no `summary`: give the reason for the rating in one sentence")]
    }

    /// `attribution: verified` says the speaker's words were found in their own primary
    /// source, so the reference must be in a source of kind `primary` or `post`.
    func verifiedNeedsPrimary(_ claim: ResolvedClaim) -> [Diagnostic] {
        guard claim.claim.attribution == .verified else { return [] }
        let position = claim.claim.reference?.position ?? claim.claim.position
        guard let reference = claim.reference else {
            return [.error(claim.claim.path, position, "claim `\(claim.id)` is `attribution: verified` but has no `reference`; verified needs the speaker's words in a primary source held here, otherwise use `attributed`, `reported` or `unverifiable`")]
        }
        guard let source = sources[reference.source], source.metadata.kind == .news else { return [] }
        return [.error(claim.claim.path, position, "claim `\(claim.id)` is `attribution: verified` but its reference is in `\(source.id)`, a news article; verified needs the speaker's words in a primary source (`kind: primary` or `post`), otherwise use `attributed`")]
    }

    /// A rating says whether what is claimed is true. "Anthropic said X", rated `unproven`,
    /// would tell a reader (and ClaimReview) that it is unproven Anthropic said it.
    func ratedStatementStatesTheClaim(_ claim: ResolvedClaim) -> [Diagnostic] {
        guard claim.claim.verdict != nil else { return [] }
        let statement = claim.claim.statement.lowercased(), speaker = claim.claim.speaker.lowercased()
        let verbs = ["said", "says", "wrote", "writes", "claimed", "claims", "warned", "argued", "argues", "stated", "told"]
        guard verbs.contains(where: { statement.hasPrefix("\(speaker) \($0) ") }) || statement.hasPrefix("according to") else { return [] }
        return [.warning(claim.claim.path, claim.claim.position, "claim `\(claim.id)` is rated, but its statement reports that \(claim.claim.speaker) said something; a verdict rates the claim itself, so state what is claimed (whether they said it is `attribution`)")]
    }

    /// Two sources that give the claim different figures, beyond its hedges and tolerance,
    /// contradict each other: the claim is `disputed`, or `not_disputed` says why not.
    func figuresContradict(_ claim: ResolvedClaim) -> [Diagnostic] {
        guard claim.claim.verdict != .disputed, claim.claim.notDisputed == nil,
              let (first, second) = contradiction(in: claim) else { return [] }
        let found = "claim `\(claim.id)`: the sources give different figures, “\(first.figure)” in `\(first.source)` and “\(second.figure)” in `\(second.source)`"
        let settle = "say in `not_disputed` why the difference does not make it disputed (a misquote, a source that settles it)"
        // A rated claim keeps its rating unless the sources really leave it open.
        let advice = claim.claim.verdict.map { "; \(settle), or, if the sources leave it open, change `verdict: \($0.rawValue)` to `disputed`" }
            ?? "; mark it `verdict: disputed`, or \(settle)"
        return [.warning(claim.claim.path, claim.claim.position, found + advice)]
    }

    /// The first wording that gives a figure the compared-with wording (the reference, or the
    /// earliest report) does not, within the claim's tolerance, with the figure it departs from.
    /// Figures are matched as sets (order does not matter, a figure left out is no contradiction);
    /// hedges are not figures, so "over 24,000" and "about 24,000" agree.
    func contradiction(in claim: ResolvedClaim) -> (first: (figure: String, source: String), second: (figure: String, source: String))? {
        let tolerance = claim.claim.tolerance ?? 0
        guard let base = claim.comparisonBase else { return nil }
        let baseReading = FigureWords.Reading(base.text)
        guard !baseReading.amounts.isEmpty else { return nil }
        // Many sources quote the same words: a wording is read once, and a repeat of one that agreed agrees.
        var agreed: Set<String> = []
        for other in claim.appearances where !other.isBase && agreed.insert(other.quote.text).inserted {
            let reading = FigureWords.Reading(other.quote.text)
            if let (expected, found) = Amount.firstUnmatched(reading.comparable(with: baseReading), against: baseReading.comparable(with: reading), tolerance: tolerance) {
                return ((expected.text, base.source), (found.text, other.quote.source))
            }
        }
        return nil
    }

    /// A curator who marks a passage as credited to the wrong source (`attributed_to`) has
    /// found something about the passage, not about one claim: every claim that quotes an
    /// overlapping stretch of the same source must say so too.
    func misattributionsPropagate() -> [Diagnostic] {
        var flags: [String: [(span: TextSpan, to: String, claim: String)]] = [:]
        for claim in claims {
            for appearance in claim.appearances where appearance.match == .curated {
                if let to = appearance.attributedTo { flags[appearance.quote.source, default: []].append((appearance.quote.span, to, claim.id)) }
            }
        }
        var found: [Diagnostic] = []
        for claim in claims {
            for (index, appearance) in claim.appearances.enumerated() where appearance.match == .curated && appearance.attributedTo == nil {
                guard let flag = flags[appearance.quote.source]?.first(where: { $0.span.overlaps(appearance.quote.span) }) else { continue }
                let position = index < claim.claim.appearances.count ? claim.claim.appearances[index].selector.position : claim.claim.position
                found.append(.warning(claim.claim.path, position, "claim `\(claim.id)` quotes a passage of `\(appearance.quote.source)` that claim `\(flag.claim)` marks as credited to `\(flag.to)`; add `attributed_to: \(flag.to)` here too"))
            }
        }
        return found
    }

    /// A claim whose reference words lie inside another claim's reference (one sentence of a
    /// post inside the whole post) is made wherever the larger claim is quoted with those
    /// words: it must list that source too, or rule it out with `not_in`.
    func nestedClaimsShareSources() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for inner in claims {
            guard let reference = inner.reference else { continue }
            let words = Self.comparable(reference.text)
            let listed = Set(inner.sourceIDs).union(inner.claim.notIn.map(\.id))
            for outer in claims where outer.id != inner.id {
                guard let whole = outer.reference, whole.source == reference.source, whole.span.contains(reference.span),
                      whole.span != reference.span else { continue }
                var warned: Set<String> = []
                for appearance in outer.appearances where appearance.match == .curated && !listed.contains(appearance.quote.source)
                    && !warned.contains(appearance.quote.source) && Self.comparable(appearance.quote.text).contains(words) {
                    warned.insert(appearance.quote.source)
                    found.append(.warning(inner.claim.path, inner.claim.position, "claim `\(inner.id)`: its reference words are also in `\(appearance.quote.source)`, quoted there as part of claim `\(outer.id)`; add that source to its `appearances`, or to `not_in` if it does not make this claim"))
                }
            }
        }
        return found
    }

    /// Words only, in lower case, one space apart and one at each end, so that containment
    /// is of whole words ("data was" is not inside "metadata was").
    static func comparable(_ text: String) -> String {
        " " + ContentComparison.words(text).filter { !$0.isEmpty }.joined(separator: " ") + " "
    }

    /// `sitegen check`'s list of what the desk has not covered: every passage of a primary
    /// source that no claim quotes, as a note at the passage.
    public static func uncitedPassages(claims: [ResolvedClaim], sources: [Source]) -> [Diagnostic] {
        var cited: [String: [TextSpan]] = [:]
        for claim in claims {
            for quote in (claim.reference.map { [$0] } ?? []) + claim.appearances.map(\.quote) { cited[quote.source, default: []].append(quote.span) }
        }
        var notes: [Diagnostic] = []
        for source in sources where source.metadata.kind != .news {
            for (index, block) in source.text.blocks.enumerated() {
                if case .heading = block.kind { continue }
                let start = source.text.blockStarts[index]
                let span = TextSpan(start: start, end: start + block.scalarCount)
                guard span.end > span.start, !(cited[source.id] ?? []).contains(where: { $0.overlaps(span) }) else { continue }
                notes.append(Diagnostic(.note, path: source.path, line: block.position.line, column: block.position.column,
                                        "no claim cites this passage: “\(DisplayText.opening(block.text, words: 12))”"))
            }
        }
        return notes
    }
}

/// Short forms of user text for one-line messages.
enum DisplayText {
    /// The first `words` words, with "…" where the text was cut.
    static func opening(_ text: String, words: Int) -> String {
        let parts = text.split(whereSeparator: \.isWhitespace)
        return parts.prefix(words).joined(separator: " ") + (parts.count > words ? "…" : "")
    }
}
