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
        // Hand-written over the bytes: the loaders parse several dates on each of thousands of rows.
        var numbers: [Int] = []
        var digits = 0
        var value = 0
        var separator: UInt8?
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                value = value * 10 + Int(byte - 48)
                digits += 1
                guard digits <= 4 else { return nil }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") {
                // Mixed separators like 2026-11/05 are a typo rather than a form.
                guard separator == nil || separator == byte, numbers.count < 2 else { return nil }
                guard numbers.isEmpty ? digits == 4 : (1...2).contains(digits) else { return nil }
                separator = byte
                numbers.append(value)
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard numbers.count == 2, (1...2).contains(digits) else { return nil }
        self.init(year: numbers[0], month: numbers[1], day: value)
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

    /// Earlier days are smaller.
    public static func < (lhs: ProgressDay, rhs: ProgressDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// Decodes `"YYYY-MM-DD"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = ProgressDay(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date of the form YYYY-MM-DD")
        }
        self = day
    }

    /// Encodes as `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
