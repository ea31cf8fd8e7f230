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
    /// Some are missing, and the passage names nothing else in their place.
    case unconfirmed
    /// Some are missing and the passage names another entity or code: it is about something else.
    case conflict
}

/// Finds identities in texts and checks passages against them.
struct IdentityFinder: Sendable {
    let mentions: MentionFinder
    /// Each entity's spellings, folded, for finding misspelt names.
    private let spellings: [String: [[Unicode.Scalar]]]
    private let kinds: [String: Entity.Kind]
    /// Every code any claim carries: a code that one claim carries is no misspelling of another's.
    private(set) var knownCodes: Set<String> = []

    init(entities: [Entity]) {
        mentions = MentionFinder(entities: entities)
        var spellings: [String: [[Unicode.Scalar]]] = [:]
        for entity in entities {
            spellings[entity.id] = entity.aliases.map(FoldedText.foldQuote).filter { $0.count >= Self.shortestMisspelt }
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

    /// Words with both letters and digits, lower-cased, of three scalars or more.
    static func codes(in text: String) -> Set<String> {
        Set(WordToken.all(in: Array(text.unicodeScalars)).map(\.key).filter { key in
            key.unicodeScalars.count >= 3 && key.unicodeScalars.contains { ("0"..."9").contains($0) }
                && key.unicodeScalars.contains { $0.isLetterScalar }
        })
    }

    func check(_ identity: ClaimIdentity, in passage: String) -> IdentityCheck {
        guard !identity.isEmpty else { return .nothingToCheck }
        let named = mentions.mentions(in: passage, source: "")
        let namedEntities = Set(named.map(\.entity))
        let scalars = FoldedText(passage)
        var missingEntities = 0
        for entity in identity.entities where !namedEntities.contains(entity) {
            // A misspelling: a spelling of this entity with a few edits, where no other entity is named.
            let misspelt = (spellings[entity] ?? []).contains { spelling in
                guard let found = ApproximateSearch.best(spelling, in: scalars.folded, maxEdits: max(1, spelling.count / 6)) else { return false }
                let span = scalars.span(folded: found.start, found.end)
                return !named.contains { $0.span.start < span.end && $0.span.end > span.start }
            }
            if !misspelt { missingEntities += 1 }
        }
        let codes = Self.codes(in: passage)
        var strangers = codes.subtracting(identity.codes)
        var missingCodes = 0
        for code in identity.codes where !codes.contains(code) {
            // A code one edit away that no claim carries is this code mistyped.
            if let typo = strangers.first(where: { !knownCodes.contains($0) && WordDiff.editDistance(Array($0), Array(code)) <= 1 }) {
                strangers.remove(typo)
            } else {
                missingCodes += 1
            }
        }
        if missingEntities == 0 && missingCodes == 0 { return .confirmed }
        // Another code where the claim's is missing is something else; so is another entity of the
        // same kind (another lab, another person) where none of the claim's is named. A claim that
        // names several entities (the site's own sentence often does) keeps a passage that names
        // some of them, and a product named beside a company is no stand-in for it.
        let otherCode = missingCodes > 0 && !strangers.isEmpty
        let claimKinds = Set(identity.entities.compactMap { kinds[$0] })
        let otherEntity = !identity.entities.isEmpty && missingEntities == identity.entities.count
            && namedEntities.subtracting(identity.entities).contains { kinds[$0].map(claimKinds.contains) ?? false }
        return otherCode || otherEntity ? .conflict : .unconfirmed
    }
}
