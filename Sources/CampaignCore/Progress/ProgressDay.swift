import Foundation

/// A calendar day of the progress data (found, deadline, closed, daily summary dates), free of any time.
///
/// Progress figures count whole days, so a day number is all they need; keeping no time of day means
/// no time zone can shift a deadline. Encodes to JSON as `"YYYY-MM-DD"`.
public struct ProgressDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var dayNumber: Int

    /// The day `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The day holding `date` in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        dayNumber = ContentDate.dayNumber(date, in: timeZone)
    }

    /// The day of `year`, `month`, `day`, or nil when no such day exists.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= ContentDate.daysIn(month: month, year: year) else {
            return nil
        }
        dayNumber = ContentDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses the forms spreadsheets write for a date: `2026-11-05`, `2026/11/05`, `2026-11-5`, `2026/11/5`
    /// (month and day with one or two digits). Returns nil for anything else or an impossible day.
    public init?(_ text: String) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        // Mixed separators like 2026-11/05 are a typo rather than a form.
        let separators = text.filter { $0 == "-" || $0 == "/" }
        guard Set(separators).count == 1 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Year, month and day of this day.
    public var components: (year: Int, month: Int, day: Int) {
        let (y, m, d) = ContentDate.civilFromDays(dayNumber)
        return (y, m, d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return "\(ContentDate.pad(c.year, 4))-\(ContentDate.pad(c.month))-\(ContentDate.pad(c.day))"
    }

    /// `M月D日`, the short form for chart labels.
    public var shortChinese: String {
        let c = components
        return "\(c.month)月\(c.day)日"
    }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> ProgressDay { ProgressDay(dayNumber: dayNumber + days) }

    public static func < (lhs: ProgressDay, rhs: ProgressDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = ProgressDay(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date of the form YYYY-MM-DD")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
