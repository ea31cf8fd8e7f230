import Foundation

/// `claims.json`, the machine-readable export (SPEC §6). Keys are sorted so
/// the same input always gives the same bytes.
struct ClaimsExport {
    let site: Site

    struct Document: Encodable {
        var generator: String
        var sources: [SourceEntry]
        var claims: [ClaimEntry]
        var review: [ReviewEntry]
    }

    struct SourceEntry: Encodable {
        var id: String
        var title: String?
        var publisher: String?
        var date: String?
        var kind: String
        var url: String?
        var page: String

        func encode(to encoder: Encoder) throws {
            // Unknown values are exported as null rather than left out, so every entry has the same shape.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(publisher, forKey: .publisher)
            try container.encode(date, forKey: .date)
            try container.encode(kind, forKey: .kind)
            try container.encode(url, forKey: .url)
            try container.encode(page, forKey: .page)
        }

        enum CodingKeys: String, CodingKey { case id, title, publisher, date, kind, url, page }
    }

    struct QuoteEntry: Encodable {
        var source: String
        var quote: String
        var start: Int
        var end: Int
    }

    struct DifferenceEntry: Encodable {
        var kind: String
        var reference: String
        var found: String
    }

    struct AppearanceEntry: Encodable {
        var source: String
        var quote: String
        var start: Int
        var end: Int
        var match: String
        var score: Double
        var attributed_to: String?
        var differences: [DifferenceEntry]
    }

    struct SumCheckEntry: Encodable {
        var parts: [String]
        var sum: Double
        var total: Double
        var consistent: Bool
        var explanation: String
    }

    struct ClaimEntry: Encodable {
        var id: String
        var statement: String
        var kind: String
        var speaker: String
        var status: String
        var page: String
        var reference: QuoteEntry?
        var appearances: [AppearanceEntry]
        var sum_check: SumCheckEntry?
    }

    struct ReviewEntry: Encodable {
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
                SourceEntry(id: $0.id, title: $0.title, publisher: $0.metadata.publisher, date: $0.metadata.date,
                            kind: $0.metadata.kind.rawValue, url: $0.metadata.url, page: "articles/\($0.id)/")
            },
            claims: site.claims.map { claim in
                ClaimEntry(
                    id: claim.id, statement: claim.claim.statement, kind: claim.claim.kind.rawValue, speaker: claim.claim.speaker,
                    status: claim.claim.status.rawValue, page: "claims/\(claim.id)/",
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

    func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail.
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }
}

/// schema.org ClaimReview for one claim page, as a JSON-LD script body.
struct ClaimReviewLD {
    let site: Site
    let claim: ResolvedClaim
    let sources: [String: Source]

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
        var alternateName: String? = nil
        var appearance: [Thing]? = nil

        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url, headline, sameAs, datePublished, publisher, author, alternateName, appearance
        }
    }

    /// A nested thing (a struct cannot hold itself directly).
    private final class Box<Value: Encodable>: Encodable {
        let value: Value
        init(_ value: Value) { self.value = value }
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }

    private struct Review: Encodable {
        var context = "https://schema.org"
        var type = "ClaimReview"
        var url: String
        var claimReviewed: String
        var author: Thing
        var reviewRating: Thing
        var itemReviewed: Thing
        var datePublished: String?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", url, claimReviewed, author, reviewRating, itemReviewed, datePublished
        }
    }

    func script() -> String {
        let appearances = claim.sourceIDs.compactMap { sources[$0] }.map { source in
            Thing(type: "CreativeWork", url: site.config.baseURL + "articles/\(source.id)/", headline: source.displayTitle,
                  sameAs: source.metadata.url, datePublished: source.metadata.date,
                  publisher: source.metadata.publisher.map { Box(Thing(type: "Organization", name: $0)) })
        }
        let review = Review(url: site.config.baseURL + "claims/\(claim.id)/", claimReviewed: claim.claim.statement,
                            author: Thing(type: "Organization", name: site.config.publisherName, url: site.config.publisherURL),
                            reviewRating: Thing(type: "Rating", alternateName: claim.claim.status.label),
                            itemReviewed: Thing(type: "Claim", author: Box(Thing(type: "Organization", name: claim.claim.speaker)),
                                                appearance: appearances),
                            datePublished: site.config.updated)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(review), let json = String(data: data, encoding: .utf8) else { return "{}" }
        // Inside <script>, "<" could start "</script>"; the JSON escape keeps it inert.
        return json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
