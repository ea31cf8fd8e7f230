import Foundation

/// An amount a wording gives, in digits or in words, as the range of values it allows:
/// "24,000" is exactly 24,000; "millions" is two million or more, below a billion;
/// "multi-billion" is two billion or more; "one and a half billion" is 1.5 billion.
public struct Amount: Hashable, Sendable {
    public var text: String
    public var low: Double
    public var high: Double
    /// Where the amount is in the text it was read from (scalar offsets).
    public var span: TextSpan

    /// Whether two amounts can be the same quantity: their ranges meet once `tolerance`
    /// (a fraction, 0.05 for 5%) widens this one.
    public func agrees(with other: Amount, tolerance: Double) -> Bool {
        low * (1 - tolerance) <= other.high && other.low <= high * (1 + tolerance)
    }

    /// The first amount of `found` that agrees with none of `reference`, and the reference amount
    /// it departs from (the nearest): figures are matched as a set, in any order, and an amount
    /// left out is not a difference. Nil when every found amount has a match.
    static func firstUnmatched(_ found: [Amount], against reference: [Amount], tolerance: Double) -> (reference: Amount, found: Amount)? {
        guard !reference.isEmpty else { return nil }
        for amount in found where !reference.contains(where: { $0.agrees(with: amount, tolerance: tolerance) }) {
            let nearest = reference.min { abs(log(max($0.low, 1) / max(amount.low, 1))) < abs(log(max($1.low, 1) / max(amount.low, 1))) }!
            return (nearest, amount)
        }
        return nil
    }

    /// Whether two wordings give the same figures, as sets: each amount of one agrees exactly
    /// with an amount of the other.
    static func sameFigures(_ a: [Amount], _ b: [Amount]) -> Bool {
        a.allSatisfy { x in b.contains { $0.low == x.low && $0.high == x.high } }
            && b.allSatisfy { x in a.contains { $0.low == x.low && $0.high == x.high } }
    }
}

/// Finds amounts in text: every `Figure` in digits, and the figures English writes in
/// words, so that "multi-billion" and "millions" are compared as figures, not as wording.
public enum FigureWords {
    /// The amounts worth comparing between two wordings: ten or more, and not the day of a date
    /// ("Feb. 23", "23 February"). Smaller numbers ("the two companies") are most often not
    /// the figure a claim is about; `comparable(in:with:)` takes them where they are.
    public static func comparable(in text: String) -> [Amount] {
        let scalars = text.scalarArray
        return amounts(in: scalars).filter { $0.high >= 10 && !isDayOfMonth($0, in: scalars) }
    }

    /// The amounts of `text` worth comparing with those of `other`: those of `comparable(in:)`,
    /// and the ones below ten that count the same thing as an amount of `other` does (the word
    /// after them is the same: "two miles" against "30 miles", but not "three labs" against a
    /// wording that numbers no labs).
    public static func comparable(in text: String, with other: String) -> [Amount] {
        Reading(text).comparable(with: Reading(other))
    }

    /// The amounts of two changed stretches of words, for telling a changed figure from changed
    /// words: numbers in digits, amounts of ten or more, and a small number in words ("two")
    /// only where the other stretch gives an amount too ("the two" against "both" is wording).
    static func changedAmounts(_ first: String, _ second: String) -> (first: [Amount], second: [Amount]) {
        let (a, b) = (amounts(in: first), amounts(in: second))
        func kept(_ amounts: [Amount], otherHasAmount: Bool) -> [Amount] {
            amounts.filter { $0.high >= 10 || $0.text.contains(where: \.isNumber) || otherHasAmount }
        }
        return (kept(a, otherHasAmount: !b.isEmpty), kept(b, otherHasAmount: !a.isEmpty))
    }

    /// A wording's amounts (days of a date left out), each with the word after it: read once,
    /// then compared with as many other wordings as need it.
    struct Reading {
        let amounts: [(amount: Amount, noun: String?)]

