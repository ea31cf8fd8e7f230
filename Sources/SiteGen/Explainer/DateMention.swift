import Foundation

/// A date expression in a source's text ("last month", "on Monday",
/// "February 23, 2026"), resolved against the article's own date.
public struct DateMention: Hashable, Sendable {
    public var source: String
    /// The expression itself.
    public var span: TextSpan
    public var expression: String
    /// The sentence the expression is in.
    public var sentence: TextSpan
    /// Nil when it cannot be resolved (a relative date in an undated article).
    public var date: EventDate?
    public var isRelative: Bool
    /// How the date was worked out, in words.
    public var explanation: String
    /// Why the resolution may be wrong; nil when it is not in doubt.
    public var doubt: String?
    /// The expression is the whole sentence: a dateline, not an event.
    public var isDateline: Bool
}

/// Finds date expressions by walking a text's words. It knows absolute dates
/// (`February 23, 2026`, `3 February 2026`, `July 2024`, `in 2024`) and the
/// relative ones news copy uses (`last year`, `last month`, `earlier this
/// month`, `last week`, `yesterday`, `today`, weekdays, `in June`). Month and
/// weekday names count only when capitalised, so "may" and "march" stay verbs.
struct DateFinder {
    let source: Source

    func mentions() -> [DateMention] {
        let scalars = source.text.string.scalarArray
        return mentions(scalars: scalars, tokens: WordToken.all(in: scalars))
    }

    /// The same, for the source's own text (`source.text.string`) already split into scalars and
    /// words: the spans found are offsets into it.
    func mentions(scalars: [Unicode.Scalar], tokens: [WordToken]) -> [DateMention] {
        let sentences = source.text.sentences
        let published = source.metadata.date.flatMap(EventDate.init(iso:))
        var found: [DateMention] = []
        var index = 0
        while index < tokens.count {
            let opener = tokens[index].key
            guard Self.startsWithNumber(opener) || Self.openers.contains(opener),
                  let match = match(at: index, tokens: tokens, scalars: scalars, published: published) else { index += 1; continue }
            let span = TextSpan(start: tokens[index].start, end: tokens[index + match.length - 1].end)
            // A post embedded in an article is dated as a whole, so its date belongs to all of it.
            let block = source.text.blockIndex(at: span.start)
            let sentence = source.text.blocks[block].kind == .embed
                ? TextSpan(start: source.text.blockStarts[block], end: source.text.blockStarts[block] + source.text.blocks[block].scalarCount)
                : sentences.first { $0.start <= span.start && span.end <= $0.end } ?? span
            let expression = String(String.UnicodeScalarView(scalars[span.start..<span.end]))
            let sentenceText = String(String.UnicodeScalarView(scalars[sentence.start..<sentence.end]))
            found.append(DateMention(source: source.id, span: span, expression: expression, sentence: sentence,
                                     date: match.date, isRelative: match.relative, explanation: match.explanation, doubt: match.doubt,
                                     isDateline: sentenceText.trimmingCharacters(in: Self.datelineTrim) == expression))
            index += match.length
        }
        return found
    }

    private struct Match {
        var length: Int
        var date: EventDate?
        var relative: Bool
        var explanation: String
        var doubt: String?
    }

