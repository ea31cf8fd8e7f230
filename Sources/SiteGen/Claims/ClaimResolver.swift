/// A quotation found in its source, with the sentence around it for context.
public struct AnchoredQuote: Hashable, Sendable {
    public var source: String
    public var span: TextSpan
    /// The words exactly as the source has them (the selector may differ in folded characters).
    public var text: String
    public var before: String
    public var after: String
}

/// One source's wording of a claim, anchored and compared with the reference.
public struct ResolvedAppearance: Sendable {
    public enum Match: String, Sendable { case curated, auto }

    public var quote: AnchoredQuote
    public var match: Match
    public var score: Double
    public var attributedTo: String?
    public var note: String?
    public var diff: WordDiff?
    public var differences: [Difference]
}

/// "The per-lab figures add up to the total", with the arithmetic shown.
public struct SumCheck: Sendable {
    public var parts: [(claim: String, figure: Figure)]
    public var total: Figure
    public var totalWording: String
    public var sum: Double
    public var consistent: Bool
    public var explanation: String
}

/// A claim with every quotation located and every wording compared.
public struct ResolvedClaim: Sendable {
    public var claim: Claim
    /// 1-based, in the order claims are listed on the site.
    public var number: Int
    public var reference: AnchoredQuote?
    public var appearances: [ResolvedAppearance]
    public var sumCheck: SumCheck?

    public var id: String { claim.id }
    /// Every source that has the claim's words: the reference first.
    public var sourceIDs: [String] { (reference.map { [$0.source] } ?? []) + appearances.map(\.quote.source) }
}

/// The resolve step: anchors every quote of every claim, compares each
/// wording with the reference, and runs the consistency checks. Problems are
/// collected as diagnostics at the claim file's line and column.
struct ClaimResolver {
    let sources: [String: Source]
    private var folded: [String: FoldedText] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    let parallel: Parallel

