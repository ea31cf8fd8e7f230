/// How one wording differs from the reference wording, in words a reader understands.
public struct Difference: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A number differs.
        case figure
        /// A hedge changed: "approximately" became "over".
        case qualifier
        /// Words changed inside the wording.
        case wording
        /// A near-identical word: a typo or a changed capital.
        case spelling
        /// The words are credited to another speaker or channel than the one they come from.
        case attribution
        /// Reference words left out.
        case omission
        /// Words the reference does not have.
        case addition
        /// The sense is turned around: a negation added or dropped ("has had to pay" → "has yet
        /// to pay"), or a word swapped for its opposite ("allowed" → "banned").
        case meaning
        /// The same words with other punctuation: a comma dropped inside a quotation.
        case punctuation

        /// The kinds that say what a wording claims, not how it is phrased: all a paraphrase is
        /// compared on.
        public var isContent: Bool { [.figure, .qualifier, .meaning, .attribution].contains(self) }
    }

    public var kind: Kind
    public var reference: String
    public var found: String
}

/// A word-level comparison of a wording against the reference wording:
/// a longest-common-subsequence alignment of word tokens, then each changed
/// stretch classified.
public struct WordDiff: Sendable {
    public enum Piece: Hashable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    public let pieces: [Piece]
    public let differences: [Difference]