    private func match(at index: Int, tokens: [WordToken], scalars: [Unicode.Scalar], published: EventDate?) -> Match? {
        func key(_ offset: Int) -> String? { index + offset < tokens.count ? tokens[index + offset].key : nil }
        func capitalised(_ offset: Int) -> Bool {
            index + offset < tokens.count && scalars[tokens[index + offset].start].isCapital
        }
        func number(_ offset: Int, in range: ClosedRange<Int>) -> Int? {
            key(offset).flatMap { Int($0) }.flatMap { range.contains($0) ? $0 : nil }
        }
        func month(_ offset: Int) -> Int? {
            guard capitalised(offset), let word = key(offset) else { return nil }
            return Self.months[word]
        }
        let previousWord = index > 0 ? tokens[index - 1].key : ""

        // Absolute dates.
        if let month = month(0), let day = number(1, in: 1...31), let year = number(2, in: 1900...2100) {
            return absolute(EventDate(year: year, month: month, day: day), length: 3)
        }
        if let day = number(0, in: 1...31), let month = month(1), let year = number(2, in: 1900...2100) {
            return absolute(EventDate(year: year, month: month, day: day), length: 3)
        }
        if let month = month(0), let year = number(1, in: 1900...2100) {
            return absolute(EventDate(year: year, month: month), length: 2)
        }
        if ["in", "since", "until", "by"].contains(key(0) ?? ""), let year = number(1, in: 1900...2100) {
            return absolute(EventDate(year: year), length: 2)
        }

        for (words, relative) in Self.phrases where (0..<words.count).allSatisfy({ key($0) == words[$0] }) {
            return resolve(relative, length: words.count, published: published)
        }
        if capitalised(0), let weekday = key(0).flatMap({ Self.weekdays[$0] }) {
            return resolve(.weekday(weekday, strictlyBefore: previousWord == "last"), length: 1, published: published)
        }
        // A day without a year, as in "on June 12" or "on 12 June": only after a preposition.
        if Self.dayPrepositions.contains(previousWord) {
            if let month = month(0), let day = number(1, in: 1...31), number(2, in: 1900...2100) == nil {
                return resolve(.dayWithoutYear(month: month, day: day), length: 2, published: published)
            }
            if let day = number(0, in: 1...31), let month = month(1), number(2, in: 1900...2100) == nil {
                return resolve(.dayWithoutYear(month: month, day: day), length: 2, published: published)
            }
        }
        // A month without a year, as in "In June": only after a preposition, so that
        // a name like "April" on its own is not read as a date.
        if ["in", "since", "until", "by", "last"].contains(previousWord), let month = month(0), number(1, in: 1...31) == nil {
            return resolve(.monthWithoutYear(month), length: 1, published: published)
        }
        return nil
    }

    private func absolute(_ date: EventDate, length: Int) -> Match {
        Match(length: length, date: date, relative: false, explanation: "An absolute date: \(date.label).", doubt: nil)
    }

    /// Relative dates: the words, then what they resolve to.
    private static let phrases: [([String], Relative)] = [
        (["earlier", "this", "month"], .thisMonth), (["earlier", "this", "year"], .thisYear),
        (["last", "year"], .lastYear), (["last", "month"], .lastMonth), (["last", "week"], .lastWeek),
        (["this", "month"], .thisMonth), (["this", "year"], .thisYear), (["this", "week"], .thisWeek),
        (["yesterday"], .yesterday), (["today"], .today),
    ]

    /// `word.first?.isNumber`, without making a Character: an ASCII word is a number when it starts
    /// with a digit (no other ASCII scalar has a numeric type); any other is asked of its first scalar.
    static func startsWithNumber(_ word: String) -> Bool {
        guard let byte = word.utf8.first else { return false }
        if byte < 0x80 { return byte >= 0x30 && byte <= 0x39 }
        return word.unicodeScalars.first?.properties.numericType != nil
    }

