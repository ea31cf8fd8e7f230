/// Where a source names an entity.
public struct EntityMention: Hashable, Sendable {
    public var entity: String
    public var source: String
    public var span: TextSpan
    /// The words as the source spells them.
    public var spelling: String
    /// False when the spelling differs from every alias in capitals or
    /// punctuation only ("MoonShot AI" for "Moonshot AI"): counted, and reported.
    public var isKnownAlias: Bool
}

/// Finds entity mentions by their aliases. Matching walks the text's words
/// once, trying the aliases that start with each word, longest first, so
/// "Moonshot AI" wins over "Moonshot" and "Elon Musk" over "Musk".
struct MentionFinder {
    private struct Alias {
        var entity: String
        var spelling: [Unicode.Scalar]
        var keys: [String]
    }

    private var aliasesByFirstWord: [String: [Alias]] = [:]

    init(entities: [Entity]) {
        for entity in entities {
            for spelling in entity.aliases {
                let scalars = spelling.scalarArray
                let tokens = WordToken.all(in: scalars)
                guard let first = tokens.first, let last = tokens.last else { continue }
                // Compared from its first word to its last: "Inc." matches "Inc" before a full stop.
                aliasesByFirstWord[first.key, default: []].append(
                    Alias(entity: entity.id, spelling: Array(scalars[first.start..<last.end]), keys: tokens.map(\.key)))
            }
        }
        for key in aliasesByFirstWord.keys { aliasesByFirstWord[key]?.sort { $0.keys.count > $1.keys.count } }
    }

    /// Every mention in `text`, in order. A spelling whose words match an
    /// alias but whose capitals or punctuation do not is a mention too, marked
    /// as an unknown alias, unless the alias is a short word such as “X”,
    /// where a change of case is usually a different word.
    func mentions(in text: String, source: String) -> [EntityMention] {
        let scalars = text.scalarArray
        return mentions(in: scalars, tokens: WordToken.all(in: scalars), source: source)
    }

    /// The same, for text already split into scalars and words.
    func mentions(in scalars: [Unicode.Scalar], tokens: [WordToken], source: String) -> [EntityMention] {
        var mentions: [EntityMention] = []
        var index = 0
        while index < tokens.count {
            // The longest alias whose words match; of equally long ones, the exact spelling.
            var best: (words: Int, mention: EntityMention)?
            for alias in aliasesByFirstWord[tokens[index].key] ?? [] where index + alias.keys.count <= tokens.count {
                if let best, best.words > alias.keys.count || best.mention.isKnownAlias { break }
                let words = tokens[index..<(index + alias.keys.count)]
                guard zip(words, alias.keys).allSatisfy({ $0.key == $1 }) else { continue }
                let span = TextSpan(start: words.first!.start, end: words.last!.end)
                let found = Array(scalars[span.start..<span.end])
                let exact = found == alias.spelling
                guard exact || alias.spelling.count >= 4 else { continue }
                best = (alias.keys.count, EntityMention(entity: alias.entity, source: source, span: span,
                                                        spelling: String(String.UnicodeScalarView(found)), isKnownAlias: exact))
            }
            if let best {
                mentions.append(best.mention)
                index += best.words
            } else {
                index += 1
            }
        }
        return mentions
    }
}
