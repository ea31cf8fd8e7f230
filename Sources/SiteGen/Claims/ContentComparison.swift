/// A paraphrase set beside the wording it reports, compared on what it claims rather than
/// word by word: its figures, its hedges and whether it keeps the sense. A word-by-word
/// diff of two different sentences would mark nearly every word and hide these.
enum ContentComparison {
    /// What a wording claims, read once: a claim's reference is compared with every paraphrase of it.
    struct Wording {
        let figures: FigureWords.Reading
        let hedges: [String]
        let names: [String]

        init(_ text: String) {
            figures = FigureWords.Reading(text)
            hedges = ContentComparison.hedges(in: text)
            names = ContentComparison.names(in: text)
        }
    }

    /// `aligned` is the word-by-word diff of the two, already made for the page's marks.
    static func differences(reference: String, found: String, aligned: WordDiff) -> [Difference] {
        differences(reference: Wording(reference), found: Wording(found), aligned: aligned)
    }

    static func differences(reference: Wording, found: Wording, aligned: WordDiff) -> [Difference] {
        var differences: [Difference] = []
        // Figures as sets, in any order; a 3 against a "three", or the day of a date, is not one.
        let old = reference.figures.comparable(with: found.figures), new = found.figures.comparable(with: reference.figures)
        if !Amount.sameFigures(old, new) {
            differences.append(Difference(kind: .figure, reference: old.map(\.text).joined(separator: ", "), found: new.map(\.text).joined(separator: ", ")))
        }
        let (oldHedges, newHedges) = (reference.hedges, found.hedges)
        if Set(oldHedges) != Set(newHedges) {
            differences.append(Difference(kind: .qualifier, reference: oldHedges.joined(separator: ", "), found: newHedges.joined(separator: ", ")))
        }
        // A name is content: one the paraphrase spells differently is a `spelling` difference.
        let foundNames = found.names
        for name in reference.names where !foundNames.contains(name) {
            if let near = foundNames.first(where: { WordDiff.isNearlyTheSame(name, $0) }) {
                differences.append(Difference(kind: .spelling, reference: name, found: near))
            }
        }
        // A reversal, found where the two wordings line up word by word.
        differences += aligned.differences.filter { $0.kind == .meaning }
        return differences
    }

    /// Capitalised words: the names a wording uses. A first word is a name unless it is one
    /// of the words that often start a sentence.
    static func names(in text: String) -> [String] {
        // A possessive is the name itself: "Anthropic's" is "Anthropic".
        WordDiff.tokens(text).map { token in
            var token = token
            for suffix in ["'s", "’s"] where token.hasSuffix(suffix) { token.removeLast(2) }
            return WordDiff.key(token)
        }.enumerated()
            .filter { $0.element.first?.isUppercase == true && ($0.offset > 0 || !sentenceStarters.contains($0.element.lowercased())) }
            .map(\.element)
    }

    static let sentenceStarters: Set<String> = ["the", "these", "those", "this", "that", "they", "there", "it", "its", "a", "an",
                                                "in", "on", "at", "as", "but", "and", "we", "our", "he", "she", "his", "her", "some"]

    static func words(_ text: String) -> [String] {
        WordDiff.tokens(text).map { WordDiff.key($0).lowercased() }
    }

    /// A word that starts a figure: one with a digit, or a number word ("twenty", "millions").
    static func isFigureWord(_ word: String) -> Bool {
        word.contains(where: \.isNumber) || FigureWords.units[word] != nil || FigureWords.scales[word] != nil
            || FigureWords.vague[word] != nil || word.hasPrefix("multi")
    }

    /// The hedges of `Qualifiers.lexicon` the text puts before a figure, in order, each once.
    static func hedges(in text: String) -> [String] {
        let tokens = words(text)
        var found: [String] = []
        var index = 0
        outer: while index < tokens.count {
            for phrase in Qualifiers.longestFirst where tokens[index...].starts(with: phrase) {
                // A hedge hedges a figure: "some 24,000", not "some of the restrictions".
                let next = index + phrase.count
                if next < tokens.count, isFigureWord(tokens[next]) {
                    let hedge = phrase.joined(separator: " ")
                    if !found.contains(hedge) { found.append(hedge) }
                }
                index = next
                continue outer
            }
            index += 1
        }
        return found
    }
}
