/// The names and codes that tell a claim apart from claims that share its
/// sentence template ("DeepSeek … 150,000 exchanges", "MiniMax … 13 million
/// exchanges"): the entities of `entities.yaml` it names, and its codes,
/// words that mix letters and digits ("c00002", "H200").
struct ClaimIdentity: Hashable, Sendable {
    var entities: Set<String> = []
    var codes: Set<String> = []

    var isEmpty: Bool { entities.isEmpty && codes.isEmpty }
}

/// Whether a passage names the claim it is matched to.
enum IdentityCheck: Equatable, Sendable {
    /// The claim names nothing that tells it apart.
    case nothingToCheck
    /// Every name and code of the claim is there, exactly or as a plausible misspelling.
    case confirmed
    /// Some are there and some are missing, and the passage names nothing else in their place.
    case partial
    /// The claim names entities and the passage names none of them, nor anything else in their place.
    case unnamed
    /// The passage names none of the claim's entities but other ones, none a rival's or of the same kind.
    case otherNamed
    /// Some are missing and the passage names another entity or code: it is about something else.
    case conflict
}

/// Finds identities in texts and checks passages against them.
struct IdentityFinder: Sendable {
    let mentions: MentionFinder
    /// Each entity's spellings, folded, for finding misspelt names.
    private let spellings: [String: [(scalars: [Unicode.Scalar], searcher: BitVectorMyers?)]]
    private let kinds: [String: Entity.Kind]
    /// Every code any claim carries: a code that one claim carries is no misspelling of another's.
    private(set) var knownCodes: Set<String> = []

    init(entities: [Entity]) {
        mentions = MentionFinder(entities: entities)
        var spellings: [String: [(scalars: [Unicode.Scalar], searcher: BitVectorMyers?)]] = [:]
        for entity in entities {
            // Made ready for the bit-vector search once: they are looked for in many paragraphs.
            spellings[entity.id] = entity.aliases.map(FoldedText.foldQuote).filter { $0.count >= Self.shortestMisspelt }
                .map { ($0, BitVectorMyers(ascii: $0)) }
        }
        self.spellings = spellings
        kinds = Dictionary(entities.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
    }

    /// Names shorter than this are never taken as misspelt: one edit makes another word of "X" or "xAI".
    static let shortestMisspelt = 5

    mutating func register(_ identity: ClaimIdentity) { knownCodes.formUnion(identity.codes) }

    func identity(of text: String) -> ClaimIdentity {
        ClaimIdentity(entities: Set(mentions.mentions(in: text, source: "").map(\.entity)), codes: Self.codes(in: text))
    }

    /// The words of `text` that are names or codes, lower-cased.
    func words(of text: String) -> Set<String> {
        let scalars = text.scalarArray
        let spans = mentions.mentions(in: text, source: "").map(\.span)
        let named = WordToken.all(in: scalars).filter { token in spans.contains { $0.start <= token.start && token.end <= $0.end } }
        return Set(named.map(\.key)).union(Self.codeTokens(in: scalars).map(\.key))
    }

    /// Words with both letters and digits, lower-cased, of three scalars or more.
    static func codes(in text: String) -> Set<String> {
        Set(codeTokens(in: text.scalarArray).map(\.key))
    }

    private static func codeTokens(in scalars: [Unicode.Scalar]) -> [WordToken] { WordToken.all(in: scalars).filter(isCode) }

    private static func isCode(_ token: WordToken) -> Bool {
        // The digit test first: it is the cheap one that most words fail.
        token.key.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } && token.key.unicodeScalars.count >= 3
            && token.key.unicodeScalars.contains { $0.isLetterScalar }
    }

    /// The entities and codes a paragraph names, found once for every claim it is checked against.
    func names(in text: FoldedText, tokens: [WordToken]) -> NamedText {
        NamedText(text: text, mentions: mentions.mentions(in: text.original, tokens: tokens, source: ""), codes: tokens.filter(Self.isCode),
                  coded: ApproximateSearch.CodedText(text.folded))
    }

