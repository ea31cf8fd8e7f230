import Foundation

/// `claims.json`, the machine-readable export (SPEC §6). Keys are sorted so
/// the same input always gives the same bytes.
struct ClaimsExport {
    let site: Site

    struct Document: Encodable, Sendable {
        var generator: String
        var sources: [SourceEntry]
        var claims: [ClaimEntry]
        var review: [ReviewEntry]
    }

    /// Unknown values are exported as null rather than left out, so every entry has the same shape.
    struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
        var value: Value?
        init(_ value: Value?) { self.value = value }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if let value { try container.encode(value) } else { try container.encodeNil() }
        }
    }

    struct SourceEntry: Encodable, Sendable {
        var id: String
        var title: Nullable<String>
        var publisher: Nullable<String>
        var date: Nullable<String>
        var kind: String
        var url: Nullable<String>
        var page: String
        /// What the site calls the source: its title, or outlet and date where it has none.
        var label: String
    }

    struct QuoteEntry: Encodable, Sendable {
        var source: String
        var quote: String
        var start: Int
        var end: Int
    }

    struct DifferenceEntry: Encodable, Sendable {
        var kind: String
        var reference: String
        var found: String
    }

    struct AppearanceEntry: Encodable, Sendable {
        var source: String
        var quote: String
        var start: Int
        var end: Int
        var match: String
        var score: Double
        var attributed_to: String?
        var differences: [DifferenceEntry]
    }

    struct SumCheckEntry: Encodable, Sendable {
        var parts: [String]
        var sum: Double
        var total: Double
        var consistent: Bool
        var explanation: String
    }

    struct ClaimEntry: Encodable, Sendable {
        var id: String
        var statement: String
        var kind: String
        var speaker: String
        var attribution: String
        /// Null for a claim the desk has not rated (SPEC §6).
        var verdict: Nullable<String>
        var page: String
        var reference: QuoteEntry?
        var appearances: [AppearanceEntry]
        var sum_check: SumCheckEntry?
    }

    struct ReviewEntry: Encodable, Sendable {
        var source: String
        var text: String
        var start: Int
        var end: Int
        var reason: String
    }

    var document: Document {
        Document(
            generator: SiteRenderer.generator,
            sources: site.sources.map {
                SourceEntry(id: $0.id, title: Nullable($0.title), publisher: Nullable($0.metadata.publisher), date: Nullable($0.metadata.date),
                            kind: $0.metadata.kind.rawValue, url: Nullable($0.metadata.url), page: Routes.source($0.id),
                            label: $0.displayTitle)
            },
            claims: site.claims.map { claim in
                ClaimEntry(
                    id: claim.id, statement: claim.claim.statement, kind: claim.claim.kind.rawValue, speaker: claim.claim.speaker,
                    attribution: claim.claim.attribution.rawValue, verdict: Nullable(claim.claim.verdict?.rawValue), page: Routes.claim(claim.id),
                    reference: claim.reference.map { QuoteEntry(source: $0.source, quote: $0.text, start: $0.span.start, end: $0.span.end) },
                    appearances: claim.appearances.map { appearance in
                        AppearanceEntry(source: appearance.quote.source, quote: appearance.quote.text,
                                        start: appearance.quote.span.start, end: appearance.quote.span.end,
                                        match: appearance.match.rawValue, score: (appearance.score * 1000).rounded() / 1000, attributed_to: appearance.attributedTo,
                                        differences: appearance.differences.map { DifferenceEntry(kind: $0.kind.rawValue, reference: $0.reference, found: $0.found) })
                    },
                    sum_check: claim.sumCheck.map { SumCheckEntry(parts: $0.parts.map(\.claim), sum: $0.sum, total: $0.total.value,
                                                                  consistent: $0.consistent, explanation: $0.explanation) })
            },
            review: site.review.map { ReviewEntry(source: $0.source, text: $0.text, start: $0.span.start, end: $0.span.end, reason: $0.reason) })
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The document as `encoder()` prints it, with its lists' entries encoded on every core:
    /// `JSONEncoder` works on one, and the file is megabytes. The document is printed with its
    /// lists empty, then each empty list (`[`, a blank line, `  ]`: a text value cannot hold a line
    /// break) is replaced by its entries, each printed on its own and indented as the whole
    /// would indent it. `ClaimsExportTests` holds this to an encoding of the whole document.
    func json(parallel: Parallel = Parallel()) -> Data {
        let document = self.document
        var skeleton = document
        (skeleton.claims, skeleton.review, skeleton.sources) = ([], [], [])
        // Encoding plain structs of strings and numbers cannot fail.
        guard let outline = try? Self.encoder().encode(skeleton) else { return Data("{}".utf8) }
        // nil if an entry does not encode: the whole document is then encoded at once, as before.
        func entries<Entry: Encodable & Sendable>(_ list: [Entry]) -> [UInt8]? {
            guard !list.isEmpty else { return Self.emptyList }
            let printed = parallel.map(list) { entry in (try? Self.encoder().encode(entry)).map(Self.indented) }
            guard !printed.contains(nil) else { return nil }
            return Array("[\n".utf8) + printed.map { $0! }.joined(separator: Array(",\n".utf8)) + Array("\n  ]".utf8)
        }
        let whole = { (try? Self.encoder().encode(document)) ?? Data("{}".utf8) }
        // In the order the sorted keys print them.
        guard let claims = entries(document.claims), let review = entries(document.review), let sources = entries(document.sources) else {
            return whole()
        }
        var lists = [claims, review, sources][...]
        var bytes: [UInt8] = []
        var rest = [UInt8](outline)[...]
        while let start = rest.firstRange(of: Self.emptyList)?.lowerBound, let list = lists.popFirst() {
            bytes += rest[..<start]
            bytes += list
            rest = rest[(start + Self.emptyList.count)...]
        }
        // An encoder that printed empty lists otherwise would leave lists unplaced.
        return lists.isEmpty ? Data(bytes + rest) : whole()
    }

    private static let emptyList = Array("[\n\n  ]".utf8)

    /// An entry printed on its own, indented as an entry of a list in the document (two levels
    /// deep): every line but the blank one an empty list prints.
    private static func indented(_ entry: Data) -> [UInt8] {
        let indent = Array("    ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.count * 5 / 4)
        var lineStart = true
        for byte in entry {
            if lineStart, byte != UInt8(ascii: "\n") { bytes += indent }
            bytes.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
        return bytes
    }
}

/// schema.org ClaimReview for one claim page, as a JSON-LD script body, following the
/// properties Google's fact-check documentation describes. Only a claim the desk has rated
/// (`verdict`) has one: a verified quotation says nothing about whether its claim is true.
struct ClaimReviewLD {
    let site: Site
    let claim: ResolvedClaim
    let sources: [String: Source]
    /// The review and update dates the claim page shows.
    let dates: ClaimDates

    /// schema.org's names, `@`-prefixed ones included. Encoded with sorted keys, so the order
    /// of the properties here does not matter.
    private struct Thing: Encodable {
        var type: String
        var name: String? = nil
        var url: String? = nil
        var headline: String? = nil
        var sameAs: String? = nil
        var datePublished: String? = nil
        var publisher: Box<Thing>? = nil
        var author: Box<Thing>? = nil
        var appearance: [Thing]? = nil
        var firstAppearance: Box<Thing>? = nil

        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url, headline, sameAs, datePublished, publisher, author, appearance, firstAppearance
        }
    }

    /// A nested thing (a struct cannot hold itself directly).
    private final class Box<Value: Encodable>: Encodable {
        let value: Value
        init(_ value: Value) { self.value = value }
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }

    private struct Rating: Encodable {
        var type = "Rating"
        var alternateName: String
        var ratingValue: Int?
        var bestRating: Int?
        var worstRating: Int?
        /// The desk's one-sentence `summary` of why.
        var ratingExplanation: String?

        enum CodingKeys: String, CodingKey { case type = "@type", alternateName, ratingValue, bestRating, worstRating, ratingExplanation }
    }

    private struct Review: Encodable {
        var context = "https://schema.org"
        var type = "ClaimReview"
        var url: String
        var claimReviewed: String
        var author: Thing
        var reviewRating: Rating
        var itemReviewed: Thing
        var datePublished: String?
        var dateModified: String?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", url, claimReviewed, author, reviewRating, itemReviewed, datePublished, dateModified
        }
    }

    /// The schema.org type of whoever made the claim, from `entities.yaml`; nil when the
    /// speaker is not listed there (the claim is then published with no claimant rather than
    /// a guessed type).
    static func claimantType(_ speaker: String, entities: [Entity]) -> String? {
        guard let entity = entities.first(where: { $0.name == speaker || $0.aliases.contains(speaker) }) else { return nil }
        switch entity.kind {
        case .person: return "Person"
        case .organisation: return "Organization"
        case .product: return nil
        }
    }

    /// The script body, or nil for a claim without a verdict.
    func script() -> String? {
        guard let verdict = claim.claim.verdict else { return nil }
        var listed = Set<String>()
        let appearances = claim.sourceIDs.filter { listed.insert($0).inserted }.compactMap { sources[$0] }.map { source in
            // A headline only where the source has one; otherwise its label, as a name.
            Thing(type: "CreativeWork", name: source.title == nil ? source.label : nil,
                  url: site.config.baseURL + Routes.source(source.id), headline: source.title,
                  sameAs: source.metadata.url, datePublished: source.metadata.date,
                  publisher: source.metadata.publisher.map { Box(Thing(type: "Organization", name: $0)) })
        }
        let claimant = Self.claimantType(claim.claim.speaker, entities: site.entities).map { Box(Thing(type: $0, name: claim.claim.speaker)) }
        // Where the claim first appears: its reference, or else the earliest report.
        let first = claim.comparisonBase.flatMap { base in appearances.first { $0.url == site.config.baseURL + Routes.source(base.source) } }
        let rating = Rating(alternateName: verdict.label, ratingValue: verdict.ratingValue,
                            bestRating: verdict.ratingValue.map { _ in Verdict.bestRating },
                            worstRating: verdict.ratingValue.map { _ in Verdict.worstRating }, ratingExplanation: claim.claim.summary)
        let review = Review(url: site.config.baseURL + Routes.claim(claim.id), claimReviewed: claim.claim.statement,
                            author: Thing(type: "Organization", name: site.config.publisherName, url: site.config.publisherURL),
                            reviewRating: rating,
                            itemReviewed: Thing(type: "Claim", datePublished: first?.datePublished, author: claimant,
                                                appearance: appearances, firstAppearance: first.map { Box($0) }),
                            datePublished: dates.reviewed, dateModified: dates.updated)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(review), let json = String(data: data, encoding: .utf8) else { return nil }
        // Inside <script>, "<" could start "</script>"; the JSON escape keeps it inert.
        return json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
