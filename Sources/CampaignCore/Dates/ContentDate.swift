import Foundation

/// Parsing and formatting of the ISO 8601 dates editors write in front matter and CSV.
///
/// Accepts `2016-12-05`, `2016-12-05 09:30`, `2016-12-05T09:30:00`, with an optional zone
/// (`Z`, `+08:00`, `+0800`). A date without a zone is in the site's time zone. Hand-written instead of
/// `ISO8601DateFormatter` because editors mix these forms and a formatter accepts only one.
public enum ContentDate {
    /// The first and last years a content date may fall in: the campaign's records start with the
    /// republic; anything outside is a typo (a year `0001` would, say, stretch a chart over 2,000 years).
    public static let validYears = 1949...2100

    /// `1949-01-01 至 2100-12-31`, for messages.
    public static let validRangeText = "\(validYears.lowerBound)-01-01 至 \(validYears.upperBound)-12-31"

    /// True when the day `dayNumber` (days since 1970-01-01) lies in `validYears`.
    public static func isWithinBounds(dayNumber: Int) -> Bool {
        let first = daysFromCivil(year: validYears.lowerBound, month: 1, day: 1)
        let last = daysFromCivil(year: validYears.upperBound, month: 12, day: 31)
        return dayNumber >= first && dayNumber <= last
    }

    /// True when `date`'s day in `timeZone` lies in `validYears`.
    public static func isWithinBounds(_ date: Date, in timeZone: TimeZone) -> Bool {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e12 else { return false }
        return isWithinBounds(dayNumber: dayNumber(date, in: timeZone))
    }

    /// Parses `text`, or returns nil when it is not a date of the accepted forms.
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let s = Array(text.trimmingWhitespace(newlines: false).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += digits
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var offset: Int?
        if i < s.count {
            guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") else { return nil }
            i += 1
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(UInt8(ascii: ":")) {
                guard let sec = number(2) else { return nil }
                second = sec
                if expect(UInt8(ascii: ".")) {
                    while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
                }
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
            while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
            if i < s.count {
                if s[i] == UInt8(ascii: "Z") {
                    i += 1
                    offset = 0
                } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                    let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    let om = number(2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
        }
        guard i == s.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        if let offset { return Date(timeIntervalSince1970: local - Double(offset)) }
        // Resolve the zone offset at that local time (two passes handle a DST edge well enough).
        let guess = Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT()))
        let zoneOffset = timeZone.secondsFromGMT(for: guess)
        return Date(timeIntervalSince1970: local - Double(zoneOffset))
    }

    /// Calendar fields of `date` in `timeZone`.
    public static func components(of date: Date, in timeZone: TimeZone) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    ) {
        let local = Int(floor(date.timeIntervalSince1970)) + timeZone.secondsFromGMT(for: date)
        var days = local / 86_400
        var rest = local % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (y, m, d) = civilFromDays(days)
        return (y, m, d, rest / 3600, (rest % 3600) / 60, rest % 60)
    }

    /// `YYYY-MM-DD HH:MM`, the form of the `PubDate` meta tag and of visible publish times.
    public static func minuteString(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(of: date, in: timeZone)
        guard (1000...9999).contains(c.year) else {
            return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
        }
        return ASCIIDigits.string(16) { out in
            out.day(c.year, c.month, c.day)
            out.byte(UInt8(ascii: " "))
            out.time(c.hour, c.minute, nil)
        }
    }

    /// `YYYY-MM-DD`.
    public static func dayString(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(of: date, in: timeZone)
        guard (1000...9999).contains(c.year) else { return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))" }
        return ASCIIDigits.string(10) { $0.day(c.year, c.month, c.day) }
    }

    /// `YYYY年M月D日`, for Chinese running text.
    public static func chineseDayString(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(of: date, in: timeZone)
        return "\(c.year)年\(c.month)月\(c.day)日"
    }

    /// RFC 3339 with the site's offset, e.g. `2016-12-05T09:30:00+08:00` (Atom, sitemap, JSON).
    public static func rfc3339(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(of: date, in: timeZone)
        let offset = timeZone.secondsFromGMT(for: date)
        if (1000...9999).contains(c.year), abs(offset) < 100 * 3600 {
            return ASCIIDigits.string(25) { out in
                out.day(c.year, c.month, c.day)
                out.byte(UInt8(ascii: "T"))
                out.time(c.hour, c.minute, c.second)
                if offset == 0 {
                    out.byte(UInt8(ascii: "Z"))
                } else {
                    out.byte(UInt8(ascii: offset < 0 ? "-" : "+"))
                    out.time(abs(offset) / 3600, (abs(offset) % 3600) / 60, nil)
                }
            }
        }
        let zone: String
        if offset == 0 {
            zone = "Z"
        } else {
            let sign = offset < 0 ? "-" : "+"
            let a = abs(offset)
            zone = "\(sign)\(pad(a / 3600)):\(pad((a % 3600) / 60))"
        }
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))\(zone)"
    }

    /// Whole days from the start of `from`'s day to the start of `to`'s day, in `timeZone`.
    public static func daysBetween(_ from: Date, _ to: Date, in timeZone: TimeZone) -> Int {
        dayNumber(to, in: timeZone) - dayNumber(from, in: timeZone)
    }

    /// Days since 1970-01-01 of the calendar day holding `date` in `timeZone`.
    public static func dayNumber(_ date: Date, in timeZone: TimeZone) -> Int {
        let c = components(of: date, in: timeZone)
        return daysFromCivil(year: c.year, month: c.month, day: c.day)
    }

    /// The start of the day `dayNumber` (days since 1970-01-01) in `timeZone`.
    public static func startOfDay(_ dayNumber: Int, in timeZone: TimeZone) -> Date {
        let (y, m, d) = civilFromDays(dayNumber)
        return parse("\(pad(y, 4))-\(pad(m))-\(pad(d))", timeZone: timeZone)
            ?? Date(timeIntervalSince1970: Double(dayNumber * 86_400))
    }

    /// Zero-padded decimal digits.
    /// Dates and times written as ASCII digits straight into a string's storage: string interpolation
    /// of padded numbers was about 2 % of a build (every page shows dates).
    private struct ASCIIDigits {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        static func string(_ capacity: Int, _ fill: (inout ASCIIDigits) -> Void) -> String {
            String(unsafeUninitializedCapacity: capacity) { buffer in
                var out = ASCIIDigits(buffer: buffer)
                fill(&out)
                return out.count
            }
        }

        mutating func byte(_ value: UInt8) {
            buffer[count] = value
            count += 1
        }

        /// `value` (0...99) as two digits.
        mutating func two(_ value: Int) {
            byte(UInt8(ascii: "0") + UInt8(value / 10))
            byte(UInt8(ascii: "0") + UInt8(value % 10))
        }

        /// `YYYY-MM-DD`, the year in 1000...9999.
        mutating func day(_ year: Int, _ month: Int, _ day: Int) {
            two(year / 100)
            two(year % 100)
            byte(UInt8(ascii: "-"))
            two(month)
            byte(UInt8(ascii: "-"))
            two(day)
        }

        /// `HH:MM`, or `HH:MM:SS` with seconds.
        mutating func time(_ hour: Int, _ minute: Int, _ second: Int?) {
            two(hour)
            byte(UInt8(ascii: ":"))
            two(minute)
            if let second {
                byte(UInt8(ascii: ":"))
                two(second)
            }
        }
    }

    public static func pad(_ value: Int, _ width: Int = 2) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
