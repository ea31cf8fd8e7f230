/// What sort of statement a claim is.
public enum ClaimKind: String, Sendable, CaseIterable {
    case figure, quote, event, allegation, characterization, context
}

/// The site's verdict on a claim. The vocabulary is fixed and explained on the
/// "About this explainer" page; `label` is what readers and ClaimReview see.
public enum ClaimStatus: String, Sendable, CaseIterable {
    /// Checked against a primary source or a record the site holds, and it matches.
    case verified
    /// The speaker's own words are on record, but what they assert cannot be checked from the sources.
    case attributed
    /// Only news reports state it; no primary source here confirms it.
    case reported
    /// A party to the story contests it, or the sources contradict each other.
    case disputed
    /// The sources here do not support it (misquoted, misattributed or wrong as stated).
    case unsupported

    public var label: String {
        switch self {
        case .verified: return "Verified"
        case .attributed: return "Attributed, not verified"
        case .reported: return "Reported only"
        case .disputed: return "Disputed"
        case .unsupported: return "Not supported by the sources"
        }
    }
}

/// A quotation located by its words (W3C TextQuoteSelector): `quote` must occur
/// in the source's text; `prefix`/`suffix` pick one occurrence among several.
public struct QuoteSelector: Hashable, Sendable {
    public var source: String
    public var quote: String
    public var prefix: String?
    public var suffix: String?
    /// Where this selector was written, for diagnostics.
    public var position: SourcePosition
}

/// One source's wording of a claim, as curated in the claims model.
public struct ClaimAppearance: Hashable, Sendable {
    public var selector: QuoteSelector
    /// The source this source says the words come from, when that is not where they are found.
    public var attributedTo: String?
    /// A curator's note on this wording (Markdown is not interpreted; shown as text).
    public var note: String?
}

/// A source named in a claim file (in `not_in`), with where it was written.
public struct SourceReference: Hashable, Sendable {
    public var id: String
    public var position: SourcePosition
}

/// One checkable statement, who made it, and how each source words it.
public struct Claim: Hashable, Sendable {
    public var id: String
    public var statement: String
    public var kind: ClaimKind
    public var speaker: String
    public var status: ClaimStatus
    public var reference: QuoteSelector?
    public var appearances: [ClaimAppearance]
    /// Markdown, rendered through cmark's safe renderer.
    public var notes: String?
    /// `notes` as HTML, rendered when the claim is loaded, so rendering pages parses nothing.
    public var notesHTML: String? = nil
    /// Claims whose figures should add up to this claim's figure.
    public var sumOf: [String]
    /// How far a figure found in a new source may be from the claim's and still
    /// match, as a fraction of the claim's figure (0.05 is 5%). Nil: exactly.
    public var tolerance: Double? = nil
    /// Sources a curator ruled out: automatic matching never shows the claim in them.
    public var notIn: [SourceReference] = []
    public var path: String
    public var position: SourcePosition
}