    init(sources: [Source], parallel: Parallel = Parallel()) {
        self.parallel = parallel
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func resolve(_ claims: [Claim]) -> [ResolvedClaim] {
        var seen: [String: Claim] = [:]
        var unique: [Claim] = []
        for claim in claims {
            if let other = seen[claim.id] {
                diagnostics.append(.error(claim.path, claim.position, "duplicate claim id `\(claim.id)`; it is already used at \(other.path):\(other.position.line):\(other.position.column)"))
                continue
            }
            seen[claim.id] = claim
            unique.append(claim)
        }
        // Fold each cited source once, then anchor claim by claim on every core;
        // each worker keeps its own diagnostics, gathered in claim order.
        let cited = Set(unique.flatMap { claim in ([claim.reference] + claim.appearances.map(\.selector)).compactMap { $0?.source } })
            .filter { sources[$0] != nil && folded[$0] == nil }.sorted()
        for (id, text) in zip(cited, parallel.map(cited) { FoldedText(self.sources[$0]!.text.string) }) { folded[id] = text }
        let template = self
        let results = parallel.map(unique) { claim -> (ResolvedClaim, [Diagnostic]) in
            var worker = template
            worker.diagnostics = []
            return (worker.resolveOne(claim), worker.diagnostics)
        }
        var resolved: [ResolvedClaim] = []
        for (claim, problems) in results {
            var numbered = claim
            numbered.number = resolved.count + 1
            resolved.append(numbered)
            diagnostics += problems
        }
        for index in resolved.indices where !resolved[index].claim.sumOf.isEmpty {
            resolved[index].sumCheck = sumCheck(resolved[index], all: resolved)
        }
        return resolved
    }

    private mutating func resolveOne(_ claim: Claim) -> ResolvedClaim {
        for rejected in claim.notIn where sources[rejected.id] == nil {
            let hint = ClaimLink.suggestion(for: rejected.id, among: sources.keys.sorted()).map { "; did you mean `\($0)`?" } ?? ""
            diagnostics.append(.error(claim.path, rejected.position, "claim `\(claim.id)`: `not_in` names unknown source `\(rejected.id)`\(hint)"))
        }
        let reference = claim.reference.flatMap { anchor($0, claim: claim) }
        var appearances: [ResolvedAppearance] = []
        for appearance in claim.appearances {
            if let attributed = appearance.attributedTo, sources[attributed] == nil, attributed.contains("-"), !attributed.contains(" ") {
                diagnostics.append(.error(claim.path, appearance.selector.position, "`attributed_to: \(attributed)` looks like a source id but no such source exists"))
            }
            guard let quote = anchor(appearance.selector, claim: claim) else { continue }
            appearances.append(compare(quote, with: reference, claim: claim, attributedTo: appearance.attributedTo, note: appearance.note))
        }
        return ResolvedClaim(claim: claim, number: 0, reference: reference, appearances: appearances)
    }

    func compare(_ quote: AnchoredQuote, with reference: AnchoredQuote?, claim: Claim, attributedTo: String?, note: String?,
                 match: ResolvedAppearance.Match = .curated, score: Double = 1) -> ResolvedAppearance {
        let diff = reference.map { WordDiff(reference: $0.text, found: quote.text) }
        var differences = diff?.differences ?? []
        if let attributedTo, let reference, attributedTo != reference.source {
            differences.append(Difference(kind: .attribution, reference: describe(reference.source), found: describe(attributedTo)))
        }
        return ResolvedAppearance(quote: quote, match: match, score: score, attributedTo: attributedTo, note: note,
                                  diff: diff, differences: differences)
    }

    /// A source's title, or the free text an `attributed_to` gives.
    func describe(_ sourceOrName: String) -> String {
        sources[sourceOrName]?.displayTitle ?? sourceOrName
    }

    private mutating func anchor(_ selector: QuoteSelector, claim: Claim) -> AnchoredQuote? {
        guard let source = sources[selector.source] else {
            let known = sources.keys.sorted().joined(separator: ", ")
            diagnostics.append(.error(claim.path, selector.position, "claim `\(claim.id)` cites unknown source `\(selector.source)`; known sources: \(known)"))
            return nil
        }
        // Folded once per source, and only for sources a claim cites. Stored only when new: `resolve`
        // folds every cited source first, and a worker that stored one anyway would copy the whole
        // table for each claim.
        let text: FoldedText
        if let known = folded[source.id] {
            text = known
        } else {
            text = FoldedText(source.text.string)
            folded[source.id] = text
        }
        switch Anchor.locate(selector, in: text) {
        case .success(let span):
            return Self.quote(span, in: text, source: source.id)
        case .failure(.emptyQuote):
            diagnostics.append(.error(claim.path, selector.position, "claim `\(claim.id)` has an empty quote for `\(source.id)`"))
        case .failure(.notFound(let closest, let similarity)):
            var message = "claim `\(claim.id)`: the quote \"\(selector.quote)\" is not in `\(source.id)`"
            if selector.prefix != nil || selector.suffix != nil { message += " with the given prefix/suffix" }
            if let closest, similarity > 0.4 { message += "; did you mean \"\(closest)\"?" }
            diagnostics.append(.error(claim.path, selector.position, message))
        case .failure(.ambiguous(let spans)):
            let places = spans.map { span -> String in
                let context = Self.quote(span, in: text, source: source.id)
                return "at \(span.start) (…\(context.before.suffix(30))⟨quote⟩\(context.after.prefix(30))…)"
            }.joined(separator: "; ")
            diagnostics.append(.error(claim.path, selector.position,
                                      "claim `\(claim.id)`: the quote \"\(selector.quote)\" occurs \(spans.count) times in `\(source.id)`; add a `prefix` or `suffix` to pick one: \(places)"))
        }
        return nil
    }

    /// The quote and the rest of its sentence on either side, within its paragraph.
    static func quote(_ span: TextSpan, in text: FoldedText, source: String) -> AnchoredQuote {
        quote(span, in: text.original, source: source)
    }

    /// The same, from the source's scalars alone: nothing here needs the folded text.
    static func quote(_ span: TextSpan, in scalars: [Unicode.Scalar], source: String) -> AnchoredQuote {
        func string(_ span: TextSpan) -> String {
            String(String.UnicodeScalarView(scalars[max(0, span.start)..<min(scalars.count, span.end)]))
        }
        var start = span.start
        while start > 0, scalars[start - 1] != "\n", !(start >= 2 && scalars[start - 2].isSentenceEnd && scalars[start - 1] == " ") {
            start -= 1
        }
        var end = span.end
        while end < scalars.count, scalars[end] != "\n", !(end > span.end && scalars[end - 1].isSentenceEnd && scalars[end] == " ") {
            end += 1
        }
        return AnchoredQuote(source: source, span: span, text: string(span),
                             before: string(TextSpan(start: start, end: span.start)),
                             after: string(TextSpan(start: span.end, end: end)))
    }

    private mutating func sumCheck(_ total: ResolvedClaim, all: [ResolvedClaim]) -> SumCheck? {
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func figure(_ claim: ResolvedClaim) -> (Figure, String)? {
            guard let wording = claim.reference?.text ?? claim.appearances.first?.quote.text,
                  let figure = Figure.first(in: wording) else { return nil }
            return (figure, wording)
        }
        var parts: [(String, Figure)] = []
        for id in total.claim.sumOf {
            guard let part = byID[id] else {
                diagnostics.append(.error(total.claim.path, total.claim.position, "claim `\(total.id)`: `sum_of` names unknown claim `\(id)`"))
                return nil
            }
            guard let (value, _) = figure(part) else {
                diagnostics.append(.error(total.claim.path, total.claim.position, "claim `\(total.id)`: `sum_of` claim `\(id)` has no figure in its wording"))
                return nil
            }
            parts.append((id, value))
        }
        guard let (totalFigure, wording) = figure(total) else {
            diagnostics.append(.error(total.claim.path, total.claim.position, "claim `\(total.id)` has `sum_of` but no figure in its own wording"))
            return nil
        }
        let sum = parts.reduce(0) { $0 + $1.1.value }
        let lower = wording.lowercased()
        let consistent: Bool
        let rule: String
        if ["over", "more than", "exceeding", "above"].contains(where: { lower.contains($0) }) {
            consistent = sum > totalFigure.value
            rule = "a total given as more than \(totalFigure.text) needs a sum above it"
        } else if ["approximately", "around", "about", "roughly", "nearly"].contains(where: { lower.contains($0) }) {
            consistent = abs(sum - totalFigure.value) <= totalFigure.value * 0.05
            rule = "an approximate total should be within 5% of the sum"
        } else {
            consistent = abs(sum - totalFigure.value) <= totalFigure.value * 0.005
            rule = "an exact total should equal the sum"
        }
        let arithmetic = parts.map(\.1.text).joined(separator: " + ") + " = " + Figure.format(sum)
        let explanation = "\(arithmetic). The total is worded \"\(wording)\"; \(rule): \(consistent ? "consistent" : "inconsistent")."
        return SumCheck(parts: parts.map { (claim: $0.0, figure: $0.1) }, total: totalFigure, totalWording: wording,
                        sum: sum, consistent: consistent, explanation: explanation)
    }
}
