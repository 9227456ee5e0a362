import CampaignCore

/// Everything under `Content/led/`: the screens and the messages they play.
public struct LEDContent: Sendable, Hashable {
    public var screens: [ScreenProfile]
    public var messages: [LEDMessage]

    public init(screens: [ScreenProfile] = [], messages: [LEDMessage] = []) {
        self.screens = screens
        self.messages = messages
    }

    /// The screen with `id`.
    public func screen(id: String) -> ScreenProfile? { screens.first { $0.id == id } }

    /// Every group a screen can play: the built-in ones and those of the messages.
    public var groups: [String] {
        var seen = Set<String>()
        return (BuiltinGroup.all + messages.map(\.group)).filter { seen.insert($0).inserted }
    }
}