    /// What is around a date that makes up a whole sentence on its own (a dateline).
    private static let datelineTrim = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)

    /// Words a date expression can start with; any other word is passed over at once.
    private static let openers: Set<String> = Set(months.keys).union(weekdays.keys)
        .union(["earlier", "last", "this", "yesterday", "today", "in", "since", "until", "by"])

    private enum Relative {
        case lastYear, thisYear, lastMonth, thisMonth, lastWeek, thisWeek, yesterday, today
        case weekday(Int, strictlyBefore: Bool)
        case monthWithoutYear(Int)
        case dayWithoutYear(month: Int, day: Int)
    }

    static let dayPrepositions: Set<String> = ["on", "by", "until", "since", "from", "before", "after", "through", "till"]

    private func resolve(_ relative: Relative, length: Int, published: EventDate?) -> Match {
        guard let published, let month = published.month, published.day != nil else {
            return Match(length: length, date: nil, relative: true,
                         explanation: "The article has no date, so this relative date cannot be placed.",
                         doubt: "The article is undated.")
        }
        let from = "the article’s date, \(published.label)"
        var doubt: String?
        let date: EventDate
        let rule: String
        switch relative {
        case .lastYear: date = EventDate(year: published.year - 1); rule = "the calendar year before"
        case .thisYear: date = EventDate(year: published.year); rule = "the same year as"
        case .lastMonth: date = published.previousMonth; rule = "the calendar month before"
        case .thisMonth: date = EventDate(year: published.year, month: month); rule = "the same month as"
        case .yesterday: date = published.adding(days: -1); rule = "the day before"
        case .today: date = published; rule = "the same day as"
        case .thisWeek, .lastWeek:
            // Weeks start on Monday; the date shown is that Monday.
            let sinceMonday = (published.weekday + 5) % 7
            let isLast: Bool
            if case .lastWeek = relative { isLast = true } else { isLast = false }
            date = published.adding(days: -sinceMonday - (isLast ? 7 : 0))
            rule = isLast ? "the week (Monday to Sunday) before the week of" : "the week (Monday to Sunday) of"
            doubt = "A week, not a day: shown at the Monday that starts it."
        case .weekday(let weekday, let strictlyBefore):
            var back = (published.weekday - weekday + 7) % 7
            if back == 0 && strictlyBefore { back = 7 }
            date = published.adding(days: -back)
            let name = EventDate.weekdayNames[weekday - 1]
            rule = back == 0 ? "the same day: the article is dated a \(name)" : "the last \(name) on or before"
            if back == 0 && !strictlyBefore {
                doubt = "The article is dated a \(name) itself; “\(name)” is read as that day, but it could mean the \(name) a week earlier."
            }
        case .dayWithoutYear(let named, let day):
            // News copy names days near its own date, before or after it ("will vote on June 12"):
            // the nearest such day, in doubt only when it is more than three months away.
            let candidates = [published.year - 1, published.year, published.year + 1].compactMap { year -> (EventDate, Int)? in
                let candidate = EventDate(year: year, month: named, day: day)
                guard DateText.isValid(candidate.iso), let distance = published.days(to: candidate) else { return nil }
                return (candidate, abs(distance))
            }
            guard let nearest = candidates.min(by: { $0.1 < $1.1 }) else {
                // "June 31" is no day of any year: it is not placed.
                return Match(length: length, date: nil, relative: true, explanation: "\(EventDate.monthNames[named - 1]) has no day \(day).",
                             doubt: "No such day.")
            }
            date = nearest.0
            let name = "\(day) \(EventDate.monthNames[named - 1])"
            rule = "the \(name) nearest to"
            if nearest.1 > 92 { doubt = "No year is given; the \(name) nearest to the article’s date is assumed." }
        case .monthWithoutYear(let named):
            let year = named <= month ? published.year : published.year - 1
            date = EventDate(year: year, month: named)
            rule = "the latest \(EventDate.monthNames[named - 1]) on or before"
            doubt = "No year is given; the most recent \(EventDate.monthNames[named - 1]) before the article is assumed."
        }
        let explanation = rule.hasPrefix("the same day:") ? "Resolved to \(date.label), \(rule)." : "Resolved to \(date.label): \(rule) \(from)."
        return Match(length: length, date: date, relative: true, explanation: explanation, doubt: doubt)
    }

    static let months: [String: Int] = {
        var months: [String: Int] = [:]
        for (index, name) in EventDate.monthNames.enumerated() {
            months[name.lowercased()] = index + 1
            months[String(name.prefix(3)).lowercased()] = index + 1
        }
        months["sept"] = 9
        return months
    }()

    static let weekdays: [String: Int] = Dictionary(uniqueKeysWithValues:
        EventDate.weekdayNames.enumerated().map { ($0.element.lowercased(), $0.offset + 1) })
}
