import CampaignCore
import Foundation
import LEDFeed

/// The LED feeds of a site as the build lays them out, for `campaign led preview` and other tools.
public struct SiteLEDFeeds: Sendable {
    /// One feed per screen, in `screens.yml` order; empty when the content has no `led/` folder.
    public var feeds: [ScreenFeed]
    /// The site's time zone (dates in exports and previews).
    public var timeZone: TimeZone
    /// Everything found while loading the site and laying out the feeds.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(feeds: [ScreenFeed], timeZone: TimeZone, diagnostics: [Diagnostic]) {
        self.feeds = feeds
        self.timeZone = timeZone
        self.diagnostics = diagnostics
    }

    /// The feed of screen `id`.
    public func feed(screen id: String) -> ScreenFeed? { feeds.first { $0.screen.id == id } }
}
