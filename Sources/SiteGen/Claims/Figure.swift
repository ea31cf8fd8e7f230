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
    /// Scale words in the order they are tried: the first that ends at a word boundary wins.
    private static let scaleWords: [[Unicode.Scalar]] = ["thousand", "millions", "million", "billions", "billion", "trillion", "bn", "k", "m"]
        .map { $0.scalarArray }

    /// Every figure in `text`, in order. Years (four bare digits, 1900–2100, no scale) are left out.
    public static func all(in text: String) -> [Figure] { located(in: text.scalarArray).map(\.figure) }

    /// Every figure in `scalars` with its span: from its currency sign or first digit to the end
    /// of its number or scale word. One pass over the scalars, leftmost figure first:
    ///
    ///     [$ | € | £ | US$] [one space] (d{1,3}(,ddd)+ | d+[.d+]) [[one space] thousand | million(s) | billion(s) | trillion | bn | k | m]
    ///
    /// A scale word must end at a word boundary and is read in any case. A number glued to a
    /// letter before it ("H200") is a name, not a quantity.
    static func located(in scalars: [Unicode.Scalar]) -> [(figure: Figure, span: TextSpan)] {
        var found: [(figure: Figure, span: TextSpan)] = []
        var index = 0
        while index < scalars.count {
            // Most scalars start no figure; refusing them here, without a call, is most of the scan's speed.
            let value = scalars[index].value
            if value < 0x80, !(value >= 0x30 && value <= 0x39), value != 0x24, value != 0x55, value != 0x75,
               !(value == 0x20 && index + 1 < scalars.count && scalars[index + 1].isDecimalDigit) {
                index += 1
                continue
            }
            guard let match = match(at: index, in: scalars) else { index += 1; continue }
            index = match.end
            if let figure = figure(from: match, in: scalars) { found.append(figure) }
        }
        return found
    }

    private struct Match {
        var start: Int
        var currency: Range<Int>?
        var digits: Range<Int>
        var scale: Range<Int>?
        var end: Int
    }

    /// The figure that starts exactly at `start`, if one does.
    private static func match(at start: Int, in scalars: [Unicode.Scalar]) -> Match? {
        func isDigit(_ offset: Int) -> Bool { offset < scalars.count && scalars[offset].isDecimalDigit }
        func lower(_ offset: Int) -> Unicode.Scalar? {
            guard offset < scalars.count else { return nil }
            let scalar = scalars[offset]
            return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32) : scalar
        }
        // Most scalars start no figure: only a digit, a space before one, a currency sign or "US$" can.
        // This is asked of every scalar, so the common refusals come first and allocate nothing.
        let first = scalars[start]
        var currency: Range<Int>?
        if first.isDecimalDigit {
        } else if first.isSpace {
            guard isDigit(start + 1) else { return nil }
        } else if first == "$" || first == "€" || first == "£" {
            currency = start..<(start + 1)
        } else if first == "U" || first == "u" {
            guard lower(start + 1) == "s", start + 2 < scalars.count, scalars[start + 2] == "$" else { return nil }
            currency = start..<(start + 3)
        } else {
            return nil
        }
        var position = start
        // The currency is optional: where no number follows it, try again without it.
        for attempt in 0..<(currency == nil ? 1 : 2) {
            let currencyRange = attempt == 0 ? currency : nil
            position = currencyRange?.upperBound ?? start
            if position < scalars.count, scalars[position].isSpace, isDigit(position + 1) { position += 1 }
            guard isDigit(position) else { continue }
            let digitsStart = position
            var end = position
            // Thousands groups first: one to three digits, then at least one ",ddd".
            var lead = 0
            while lead < 3, isDigit(digitsStart + lead) { lead += 1 }
            var grouped = digitsStart + lead
            while grouped < scalars.count, scalars[grouped] == ",", isDigit(grouped + 1), isDigit(grouped + 2), isDigit(grouped + 3) {
                grouped += 4
            }
            if grouped > digitsStart + lead {
                end = grouped
            } else {
                while isDigit(end) { end += 1 }
                if end < scalars.count, scalars[end] == ".", isDigit(end + 1) {
                    end += 1
                    while isDigit(end) { end += 1 }
                }
            }
            let digits = digitsStart..<end
            var scale: Range<Int>?
            let scaleStart = end < scalars.count && scalars[end].isSpace ? end + 1 : end
            for word in scaleWords where scaleStart + word.count <= scalars.count {
                guard (0..<word.count).allSatisfy({ lower(scaleStart + $0) == word[$0] }) else { continue }
                let after = scaleStart + word.count
                if after == scalars.count || !scalars[after].isRegexWordScalar {
                    scale = scaleStart..<after
                    end = after
                }
                break
            }
            return Match(start: currencyRange?.lowerBound ?? digitsStart, currency: currencyRange, digits: digits, scale: scale, end: end)
        }
        return nil
    }

    private static func figure(from match: Match, in scalars: [Unicode.Scalar]) -> (figure: Figure, span: TextSpan)? {
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        // A number glued to letters ("H200") is a name, not a quantity.
        if match.start > 0, scalars[match.start - 1].isLetterScalar { return nil }
        // A year (four bare digits, 1900–2100, no scale or currency) is not a figure: ruled out before any
        // string is made. "2,000" is written as a quantity, never as a year, and stays a figure.
        let digits = scalars[match.digits]
        if match.scale == nil, match.currency == nil, digits.count == 4, digits.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }),
           (1900...2100).contains(digits.reduce(0) { $0 * 10 + Int($1.value - 0x30) }) {
            return nil
        }
        let number = String(String.UnicodeScalarView(digits.filter { $0 != "," }))
        guard var value = Double(number) else { return nil }
        let scale = match.scale.map { string($0).lowercased() }
        if let scale { value *= scales[scale] ?? 1 }
        let currency = match.currency.map(string)
        let span = TextSpan(start: match.start, end: match.end)
        return (Figure(value: value, text: string(match.start..<match.end), currency: currency, scale: scale), span)
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
    static let longestFirst = lexicon.sorted { $0.count > $1.count }

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
