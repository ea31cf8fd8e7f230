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
    /// Printed inside quotation marks in its source. A paraphrase is compared on what it
    /// claims (`Difference.Kind.isContent`), not word by word.
    public var isQuotation = true
    /// The wording the others are compared with, where the claim has no primary reference:
    /// the earliest report.
    public var isBase = false

    /// The same words as the wording compared with, and not that wording itself.
    public var isIdentical: Bool { !isBase && isQuotation && diff?.isIdentical == true && differences.isEmpty }
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
    /// What every appearance is compared with: the primary reference, or else the earliest report.
    public var comparisonBase: AnchoredQuote? { reference ?? appearances.first(where: \.isBase)?.quote }

    /// Every source that has the claim's words: the reference first.
    public var sourceIDs: [String] { (reference.map { [$0.source] } ?? []) + appearances.map(\.quote.source) }
}

/// The resolve step: anchors every quote of every claim, compares each
/// wording with the reference, and runs the consistency checks. Problems are
/// collected as diagnostics at the claim file's line and column.
struct ClaimResolver {
    let sources: [String: Source]
    private(set) var diagnostics: [Diagnostic] = []
    let parallel: Parallel
    /// The drafts the load step left out: a claim that cites one is told so.
    let drafts: Drafts
    /// Where each source's quotes were found by an earlier build, keyed by the source's inputs
    /// and the selectors looked for in it: a claim edit anchors again only the sources it cites.
    let cache: StepCache

