import CampaignCore
import Foundation

/// One screenful of lines.
public struct LEDPage: Sendable, Hashable {
    public var lines: [String]
    /// How long the page stays, from the profile's `stay`.
    public var stayMilliseconds: Int

    public init(lines: [String], stayMilliseconds: Int) {
        self.lines = lines
        self.stayMilliseconds = stayMilliseconds
    }
}

/// One message laid out for one screen: an entry of the screen's playlist.
public struct LEDProgramItem: Sendable, Hashable {
    public var group: String
    /// The message id, the news slug for `headlines`, or `core-values`.
    public var id: String
    public var priority: LEDPriority
    public var from: Date?
    public var until: Date?
    public var schedule: LEDSchedule?
    public var pages: [LEDPage]

    public init(
        group: String, id: String, priority: LEDPriority = .normal, from: Date? = nil, until: Date? = nil,
        schedule: LEDSchedule? = nil, pages: [LEDPage]
    ) {
        self.group = group
        self.id = id
        self.priority = priority
        self.from = from
        self.until = until
        self.schedule = schedule
        self.pages = pages
    }
}

/// Everything one screen plays, laid out and ordered: urgent items first, then the groups in `programs` order.
public struct ScreenFeed: Sendable, Hashable {
    public var screen: ScreenProfile
    public var items: [LEDProgramItem]
    /// The build's clock, written as `generated`.
    public var generated: Date

    public init(screen: ScreenProfile, items: [LEDProgramItem], generated: Date) {
        self.screen = screen
        self.items = items
        self.generated = generated
    }

    /// The groups that have items, in playing order of their first item.
    public var groups: [String] {
        var seen = Set<String>()
        return items.map(\.group).filter { seen.insert($0).inserted }
    }
}
