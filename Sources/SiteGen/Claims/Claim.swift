/// What sort of statement a claim is.
public enum ClaimKind: String, Sendable, CaseIterable {
    case figure, quote, event, allegation, characterization, context
}

/// Did the named speaker say it? One of the claims model's two axes (SPEC §4): it is about
/// the words, never about whether what they assert is true (that is `Verdict`).
public enum Attribution: String, Sendable, CaseIterable {
    /// The words are found in a primary source by the speaker that the site holds.
    case verified
    /// News reports credit the words to the speaker; no primary record of them is held here.
    case attributed
    /// News reports state it in their own voice; it is not credited to a speaker's words.
    case reported
    /// Credited to the speaker, but the record the reports point to is not held here or does
    /// not contain the words, so the attribution could not be checked.
    case unverifiable

    public var label: String {
        switch self {
        case .verified: return "Verified in the primary source"
        case .attributed: return "Attributed, no primary source seen"
        case .reported: return "Reported only"
        case .unverifiable: return "Could not be checked"
        }
    }
}

/// Is what the claim asserts true? The desk's rating on a fixed scale, explained on the
/// "About" page; only a verdict feeds ClaimReview. A claim may have none.
public enum Verdict: String, Sendable, CaseIterable {
    /// The sources held here bear it out.
    case accurate
    /// Partly right, but it leaves a false impression.
    case misleading
    /// The sources held here contradict it.
    case inaccurate
    /// The sources held here do not bear it out as stated.
    case unsupported
    /// Only the claimant's own account exists; no independent source tests it.
    case unproven
    /// The sources contradict each other, or a party contests it, and the sources do not settle it.
    case disputed

    public var label: String {
        switch self {
        case .accurate: return "Accurate"
        case .misleading: return "Misleading"
        case .inaccurate: return "Inaccurate"
        case .unsupported: return "Unsupported"
        case .unproven: return "Unproven"
        case .disputed: return "Disputed"
        }
    }

    /// The place on ClaimReview's numeric scale (1 worst, 5 best) for the verdicts that
    /// rate truth on it; the others are textual ratings only, with no number.
    public var ratingValue: Int? {
        switch self {
        case .inaccurate: return 1
        case .misleading: return 3
        case .accurate: return 5
        case .unsupported, .unproven, .disputed: return nil
        }
    }

    public static let worstRating = 1
    public static let bestRating = 5
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
    public var attribution: Attribution
    /// Nil: the desk gives no rating, and the claim page carries no ClaimReview.
    public var verdict: Verdict?
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
    /// Why a claim whose sources contradict each other on a figure is not `disputed`.
    public var notDisputed: String? = nil
    /// One sentence, in the desk's words, that gives the reason for the verdict.
    public var summary: String? = nil
    /// When the desk reviewed the claim, and last changed its page (YYYY-MM-DD); the site's
    /// `updated` date where not given.
    public var reviewed: String? = nil
    public var updated: String? = nil
    /// What the desk could not check, beyond what the data already shows.
    public var notChecked: String? = nil
    /// `draft: true`: left out of the site unless the build asks for drafts.
    public var draft = false
    public var path: String
    public var position: SourcePosition
}
