import Foundation

/// A calendar date as precise as a source gives it: a year, a month or a day.
public struct EventDate: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses `YYYY-MM-DD`, as source metadata writes dates.
    public init?(iso text: String) {
        guard DateText.isValid(text) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// A year or month sorts before the days inside it.
    public static func < (a: EventDate, b: EventDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    /// `2026`, `2026-01` or `2026-02-23`, as HTML's `<time datetime>` takes it.
    /// Zero-padded by hand: `String(format:)` for each of every source's dates was about a
    /// hundredth of a rebuild.
    public var iso: String {
        var text = Self.padded(year, width: 4)
        if let month { text += "-" + Self.padded(month, width: 2) }
        if let day { text += "-" + Self.padded(day, width: 2) }
        return text
    }

    /// `value` in at least `width` characters, sign included, as `%0*d` writes it.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude), sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count - sign.count)) + digits
    }

    /// `23 February 2026`, `January 2026` or `2025`.
    public var label: String {
        guard let month else { return String(year) }
        let name = Self.monthNames[month - 1]
        return day.map { "\($0) \(name) \(year)" } ?? "\(name) \(year)"
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    // MARK: Day arithmetic (proleptic Gregorian calendar, no time zones)

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private var components: DateComponents { DateComponents(year: year, month: month ?? 1, day: day ?? 1) }

    /// The day `days` away; only for dates with a day.
    func adding(days: Int) -> EventDate {
        guard let date = Self.calendar.date(from: components),
              let moved = Self.calendar.date(byAdding: .day, value: days, to: date) else { return self }
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: moved)
        return EventDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Whole days from this date to `other`; nil unless both have a day.
    func days(to other: EventDate) -> Int? {
        guard day != nil, other.day != nil, let from = Self.calendar.date(from: components),
              let to = Self.calendar.date(from: other.components) else { return nil }
        return Self.calendar.dateComponents([.day], from: from, to: to).day
    }

    /// 1 for Sunday through 7 for Saturday.
    var weekday: Int {
        guard let date = Self.calendar.date(from: components) else { return 1 }
        return Self.calendar.component(.weekday, from: date)
    }

    /// The month before, at month precision.
    var previousMonth: EventDate {
        let month = self.month ?? 1
        return month == 1 ? EventDate(year: year - 1, month: 12) : EventDate(year: year, month: month - 1)
    }
}