    /// Whether the passage `range` (offsets into the paragraph) names what the claim names.
    /// `rivals` are the entities that claims on the same template name: one of them where this
    /// claim's is missing is the passage naming another member of the family.
    func check(_ identity: ClaimIdentity, rivals: Set<String>, in paragraph: NamedText, within range: TextSpan) -> IdentityCheck {
        guard !identity.isEmpty else { return .nothingToCheck }
        let inside = { (span: TextSpan) in span.start >= range.start && span.end <= range.end }
        let named = paragraph.mentions.filter { inside($0.span) }
        let namedEntities = Set(named.map(\.entity))
        let folded = paragraph.text.foldedRange(range)
        var missingEntities = 0
        for entity in identity.entities where !namedEntities.contains(entity) {
            // A misspelling: a spelling of this entity with a few edits, made of whole words, where no
            // other entity is named ("philanthropic" holds no misspelt "Anthropic").
            let misspelt = (spellings[entity] ?? []).contains { spelling, searcher in
                let text = paragraph.text.folded
                let edits = max(1, spelling.count / 6)
                let occurrence: ApproximateOccurrence?
                if let coded = paragraph.coded {
                    occurrence = ApproximateSearch.best(spelling, prepared: searcher, in: coded, range: folded, maxEdits: edits)
                } else {
                    occurrence = ApproximateSearch.best(spelling, in: Array(text[folded]), maxEdits: edits)
                }
                guard let found = occurrence else { return false }
                // The whole words around the occurrence must be the near spelling, not a word that holds it.
                var (first, last) = (folded.lowerBound + found.start, folded.lowerBound + found.end)
                while first > 0, text[first - 1].isWordScalar { first -= 1 }
                while last < text.count, text[last].isWordScalar { last += 1 }
                guard WordDiff.editDistance(Array(text[first..<last]), spelling) <= edits else { return false }
                let span = paragraph.text.span(folded: first, last)
                return !named.contains { $0.span.start < span.end && $0.span.end > span.start }
            }
            if !misspelt { missingEntities += 1 }
        }
        let codes = Set(paragraph.codes.filter { inside(TextSpan(start: $0.start, end: $0.end)) }.map(\.key))
        var strangers = codes.subtracting(identity.codes)
        var missingCodes = 0
        for code in identity.codes.sorted() where !codes.contains(code) {
            // A code one edit away that no claim carries is this code mistyped.
            if let typo = strangers.sorted().first(where: { !knownCodes.contains($0) && WordDiff.editDistance(Array($0), Array(code)) <= 1 }) {
                strangers.remove(typo)
            } else {
                missingCodes += 1
            }
        }
        if missingEntities == 0 && missingCodes == 0 { return .confirmed }
        // Something else stands where the claim's name or code is missing: another code; an entity
        // a rival claim names; or, where none of the claim's entities is named, another entity of
        // the same kind (another lab, another person). A claim that names several entities (the
        // site's own sentence often does) keeps a passage that names some of them, and a product
        // named beside a company is no stand-in for it.
        let others = namedEntities.subtracting(identity.entities)
        let otherCode = missingCodes > 0 && !strangers.isEmpty
        let rival = missingEntities > 0 && !others.isDisjoint(with: rivals)
        let claimKinds = Set(identity.entities.compactMap { kinds[$0] })
        let sameKind = !identity.entities.isEmpty && missingEntities == identity.entities.count
            && others.contains { kinds[$0].map(claimKinds.contains) ?? false }
        if otherCode || rival || sameKind { return .conflict }
        let namedAny = missingEntities < identity.entities.count || missingCodes < identity.codes.count
        return namedAny ? .partial : others.isEmpty ? .unnamed : .otherNamed
    }
}

/// A paragraph with the entities and codes it names.
struct NamedText {
    let text: FoldedText
    let mentions: [EntityMention]
    let codes: [WordToken]
    /// `text.folded` coded once for the approximate searches made in it (nil: too many distinct scalars).
    let coded: ApproximateSearch.CodedText?
}
