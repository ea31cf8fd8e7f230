import Foundation

/// A number as written in text, with its scale and currency:
/// "24,000", "16 million", "3.4 million", "$1.5 billion", "150,000".
public struct Figure: Hashable, Sendable {
    public var value: Double
    public var text: String
    public var currency: String?
    /// "million", "billion", … as written, if any.
    public var scale: String?

    static let scales: [String: Double] = ["thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
                                           "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9]
    private static let pattern = try! NSRegularExpression(
        pattern: #"(\$|€|£|US\$)?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(thousand|millions?|billions?|trillion|bn|k|m)\b)?"#,
        options: [.caseInsensitive])

    /// Every figure in `text`, in order. Years (four digits, 1900–2100, no scale) are left out.
    public static func all(in text: String) -> [Figure] { located(in: text).map(\.figure) }

    /// Every figure in `text` with where it is.
    public static func located(in text: String) -> [(figure: Figure, range: Range<String.Index>)] {
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            guard let whole = Range(match.range, in: text), let digits = Range(match.range(at: 2), in: text) else { return nil }
            let number = text[digits].replacingOccurrences(of: ",", with: "")
            guard var value = Double(number) else { return nil }
            let scale = Range(match.range(at: 3), in: text).map { text[$0].lowercased() }
            if let scale { value *= scales[scale] ?? 1 }
            let currency = Range(match.range(at: 1), in: text).map { String(text[$0]) }
            if scale == nil, currency == nil, number.count == 4, !number.contains("."), (1900...2100).contains(Int(value)) { return nil }
            let trimmed = text[whole].trimmingCharacters(in: .whitespaces)
            let start = text[whole].firstIndex { !$0.isWhitespace } ?? whole.lowerBound
            // A number glued to letters ("H200") is a name, not a quantity.
            if let before = text[..<start].unicodeScalars.last, before.isLetterScalar { return nil }
            return (Figure(value: value, text: trimmed, currency: currency, scale: scale), start..<whole.upperBound)
        }
    }

    public static func first(in text: String) -> Figure? { all(in: text).first }

    /// "16.55 million", "150,000": how the site writes a computed value.
    public static func format(_ value: Double) -> String {
        for (name, size) in [("billion", 1e9), ("million", 1e6)] where value >= size {
            let scaled = value / size
            let digits = scaled == scaled.rounded() ? "%.0f" : (scaled * 10 == (scaled * 10).rounded() ? "%.1f" : "%.2f")
            return String(format: digits, scaled) + " " + name
        }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}

/// Words that hedge a figure. A change among them alone is a `qualifier` difference.
public enum Qualifiers {
    /// Each entry is one hedge, possibly of several words; matching is case-insensitive.
    public static let lexicon: [[String]] = [
        ["over"], ["more", "than"], ["above"], ["exceeding"], ["upwards", "of"], ["in", "excess", "of"],
        ["around"], ["approximately"], ["about"], ["roughly"], ["some"], ["circa"], ["an", "estimated"], ["estimated"],
        ["nearly"], ["almost"], ["close", "to"], ["just", "under"], ["under"], ["fewer", "than"], ["less", "than"],
        ["at", "least"], ["at", "most"], ["up", "to"], ["as", "many", "as"], ["as", "much", "as"],
    ]

    /// Longest hedges first, so "more than" is tried before "more" could be.
    private static let longestFirst = lexicon.sorted { $0.count > $1.count }

    /// True when the words form one or more hedges and nothing else.
    static func isHedge(_ tokens: [String]) -> Bool {
        var rest = tokens.map { $0.lowercased() }[...]
        guard !rest.isEmpty else { return false }
        outer: while !rest.isEmpty {
            for phrase in longestFirst where rest.starts(with: phrase) {
                rest = rest.dropFirst(phrase.count)
                continue outer
            }
            return false
        }
        return true
    }
}
