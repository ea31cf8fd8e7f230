/// A paraphrase set beside the wording it reports, compared on what it claims rather than
/// word by word: its figures, its hedges and whether it keeps the sense. A word-by-word
/// diff of two different sentences would mark nearly every word and hide these.
enum ContentComparison {
    static func differences(reference: String, found: String) -> [Difference] {
        var differences: [Difference] = []
        let old = FigureWords.amounts(in: reference), new = FigureWords.amounts(in: found)
        if old.count != new.count || zip(old, new).contains(where: { $0.low != $1.low || $0.high != $1.high }) {
            differences.append(Difference(kind: .figure, reference: old.map(\.text).joined(separator: ", "), found: new.map(\.text).joined(separator: ", ")))
        }
        let oldHedges = hedges(in: reference), newHedges = hedges(in: found)
        if oldHedges != newHedges {
            differences.append(Difference(kind: .qualifier, reference: oldHedges.joined(separator: ", "), found: newHedges.joined(separator: ", ")))
        }
        // A name is content: one the paraphrase spells differently is a `spelling` difference.
        let foundNames = names(in: found)
        for name in names(in: reference) where !foundNames.contains(name) {
            if let near = foundNames.first(where: { WordDiff.isNearlyTheSame(name, $0) }) {
                differences.append(Difference(kind: .spelling, reference: name, found: near))
            }
        }
        let oldWords = words(reference), newWords = words(found)
        if Meaning.isTurnedAround(removed: oldWords.filter { !newWords.contains($0) }, added: newWords.filter { !oldWords.contains($0) }) {
            differences.append(Difference(kind: .meaning, reference: reference, found: found))
        }
        return differences
    }

    /// Capitalised words: the names a wording uses. A first word is a name unless it is one
    /// of the words that often start a sentence.
    static func names(in text: String) -> [String] {
        WordDiff.tokens(text).map(WordDiff.key).enumerated()
            .filter { $0.element.first?.isUppercase == true && ($0.offset > 0 || !sentenceStarters.contains($0.element.lowercased())) }
            .map(\.element)
    }

    static let sentenceStarters: Set<String> = ["the", "these", "those", "this", "that", "they", "there", "it", "its", "a", "an",
                                                "in", "on", "at", "as", "but", "and", "we", "our", "he", "she", "his", "her", "some"]

    static func words(_ text: String) -> [String] {
        WordDiff.tokens(text).map { WordDiff.key($0).lowercased() }
    }

    /// The hedges of `Qualifiers.lexicon` the text uses, in order, each once.
    static func hedges(in text: String) -> [String] {
        let tokens = words(text)
        var found: [String] = []
        var index = 0
        outer: while index < tokens.count {
            for phrase in Qualifiers.longestFirst where tokens[index...].starts(with: phrase) {
                let hedge = phrase.joined(separator: " ")
                if !found.contains(hedge) { found.append(hedge) }
                index += phrase.count
                continue outer
            }
            index += 1
        }
        return found
    }
}
