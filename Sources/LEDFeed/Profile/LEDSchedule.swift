import Foundation

/// When a screen or a message plays: daily time windows and weekdays.
public struct LEDSchedule: Sendable, Hashable, Codable {
    /// A daily window `HH:MM-HH:MM`; an end before the start runs past midnight.
    public struct Window: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Minutes after midnight.
        public var start: Int
        /// Minutes after midnight.
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        /// Parses `06:30-22:30`; nil when the text is not two `HH:MM` times or they are equal.
        public init?(parsing text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end
            else { return nil }
            self.start = start
            self.end = end
        }

        static func minutes(_ text: Substring) -> Int? {
            let pieces = text.trimmingCharacters(in: .whitespaces).split(
                separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, pieces[0].count == 2, pieces[1].count == 2,
                let hour = Int(pieces[0]), let minute = Int(pieces[1]),
                (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60
            else { return nil }
            return hour * 60 + minute
        }

        /// `HH:MM` of a minute count.
        public static func format(_ minutes: Int) -> String {
            let h = minutes / 60
            let m = minutes % 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }

        /// `06:30-22:30`.
        public var description: String { "\(Self.format(start))-\(Self.format(end))" }
    }

    /// Empty means all day.
    public var windows: [Window]
    /// ISO weekdays, 1 = Monday … 7 = Sunday; empty means every day.
    public var weekdays: [Int]

    public init(windows: [Window] = [], weekdays: [Int] = []) {
        self.windows = windows
        self.weekdays = weekdays
    }
}
