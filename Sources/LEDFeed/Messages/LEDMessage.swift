import CampaignCore
import Foundation

/// A message from `Content/led/messages.yml`.
public struct LEDMessage: Sendable, Hashable {
    /// Fixed text or a template filled from site figures.
    public enum Body: Sendable, Hashable {
        case text(String)
        case template(LEDTemplate)

        /// What the editor wrote.
        public var source: String {
            switch self {
            case .text(let text): text
            case .template(let template): template.text
            }
        }
    }

    /// `[a-z0-9-]+`, unique in the file.
    public var id: String
    /// `[a-z0-9-]+`; screens play groups by name (`programs`).
    public var group: String
    public var body: Body
    public var priority: LEDPriority
    /// Not exported before this time.
    public var from: Date?
    /// Not exported after this time.
    public var until: Date?
    /// When the message plays; nil means whenever its screen plays.
    public var schedule: LEDSchedule?
    /// The message's mapping in the file.
    public var location: SourceLocation
    /// For each character of `body.source`, where it is in the file (empty when unknown).
    public var characterLocations: [SourceLocation]

    public init(
        id: String, group: String, body: Body, priority: LEDPriority = .normal, from: Date? = nil,
        until: Date? = nil, schedule: LEDSchedule? = nil, location: SourceLocation = SourceLocation(file: ""),
        characterLocations: [SourceLocation] = []
    ) {
        self.id = id
        self.group = group
        self.body = body
        self.priority = priority
        self.from = from
        self.until = until
        self.schedule = schedule
        self.location = location
        self.characterLocations = characterLocations
    }

    /// True when the message may play at `now` (`from` ≤ now ≤ `until`).
    public func isCurrent(at now: Date) -> Bool {
        if let from, from > now { return false }
        if let until, until < now { return false }
        return true
    }

    /// Where character `offset` of `body.source` is written, or the message itself.
    public func location(ofCharacter offset: Int) -> SourceLocation {
        characterLocations.indices.contains(offset) ? characterLocations[offset] : location
    }
}

/// A news headline for the built-in `headlines` group (a news file's `led` field).
public struct LEDHeadline: Sendable, Hashable {
    /// The news slug; becomes the program item id.
    public var id: String
    public var text: String
    public var date: Date
    /// Where the `led` field is written, for diagnostics about its characters.
    public var location: SourceLocation?

    public init(id: String, text: String, date: Date, location: SourceLocation? = nil) {
        self.id = id
        self.text = text
        self.date = date
        self.location = location
    }
}

/// The groups every screen can play without writing them in messages.yml.
public enum BuiltinGroup {
    /// News `led` headlines, newest first.
    public static let headlines = "headlines"
    /// The twelve terms of 社会主义核心价值观.
    public static let coreValues = "core-values"
    /// Both names.
    public static let all = [headlines, coreValues]

    /// 富强、民主、文明、和谐、自由、平等、公正、法治、爱国、敬业、诚信、友善 — 24 characters, in the official order.
    public static let coreValueTerms = [
        "富强", "民主", "文明", "和谐", "自由", "平等", "公正", "法治", "爱国", "敬业", "诚信", "友善",
    ]
}