        init(_ text: String) {
            let scalars = text.scalarArray
            amounts = FigureWords.amounts(in: scalars).filter { !isDayOfMonth($0, in: scalars) }.map { ($0, noun(after: $0, in: scalars)) }
        }

        func comparable(with other: Reading) -> [Amount] {
            let counted = Set(other.amounts.compactMap(\.noun))
            return amounts.filter { $0.amount.high >= 10 || $0.noun.map(counted.contains) == true }.map(\.amount)
        }
    }

    /// The word right after an amount, lower-cased: what it counts ("miles", "accounts").
    static func noun(after amount: Amount, in scalars: [Unicode.Scalar]) -> String? {
        var index = amount.span.end
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\u{00A0}" { index += 1 }
        var letters: [Unicode.Scalar] = []
        while index < scalars.count, scalars[index].isLetterScalar { letters.append(scalars[index]); index += 1 }
        return letters.isEmpty ? nil : String(String.UnicodeScalarView(letters)).lowercased()
    }

    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                      "sep", "sept", "oct", "nov", "dec"]

    /// A number of 1 to 31 written right after or before a month's name.
    static func isDayOfMonth(_ amount: Amount, in scalars: [Unicode.Scalar]) -> Bool {
        guard amount.low == amount.high, amount.low >= 1, amount.low <= 31 else { return false }
        func word(from start: Int, step: Int) -> String {
            var index = start, letters: [Unicode.Scalar] = []
            while index >= 0, index < scalars.count, !scalars[index].isLetterScalar { index += step; if abs(index - start) > 3 { return "" } }
            while index >= 0, index < scalars.count, scalars[index].isLetterScalar { letters.append(scalars[index]); index += step }
            return String(String.UnicodeScalarView(step < 0 ? letters.reversed() : letters)).lowercased()
        }
        return months.contains(word(from: amount.span.start - 1, step: -1)) || months.contains(word(from: amount.span.end, step: 1))
    }

    /// Every amount in `text`, in reading order.
    public static func amounts(in text: String) -> [Amount] { amounts(in: text.scalarArray) }

    static func amounts(in scalars: [Unicode.Scalar]) -> [Amount] {
        let digits = Figure.located(in: scalars).map { found in
            Amount(text: found.figure.text, low: found.figure.value, high: found.figure.value, span: found.span)
        }
        let words = inWords(scalars).filter { word in !digits.contains { $0.span.overlaps(word.span) } }
        return (digits + words).sorted { $0.span < $1.span }
    }

    static let units: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Double] = ["hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12]
    /// "millions": at least two of the scale, and fewer than the next scale up ("thousands" is
    /// below a million, "hundreds" below a thousand, "dozens" below a gross).
    static let vague: [String: Double] = ["dozens": 12, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12]
    static func nextScale(_ scale: Double) -> Double { scale == 12 ? 144 : scale == 100 ? 1e3 : scale * 1e3 }

    /// A word of the text: lower-cased letters and inner hyphens, with its scalar span, and
    /// whether punctuation stands between it and the word before ("a dozen, twenty" is two figures).
    struct Word {
        var text: String
        var span: TextSpan
        var afterBreak = false
    }

    static func words(_ scalars: [Unicode.Scalar]) -> [Word] {
        var words: [Word] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index].isLetterScalar else { index += 1; continue }
            let start = index
            while index < scalars.count, scalars[index].isLetterScalar
                    || (scalars[index] == "-" && index + 1 < scalars.count && scalars[index + 1].isLetterScalar) {
                index += 1
            }
            let gap = scalars[(words.last?.span.end ?? 0)..<start]
            words.append(Word(text: String(String.UnicodeScalarView(scalars[start..<index])).lowercased(), span: TextSpan(start: start, end: index),
                              afterBreak: gap.contains { !$0.isSpace }))
        }
        return words
    }

    static func inWords(_ scalars: [Unicode.Scalar]) -> [Amount] {
        let words = words(scalars)
        var found: [Amount] = []
        var index = 0
        func amount(_ from: Int, _ to: Int, _ low: Double, _ high: Double) -> Amount {
            let span = TextSpan(start: words[from].span.start, end: words[to].span.end)
            return Amount(text: String(String.UnicodeScalarView(scalars[span.start..<span.end])), low: low, high: high, span: span)
        }
        while index < words.count {
            let word = words[index].text
            // "multi-billion", "multibillion": two or more of the scale. (Only a word that starts
            // with "m" can: words never start with a hyphen.)
            let bare = word.hasPrefix("m") ? word.replacingOccurrences(of: "-", with: "") : word
            if bare.hasPrefix("multi"), let scale = scales[String(bare.dropFirst(5))] {
                found.append(amount(index, index, 2 * scale, nextScale(scale)))
                index += 1
                continue
            }
            // "tens of thousands", "hundreds of millions", or "millions" alone.
            if let many = vague[word] ?? (word == "tens" ? 10 : nil) {
                if index + 2 < words.count, words[index + 1].text == "of", let scale = vague[words[index + 2].text] {
                    // "tens of thousands": 20,000 up to 100,000; "hundreds of millions": 200 million up to a billion.
                    found.append(amount(index, index + 2, 2 * many * scale, 10 * many * scale))
                    index += 3
                } else if word != "tens" {
                    found.append(amount(index, index, 2 * many, nextScale(many)))
                    index += 1
                } else {
                    index += 1
                }
                continue
            }
            // A bare "one" is more often a pronoun ("one of the labs") than a figure.
            if let (value, end, scaled) = spelledNumber(words, from: index), value >= 2 || scaled {
                found.append(amount(index, end, value, value))
                index = end + 1
                continue
            }
            index += 1
        }
        return found
    }

    /// A number written in words from `start`: "twenty-four thousand", "one and a half billion",
    /// "half a million", "a dozen". Returns its value, its last word, and whether a scale word
    /// or "dozen" was in it (a bare "one" is more often a pronoun than a figure).
    static func spelledNumber(_ words: [Word], from start: Int) -> (value: Double, end: Int, scaled: Bool)? {
        var total = 0.0, current = 0.0
        var index = start, end = -1, scaled = false, sawNumber = false
        func word(_ at: Int) -> String? { at < words.count ? words[at].text : nil }
        while let text = word(index), index == start || !words[index].afterBreak {
            if let unit = units[text] ?? compound(text) {
                current += unit; sawNumber = true; end = index
            } else if (text == "a" || text == "an"), let next = word(index + 1), scales[next] != nil || next == "dozen" {
                if current == 0 { current = 1 }
            } else if text == "half", word(index + 1) == "a" || word(index + 1) == "an", !words[index + 1].afterBreak {
                current += 0.5; sawNumber = true; scaled = true; index += 1
            } else if text == "and", word(index + 1) == "a", word(index + 2) == "half", sawNumber, !words[index + 1].afterBreak, !words[index + 2].afterBreak {
                current += 0.5; scaled = true; index += 2; end = index
            } else if text == "dozen" {
                current = (current > 0 ? current : 1) * 12; sawNumber = true; scaled = true; end = index
            } else if text == "and", sawNumber, let next = word(index + 1), units[next] != nil || compound(next) != nil {
                // "one hundred and twenty": the "and" joins the parts of one number.
            } else if let scale = scales[text], sawNumber || current > 0 {
                // "a million" and "half a million" set `current` before the scale; a bare "million" counts one.
                if scale == 100 { current = (current > 0 ? current : 1) * 100 } else { total += (current > 0 ? current : 1) * scale; current = 0 }
                sawNumber = true; scaled = true; end = index
            } else {
                break
            }
            index += 1
        }
        guard sawNumber, end >= start else { return nil }
        return (total + current, end, scaled)
    }

    /// "twenty-four": a tens word and a unit joined by a hyphen.
    static func compound(_ text: String) -> Double? {
        // Most words have no hyphen: they are let go before any splitting.
        guard text.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let tens = units[String(parts[0])], tens >= 20, let unit = units[String(parts[1])], unit < 10 else { return nil }
        return tens + unit
    }
}