    init(sources: [Source], parallel: Parallel = Parallel(), drafts: Drafts = Drafts(), cache: StepCache = .none) {
        self.parallel = parallel
        self.drafts = drafts
        self.cache = cache
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What looking for one quote in its source found, with the text it needs for a message.
    enum Located {
        case found(AnchoredQuote)
        case empty
        case notFound(closest: String?, similarity: Double)
        case ambiguous([(span: TextSpan, before: String, after: String)])
    }

    mutating func resolve(_ claims: [Claim]) -> [ResolvedClaim] {
        var seen: [String: Claim] = [:]
        var unique: [Claim] = []
        for claim in claims {
            if let other = seen[claim.id] {
                // Reported at both definitions: either one may be the one to rename.
                diagnostics.append(.error(claim.path, claim.position, "duplicate claim id `\(claim.id)`; it is already used at \(other.path):\(other.position.line):\(other.position.column)"))
                diagnostics.append(.error(other.path, other.position, "duplicate claim id `\(claim.id)`; it is used again at \(claim.path):\(claim.position.line):\(claim.position.column)"))
                continue
            }
            seen[claim.id] = claim
            unique.append(claim)
        }
        let located = locateAll(unique)
        // Claim by claim on every core; each worker keeps its own diagnostics, gathered in claim order.
        let template = self
        let results = parallel.map(Array(zip(unique, located))) { claim, found -> (ResolvedClaim, [Diagnostic]) in
            var worker = template
            worker.diagnostics = []
            return (worker.resolveOne(claim, located: found), worker.diagnostics)
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

    /// A claim's quote selectors: the reference (if any) first, then the appearances.
    private static func selectors(of claim: Claim) -> [QuoteSelector] {
        (claim.reference.map { [$0] } ?? []) + claim.appearances.map(\.selector)
    }

    /// Every selector of every claim looked for in its source, source by source on every core:
    /// a source's folded text (four times the size of its text, and more) lives only while its
    /// quotes are looked for, never for all sources at once. `result[claim][selector]` is nil
    /// where the source does not exist.
    private func locateAll(_ claims: [Claim]) -> [[Located?]] {
        var wanted: [String: [(claim: Int, slot: Int)]] = [:]
        var result = claims.map { [Located?](repeating: nil, count: Self.selectors(of: $0).count) }
        for (claim, selectors) in claims.map(Self.selectors).enumerated() {
            for (slot, selector) in selectors.enumerated() where sources[selector.source] != nil {
                wanted[selector.source, default: []].append((claim, slot))
            }
        }
        let cited = wanted.keys.sorted()
        let cache = self.cache
        let found = parallel.map(cited) { id -> [Located] in
            let source = sources[id]!
            let selectors = wanted[id]!.map { Self.selectors(of: claims[$0.claim])[$0.slot] }
            // What is looked for, not where the claims file says it (a line added above moves that).
            let key = source.cacheKey { key in
                for selector in selectors {
                    key.write(selector.quote)
                    key.write(selector.prefix)
                    key.write(selector.suffix)
                }
            }
            return cache.value(for: key) {
                let text = FoldedText(source.text.string)
                return selectors.map { Self.locate($0, in: text, source: id) }
            }
        }
        for (id, outcomes) in zip(cited, found) {
            for (place, outcome) in zip(wanted[id]!, outcomes) { result[place.claim][place.slot] = outcome }
        }
        return result
    }

    private static func locate(_ selector: QuoteSelector, in text: FoldedText, source: String) -> Located {
        switch Anchor.locate(selector, in: text) {
        case .success(let span): return .found(quote(span, in: text, source: source))
        case .failure(.emptyQuote): return .empty
        case .failure(.notFound(let closest, let similarity)): return .notFound(closest: closest, similarity: similarity)
        case .failure(.ambiguous(let spans)):
            return .ambiguous(spans.map { span in
                let context = quote(span, in: text, source: source)
                return (span, context.before, context.after)
            })
        }
    }

    private mutating func resolveOne(_ claim: Claim, located: [Located?]) -> ResolvedClaim {
        // Ruling out a draft that this build left out is fine: it holds when the draft is published.
        for rejected in claim.notIn where sources[rejected.id] == nil && drafts.leftOut(source: rejected.id) == nil {
            let hint = ClaimLink.suggestion(for: rejected.id, among: sources.keys.sorted()).map { "; did you mean `\($0)`?" } ?? ""
            diagnostics.append(.error(claim.path, rejected.position, "claim `\(claim.id)`: `not_in` names unknown source `\(rejected.id)`\(hint)"))
        }
        var slots = located.makeIterator()
        let reference = claim.reference.flatMap { anchor($0, located: slots.next() ?? nil, claim: claim) }
        var anchored: [(quote: AnchoredQuote, appearance: ClaimAppearance)] = []
        for appearance in claim.appearances {
            let found = slots.next() ?? nil
            if let attributed = appearance.attributedTo, sources[attributed] == nil, attributed.contains("-"), !attributed.contains(" ") {
                diagnostics.append(.error(claim.path, appearance.selector.position, "`attributed_to: \(attributed)` looks like a source id but no such source exists"))
            }
            guard let quote = anchor(appearance.selector, located: found, claim: claim) else { continue }
            anchored.append((quote, appearance))
        }
        // Without a primary reference the reports are compared with the earliest of them
        // (undated ones last; the first listed among equals), never left uncompared.
        let base = reference == nil ? anchored.indices.min { a, b in
            (sources[anchored[a].quote.source]?.sortDate ?? "9999", a) < (sources[anchored[b].quote.source]?.sortDate ?? "9999", b)
        } : nil
        // Read once for all the paraphrases compared with it, when the first one needs it.
        let compared = reference ?? base.map { anchored[$0].quote }
        let wording = MadeOnce { compared.map { ContentComparison.Wording($0.text) } }
        let appearances = anchored.enumerated().map { index, item -> ResolvedAppearance in
            var resolved = Self.compare(item.quote, with: index == base ? nil : compared, claim: claim,
                                        attributedTo: item.appearance.attributedTo, note: item.appearance.note, sources: sources,
                                        referenceWording: { wording.value })
            resolved.isBase = index == base
            return resolved
        }
        return ResolvedClaim(claim: claim, number: 0, reference: reference, appearances: appearances)
    }

    /// A wording set beside the claim's reference: the word diff and the differences it shows,
    /// and a misattribution where the source credits the words to someone else.
    /// `referenceWording`: the reference read for a paraphrase's comparison, where the caller
    /// keeps it for all the claim's wordings (nil: read here).
    static func compare(_ quote: AnchoredQuote, with reference: AnchoredQuote?, claim: Claim, attributedTo: String?, note: String?,
                        match: ResolvedAppearance.Match = .curated, score: Double = 1, sources: [String: Source],
                        referenceWording: () -> ContentComparison.Wording? = { nil }) -> ResolvedAppearance {
        let diff = reference.map { WordDiff(reference: $0.text, found: quote.text) }
        // In a primary source the words are the speaker's own, and a block quotation or an embedded
        // post quotes them: compared word by word, like words in quotation marks.
        let quoted = sources[quote.source].map { source in
            if source.metadata.kind != .news { return true }
            let block = source.text.blockIndex(at: quote.span.start)
            switch source.text.blocks[block].kind {
            case .quote, .embed: return true
            default: return isQuotation(quote.text, after: source.text.substring(from: source.text.blockStarts[block], to: quote.span.start))
            }
        } ?? isQuotation(quote.text, after: quote.before)
        var differences = quoted ? diff?.differences ?? []
            : reference.flatMap { reference in diff.map { aligned in
                ContentComparison.differences(reference: referenceWording() ?? ContentComparison.Wording(reference.text),
                                              found: ContentComparison.Wording(quote.text), aligned: aligned)
            } } ?? []
        if let attributedTo, let reference, attributedTo != reference.source {
            // A source's title, or the free text an `attributed_to` gives.
            func describe(_ sourceOrName: String) -> String { sources[sourceOrName]?.displayTitle ?? sourceOrName }
            differences.append(Difference(kind: .attribution, reference: describe(reference.source), found: describe(attributedTo)))
        }
        return ResolvedAppearance(quote: quote, match: match, score: score, attributedTo: attributedTo, note: note,
                                  diff: diff, differences: differences, isQuotation: quoted)
    }

    /// Whether a wording is printed as a quotation: it starts with a quotation mark, or the text
    /// of its paragraph before it (`before`) leaves one open. Single quotation marks are not
    /// counted: ’ is also the apostrophe.
    static func isQuotation(_ text: String, after before: String) -> Bool {
        if let first = text.unicodeScalars.first, ["“", "\"", "«", "„"].contains(first) { return true }
        // The marks still open, innermost last: “…” and «…», „…“ (where “ closes), "…" (a toggle).
        var open: [Unicode.Scalar] = []
        for scalar in before.unicodeScalars {
            switch scalar {
            case "„", "«": open.append(scalar)
            case "“": if open.last == "„" { open.removeLast() } else { open.append(scalar) }
            case "”": if open.last == "“" { open.removeLast() }
            case "»": if open.last == "«" { open.removeLast() }
            case "\"": if open.last == "\"" { open.removeLast() } else { open.append(scalar) }
            default: break
            }
        }
        return !open.isEmpty
    }

    /// The quote, or nil with the diagnostic that says why not.
    private mutating func anchor(_ selector: QuoteSelector, located: Located?, claim: Claim) -> AnchoredQuote? {
        guard let located, let source = sources[selector.source] else {
            let known = sources.keys.sorted().joined(separator: ", ")
            let why = drafts.leftOut(source: selector.source) ?? "unknown source `\(selector.source)`; known sources: \(known)"
            diagnostics.append(.error(claim.path, selector.position, "claim `\(claim.id)` cites \(why)"))
            return nil
        }
        switch located {
        case .found(let quote):
            return quote
        case .empty:
            diagnostics.append(.error(claim.path, selector.position, "claim `\(claim.id)` has an empty quote for `\(source.id)`"))
        case .notFound(let closest, let similarity):
            var message = "claim `\(claim.id)`: the quote \"\(selector.quote)\" is not in `\(source.id)`"
            if selector.prefix != nil || selector.suffix != nil { message += " with the given prefix/suffix" }
            if let closest, similarity > 0.4 { message += "; did you mean \"\(closest)\"?" }
            diagnostics.append(.error(claim.path, selector.position, message))
        case .ambiguous(let places):
            let described = places.map { "at \($0.span.start) (…\($0.before.suffix(30))⟨quote⟩\($0.after.prefix(30))…)" }.joined(separator: "; ")
            diagnostics.append(.error(claim.path, selector.position,
                                      "claim `\(claim.id)`: the quote \"\(selector.quote)\" occurs \(places.count) times in `\(source.id)`; add a `prefix` or `suffix` to pick one: \(described)"))
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
                let why = drafts.leftOut(claim: id) ?? "unknown claim `\(id)`"
                diagnostics.append(.error(total.claim.path, total.claim.position, "claim `\(total.id)`: `sum_of` names \(why)"))
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

// The binary forms of anchoring's results, for the resolve step's cache.

extension AnchoredQuote: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(span)
        writer.write(text)
        writer.write(before)
        writer.write(after)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(source: try reader.read(), span: try reader.read(), text: try reader.read(), before: try reader.read(), after: try reader.read())
    }
}

extension ClaimResolver.Located: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .found(let quote): writer.write(0); writer.write(quote)
        case .empty: writer.write(1)
        case .notFound(let closest, let similarity): writer.write(2); writer.write(closest); writer.write(similarity)
        case .ambiguous(let places):
            writer.write(3)
            writer.write(places.count)
            for place in places { writer.write(place.span); writer.write(place.before); writer.write(place.after) }
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.read() as Int {
        case 0: self = .found(try reader.read())
        case 1: self = .empty
        case 2: self = .notFound(closest: try reader.read(), similarity: try reader.read())
        case 3:
            let count: Int = try reader.read()
            guard count >= 0, count < 1_000_000 else { throw BinaryDecodingError() }
            self = .ambiguous(try (0..<count).map { _ in (span: try reader.read(), before: try reader.read(), after: try reader.read()) })
        default: throw BinaryDecodingError()
        }
    }
}
