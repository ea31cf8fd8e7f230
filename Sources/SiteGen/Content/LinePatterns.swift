/// The line shapes the scrape cleaner recognises, read scalar by scalar. Each
/// one does what a regular expression once did (the expressions are kept in
/// `ScrapeCleanerTests` as the reference the scanners are checked against),
/// with the same classes: `\d` any decimal digit, `\w` a regex word scalar,
/// `\s` any White_Space scalar (`isSpace`).
enum LinePatterns {
    /// `^ date (\d{4}-\d{2}-\d{2}) ?`: the date and how many scalars the prefix takes.
    static func datePrefix(_ line: [Unicode.Scalar]) -> (date: String, length: Int)? {
        let opening = Array(" date ".unicodeScalars)
        guard line.starts(with: opening) else { return nil }
        var index = opening.count
        let start = index
        for (part, digits) in [4, 2, 2].enumerated() {
            if part > 0 {
                guard index < line.count, line[index] == "-" else { return nil }
                index += 1
            }
            guard index + digits <= line.count, line[index..<(index + digits)].allSatisfy(\.isDecimalDigit) else { return nil }
            index += digits
        }
        let date = String(String.UnicodeScalarView(line[start..<index]))
        if index < line.count, line[index] == " " { index += 1 }
        return (date, index)
    }

    /// What is wrong with a first line that starts like a date prefix (` date `) but is not a
    /// valid one: a malformed date would otherwise become part of the text or the title, and an
    /// impossible one (`2026-02-30`) would reach the feed.
    static func datePrefixProblem(_ line: [Unicode.Scalar]) -> String? {
        guard line.starts(with: Array(" date ".unicodeScalars)) else { return nil }
        guard let (date, _) = datePrefix(line) else {
            return "the first line starts like a date prefix but the date is not written YYYY-MM-DD (` date 2026-02-24 ` then the text)"
        }
        return DateText.isValid(date) ? nil : "the date prefix `\(date)` is not a calendar date"
    }

    private static let bullets: Set<Unicode.Scalar> = ["•", "·", "▪", "●", "◦", "‣"]

    /// `^[•·▪●◦‣]\s*`: how many scalars the bullet and the space after it take.
    static func bulletPrefix(_ line: some Collection<Unicode.Scalar>) -> Int? {
        guard let first = line.first, bullets.contains(first) else { return nil }
        return 1 + line.dropFirst().prefix(while: \.isSpace).count
    }

    /// A call to action, at the start of the line, in any case: `^(get the latest issue of|subscribe
    /// (to|now)|sign up (for|to|now)|click here|download (the|our) .*app|follow us on|join our|read the latest issue)`.
    /// Read from the line's start (and, after "download the|our", along the rest), so a long
    /// paragraph costs a few scalars, not a copy of it.
    static func isPromotion(_ line: some Collection<Unicode.Scalar>) -> Bool {
        if promotionOpenings.contains(where: { hasPrefix(line, $0) }) { return true }
        for opening in downloadOpenings where hasPrefix(line, opening) {
            let rest = line.dropFirst(opening.count)
            return rest.indices.contains { start in hasPrefix(rest[start...], appWord) }
        }
        return false
    }

    private static let promotionOpenings = ["get the latest issue of", "subscribe to", "subscribe now", "sign up for", "sign up to", "sign up now",
                                            "click here", "follow us on", "join our", "read the latest issue"].map { Array($0.unicodeScalars) }
    private static let downloadOpenings = ["download the ", "download our "].map { Array($0.unicodeScalars) }
    private static let appWord = Array("app".unicodeScalars)

    /// An embedded post's signature at the end of the line:
    /// `\s[—–]\s[^—–]+\(@\w{1,30}\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}$` ("— Elon Musk (@elonmusk) February 23, 2026").
    /// Read backwards from the end, where every part has one way to match; a line that does not end
    /// in a digit (nearly every line) is not copied out to be read.
    static func hasEmbedSignature(_ line: some BidirectionalCollection<Unicode.Scalar>) -> Bool {
        guard let last = line.last, last.isDecimalDigit else { return false }
        let line = Array(line)
        var end = line.count
        /// Takes the run of scalars of `kind` that ends at `end`, at most `most` of them; its length.
        func run(_ kind: (Unicode.Scalar) -> Bool, most: Int = .max) -> Int {
            var start = end
            while start > 0, end - start < most, kind(line[start - 1]) { start -= 1 }
            defer { end = start }
            return end - start
        }
        func take(_ scalar: Unicode.Scalar) -> Bool {
            guard end > 0, line[end - 1] == scalar else { return false }
            end -= 1
            return true
        }
        let lower = { (scalar: Unicode.Scalar) in scalar.value >= 0x61 && scalar.value <= 0x7A }
        let upper = { (scalar: Unicode.Scalar) in scalar.value >= 0x41 && scalar.value <= 0x5A }
        // Each run must be followed (to its left) by something it cannot contain, so the longest run is the only one.
        guard run(\.isDecimalDigit, most: 4) == 4, take(" "), take(","), (1...2).contains(run(\.isDecimalDigit, most: 2)), take(" "),
              run(lower) >= 1, run(upper, most: 1) == 1, run(\.isSpace) >= 1, take(")"),
              (1...30).contains(run(\.isRegexWordScalar, most: 30)), take("@"), take("(") else { return false }
        // `\s[—–]\s[^—–]+` just before: only the last dash can open it, since the run after it has none.
        let isDash = { (scalar: Unicode.Scalar) in scalar == "—" || scalar == "–" }
        guard let dash = line[..<end].lastIndex(where: isDash), dash >= 1, dash + 2 < end else { return false }
        return line[dash - 1].isSpace && line[dash + 1].isSpace
    }

    /// Whether `line` opens with `text` (ASCII letters and spaces), in any case. A scalar matches a
    /// letter if it folds to it: the letter in either case, and the Kelvin sign and long s, which
    /// fold to "k" and "s". One scalar stands for one letter: unlike the regular expression this
    /// replaced, which folded fully, "ß" is not "ss" and the ligature "ﬅ" is not "st" here.
    /// Walks `text`'s length only: counting a string's scalars would walk the whole line.
    private static func hasPrefix(_ line: some Collection<Unicode.Scalar>, _ text: [Unicode.Scalar]) -> Bool {
        var found = line.makeIterator()
        for wanted in text {
            guard let scalar = found.next(), foldsTo(scalar, wanted) else { return false }
        }
        return true
    }

    private static func foldsTo(_ found: Unicode.Scalar, _ wanted: Unicode.Scalar) -> Bool {
        if found == wanted { return true }
        let isLetter = wanted.value >= 0x61 && wanted.value <= 0x7A
        if isLetter && found.value == wanted.value - 0x20 { return true }
        if wanted == "k" { return found == "\u{212A}" }
        if wanted == "s" { return found == "\u{017F}" }
        return false
    }
}
