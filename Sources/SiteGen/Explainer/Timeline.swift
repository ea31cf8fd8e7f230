/// One entry of the timeline: something that happened on a date, with the
/// claims it concerns and every source passage that dates it.
public struct TimelineEvent: Sendable {
    public var date: EventDate
    /// Claims whose quoted words are in a sentence that gives this date.
    public var claims: [String]
    public var mentions: [DateMention]
    /// Sources published on this date.
    public var publications: [String]

    /// True when every mention that dates it is in doubt.
    public var isUncertain: Bool { !mentions.isEmpty && mentions.allSatisfy { $0.doubt != nil } }
}

/// Builds the timeline from the sources' dates and the dated sentences in
/// their texts. Mentions of one date that touch the same claims are one event.
struct TimelineBuilder {
    let sources: [Source]
    let claims: [ResolvedClaim]
    let mentions: [DateMention]

    func events() -> (events: [TimelineEvent], unplaced: [DateMention]) {
        // Each source's quoted passages, found once: (passage, claim), in claim order.
        var quoted: [String: [(span: TextSpan, claim: String)]] = [:]
        for claim in claims {
            if let reference = claim.reference { quoted[reference.source, default: []].append((reference.span, claim.id)) }
            for appearance in claim.appearances { quoted[appearance.quote.source, default: []].append((appearance.quote.span, claim.id)) }
        }
        /// The claims quoting words of `source` inside `sentence`, in claim order.
        func claimsQuoted(in source: String, within sentence: TextSpan) -> [String] {
            var ids: [String] = []
            for entry in quoted[source] ?? [] where entry.span.start < sentence.end && entry.span.end > sentence.start && !ids.contains(entry.claim) {
                ids.append(entry.claim)
            }
            return ids
        }
        var events: [String: TimelineEvent] = [:]
        var order: [String] = []
        func add(_ key: String, _ date: EventDate, _ update: (inout TimelineEvent) -> Void) {
            if events[key] == nil {
                events[key] = TimelineEvent(date: date, claims: [], mentions: [], publications: [])
                order.append(key)
            }
            update(&events[key]!)
        }
        for source in sources {
            guard let date = source.metadata.date.flatMap(EventDate.init(iso:)) else { continue }
            add("published \(date.iso)", date) { $0.publications.append(source.id) }
        }
        var unplaced: [DateMention] = []
        for mention in mentions where !mention.isDateline {
            guard let date = mention.date else { unplaced.append(mention); continue }
            let cited = claimsQuoted(in: mention.source, within: mention.sentence)
            let key = cited.isEmpty ? "\(date.iso) \(mention.source) \(mention.sentence.start)" : "\(date.iso) \(cited.joined(separator: " "))"
            add(key, date) { event in
                event.mentions.append(mention)
                for id in cited where !event.claims.contains(id) { event.claims.append(id) }
            }
        }
        // Events of one date: publications first, then in the order found.
        let sorted = order.enumerated().sorted { lhs, rhs in
            let a = events[lhs.element]!, b = events[rhs.element]!
            if a.date != b.date { return a.date < b.date }
            if a.publications.isEmpty != b.publications.isEmpty { return !a.publications.isEmpty }
            return lhs.offset < rhs.offset
        }
        return (sorted.map { events[$0.element]! }, unplaced)
    }
}