    public init(reference: String, found: String) {
        let old = Self.tokens(reference), new = Self.tokens(found)
        // A wording's first word may be capitalised only because it starts a sentence.
        let oldKeys = Self.keys(old), newKeys = Self.keys(new)
        // lengths[i * width + j] = LCS length of old[i...] and new[j...]
        let width = new.count + 1
        var lengths = [Int](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = oldKeys[i] == newKeys[j] ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var pieces: [Piece] = []
        var differences: [Difference] = []
        var removed: [String] = [], added: [String] = []
        func flush() {
            if removed.isEmpty && added.isEmpty { return }
            differences.append(Self.classify(removed: removed, added: added))
            pieces += removed.map(Piece.removed) + added.map(Piece.added)
            removed = []; added = []
        }
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, oldKeys[i] == newKeys[j] {
                flush()
                // Marks at a wording's first or last word are where the quotation was cut, not part of it.
                if i > 0, j > 0, i < old.count - 1, j < new.count - 1, Self.punctuationDiffers(old[i], new[j]) {
                    pieces += [.removed(old[i]), .added(new[j])]
                    differences.append(Difference(kind: .punctuation, reference: old[i], found: new[j]))
                } else {
                    pieces.append(.same(new[j]))
                }
                i += 1; j += 1
            } else if j < new.count, i == old.count || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j] {
                added.append(new[j]); j += 1
            } else {
                removed.append(old[i]); i += 1
            }
        }
        flush()
        self.pieces = pieces
        self.differences = differences
    }

    public var isIdentical: Bool { differences.isEmpty }

    /// The words of `text`, split at white space Characters. ASCII text is split by byte, which is
    /// the same there and ten times faster than finding Character boundaries; elsewhere a space can
    /// carry a combining mark that makes it one Character with it, so Characters decide.
    static func tokens(_ text: String) -> [String] {
        if text.isASCII {
            return text.utf8.split(whereSeparator: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }).map { String(decoding: $0, as: UTF8.self) }
        }
        return text.split { $0.isWhitespace }.map(String.init)
    }

    static func keys(_ tokens: [String]) -> [String] {
        tokens.enumerated().map { $0.offset == 0 ? key($0.element).lowercased() : key($0.element) }
    }

    /// What two words must share to count as the same: their letters and digits,
    /// with typographic quotes and dashes folded. Case is kept, so a changed
    /// capital shows up (as `spelling`).
    static func key(_ token: String) -> String {
        // Most words are ASCII, where folding changes nothing but "`" and letters and digits are plain bytes.
        if token.isASCII {
            let core = token.utf8.filter { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            if core.count == token.utf8.count { return token }
            if !core.isEmpty { return String(decoding: core, as: UTF8.self) }
        }
        return foldedKey(token)
    }

    /// `key` for any word, folding every scalar and asking each Character whether it is a letter or digit.
    static func foldedKey(_ token: String) -> String {
        let folded = String(String.UnicodeScalarView(token.unicodeScalars.map(FoldedText.fold)))
        let core = folded.filter { $0.isLetter || $0.isNumber }
        return core.isEmpty ? folded : core
    }

    /// Two words with the same letters and digits that differ in punctuation once typographic
    /// quotes and dashes are folded: "AI," against "AI". Quotation marks do not count: where a
    /// report opens or closes its quotation is not a change to the words.
    static func punctuationDiffers(_ a: String, _ b: String) -> Bool {
        func marks(_ word: String) -> [Unicode.Scalar] {
            word.unicodeScalars.map(FoldedText.fold).filter {
                !$0.isWordScalar && $0 != "\"" && $0 != "'"
            }
        }
        return a != b && marks(a) != marks(b)
    }

    static func classify(removed: [String], added: [String]) -> Difference {
        let reference = removed.joined(separator: " "), found = added.joined(separator: " ")
        let bare = { (tokens: [String]) in tokens.map { key($0) } }
        if Qualifiers.isHedge(bare(removed)) || Qualifiers.isHedge(bare(added)),
           removed.isEmpty || Qualifiers.isHedge(bare(removed)), added.isEmpty || Qualifiers.isHedge(bare(added)) {
            return Difference(kind: .qualifier, reference: reference, found: found)
        }
        // "No," at the head of a sentence answers; it does not negate what follows.
        let interjection = { (token: String) in token.hasSuffix(",") && key(token).lowercased() == "no" }
        if Meaning.isTurnedAround(removed: bare(removed.filter { !interjection($0) }), added: bare(added.filter { !interjection($0) })) {
            return Difference(kind: .meaning, reference: reference, found: found)
        }
        if removed.isEmpty { return Difference(kind: .addition, reference: "", found: found) }
        if added.isEmpty { return Difference(kind: .omission, reference: reference, found: "") }
        let figures = FigureWords.changedAmounts(reference, found)
        if !Amount.sameFigures(figures.first, figures.second) {
            return Difference(kind: .figure, reference: reference, found: found)
        }
        if removed.count == added.count, zip(removed, added).allSatisfy({ isNearlyTheSame(key($0), key($1)) }) {
            return Difference(kind: .spelling, reference: reference, found: found)
        }
        return Difference(kind: .wording, reference: reference, found: found)
    }

    /// Same word but for a typo or two: a small edit distance relative to length,
    /// or a difference of case alone.
    static func isNearlyTheSame(_ a: String, _ b: String) -> Bool {
        if a.lowercased() == b.lowercased() { return true }
        let distance = editDistance(Array(a.lowercased()), Array(b.lowercased()))
        let longest = max(a.count, b.count)
        return longest >= 5 && distance <= max(1, longest / 4)
    }

    static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Words that turn a statement around: negations, and pairs of opposites.
enum Meaning {
    static let negationWords: Set<String> = ["not", "no", "never", "none", "nothing", "neither", "nor", "without", "cannot"]
    static let opposites: [(String, String)] = [
        ("allowed", "banned"), ("allow", "ban"), ("allows", "bans"), ("lifted", "imposed"), ("lift", "impose"),
        ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("rising", "falling"), ("increased", "decreased"),
        ("increase", "decrease"), ("gained", "lost"), ("won", "lost"), ("win", "lose"), ("higher", "lower"), ("up", "down"),
        ("accepted", "rejected"), ("approved", "rejected"), ("confirmed", "denied"), ("confirm", "deny"), ("guilty", "innocent"),
        ("true", "false"), ("legal", "illegal"), ("before", "after"), ("most", "least"), ("largest", "smallest"),
    ]
    static let opposite: [String: Set<String>] = {
        var map: [String: Set<String>] = [:]
        for (a, b) in opposites { map[a, default: []].insert(b); map[b, default: []].insert(a) }
        return map
    }()

    /// Whether a changed stretch reverses the sense. Words only added or only dropped do so when
    /// they are nothing but a negation ("has not approved"); a longer stretch left out is an
    /// omission, not a reversal. Words replaced do so when the negations differ ("has had to
    /// pay" → "has yet to pay", where "yet" stands for "not yet") or a word becomes its
    /// opposite. `removed` and `added` are `WordDiff.key`s.
    static func isTurnedAround(removed: [String], added: [String]) -> Bool {
        let old = removed.map { $0.lowercased() }, new = added.map { $0.lowercased() }
        func isNegation(_ word: String) -> Bool { negationWords.contains(word) || contractions.contains(word) }
        if old.isEmpty || new.isEmpty {
            let side = old.isEmpty ? new : old
            return !side.isEmpty && side.allSatisfy(isNegation)
        }
        func negations(_ words: [String]) -> Int { words.filter { isNegation($0) || $0 == "yet" }.count }
        if negations(old) != negations(new) { return true }
        return old.contains { word in new.contains { opposite[word]?.contains($0) == true } }
    }

    /// "didnt", "hasnt" (keys lose the apostrophe): contractions of "not".
    static let contractions: Set<String> = ["dont", "didnt", "doesnt", "hasnt", "havent", "hadnt", "isnt", "wasnt", "werent",
                                             "arent", "wont", "wouldnt", "couldnt", "shouldnt", "cant"]
}
