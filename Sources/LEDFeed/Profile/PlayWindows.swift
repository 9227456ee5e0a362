import Foundation

/// When an item may play: the intersection of the screen's schedule, the item's own schedule and, for vendor
/// formats that only know whole dates, a day's part of `from`/`until`.
///
/// Daily windows are kept as half-open minute ranges inside one day (0–1440); a window past midnight
/// (`22:00-02:00`) becomes two ranges. `ranges == nil` means all day; an empty list means never.
public struct PlayWindows: Sendable, Hashable {
    /// Minute ranges of a day, sorted, not overlapping; nil: all day.
    public var ranges: [Range<Int>]?
    /// ISO weekdays 1…7; empty: every day. `neverOnWeekdays` marks an empty intersection of two weekday lists.
    public var weekdays: [Int]
    /// True when the weekday lists had no day in common: the item never plays.
    public var neverOnWeekdays: Bool

    public init(ranges: [Range<Int>]? = nil, weekdays: [Int] = [], neverOnWeekdays: Bool = false) {
        self.ranges = ranges
        self.weekdays = weekdays
        self.neverOnWeekdays = neverOnWeekdays
    }

    /// The windows of one schedule (nil: always).
    public init(_ schedule: LEDSchedule?) {
        guard let schedule else {
            self.init()
            return
        }
        var ranges: [Range<Int>]?
        if !schedule.windows.isEmpty {
            var list: [Range<Int>] = []
            for window in schedule.windows {
                if window.start < window.end {
                    list.append(window.start..<window.end)
                } else {
                    list.append(window.start..<1440)
                    if window.end > 0 { list.append(0..<window.end) }
                }
            }
            ranges = Self.normalized(list)
        }
        self.init(ranges: ranges, weekdays: Array(Set(schedule.weekdays).sorted()))
    }

    /// True when nothing is left: no minute or no weekday.
    public var isNever: Bool { neverOnWeekdays || ranges?.isEmpty == true }

    /// Both at once.
    public func intersected(with other: PlayWindows) -> PlayWindows {
        var ranges: [Range<Int>]?
        switch (self.ranges, other.ranges) {
        case (nil, nil): ranges = nil
        case (let a?, nil): ranges = a
        case (nil, let b?): ranges = b
        case (let a?, let b?):
            var list: [Range<Int>] = []
            for x in a {
                for y in b where x.overlaps(y) {
                    list.append(max(x.lowerBound, y.lowerBound)..<min(x.upperBound, y.upperBound))
                }
            }
            ranges = Self.normalized(list)
        }
        var days: [Int]
        var never = neverOnWeekdays || other.neverOnWeekdays
        if weekdays.isEmpty {
            days = other.weekdays
        } else if other.weekdays.isEmpty {
            days = weekdays
        } else {
            days = weekdays.filter(other.weekdays.contains)
            if days.isEmpty { never = true }
        }
        return PlayWindows(ranges: ranges, weekdays: days, neverOnWeekdays: never)
    }

    static func normalized(_ list: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in list.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, last.upperBound >= range.lowerBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// One stretch of whole days (`first`…`last`, `yyyy-MM-dd`) with the minutes of each day it covers.
    public struct DaySpan: Sendable, Hashable {
        public var first: String
        public var last: String
        /// The part of each day, nil: all day.
        public var minutes: Range<Int>?
    }

    /// `from`…`until` as at most three spans of whole days: the first day from `from`'s time, the days between
    /// all day, the last day until `until`'s time. Empty when both are nil (no date limit).
    public static func daySpans(from: Date?, until: Date?, timeZone: TimeZone) -> [DaySpan] {
        guard from != nil || until != nil else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func day(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        func minute(_ date: Date) -> Int {
            let c = calendar.dateComponents([.hour, .minute], from: date)
            return (c.hour ?? 0) * 60 + (c.minute ?? 0)
        }
        func next(_ date: Date, _ days: Int) -> Date { calendar.date(byAdding: .day, value: days, to: date) ?? date }
        let open = "2000-01-01"
        let end = "2099-12-31"
        guard let from else {
            guard let until else { return [] }
            let last = minute(until)
            return last == 0
                ? [DaySpan(first: open, last: day(next(until, -1)), minutes: nil)]
                : [
                    DaySpan(first: open, last: day(next(until, -1)), minutes: nil),
                    DaySpan(first: day(until), last: day(until), minutes: 0..<last),
                ]
        }
        let start = minute(from)
        guard let until else {
            return start == 0
                ? [DaySpan(first: day(from), last: end, minutes: nil)]
                : [
                    DaySpan(first: day(from), last: day(from), minutes: start..<1440),
                    DaySpan(first: day(next(from, 1)), last: end, minutes: nil),
                ]
        }
        guard until > from else { return [DaySpan(first: day(from), last: day(from), minutes: start..<start)] }
        let stop = minute(until)
        if day(from) == day(until) {
            return [DaySpan(first: day(from), last: day(from), minutes: start..<max(start, stop))]
        }
        var spans: [DaySpan] = []
        var middleFirst = from
        if start > 0 {
            spans.append(DaySpan(first: day(from), last: day(from), minutes: start..<1440))
            middleFirst = next(from, 1)
        }
        let middleLast = stop >= 1439 ? until : next(until, -1)
        if day(middleFirst) <= day(middleLast) {
            spans.append(DaySpan(first: day(middleFirst), last: day(middleLast), minutes: nil))
        }
        if stop < 1439 && stop > 0 {
            spans.append(DaySpan(first: day(until), last: day(until), minutes: 0..<stop))
        }
        return spans
    }
}
