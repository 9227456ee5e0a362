import CampaignCore
import Foundation

/// Everything loaded and validated from `Content/`, before rendering.
struct SiteContent: Sendable {
    var site: SiteConfig
    var now: Date
    /// Published news, newest first.
    var news: [NewsItem]
    var pages: [PageItem]
    /// Tag name → news indices (into `news`), newest first.
    var tags: [(name: String, items: [Int])]
    /// LED screens and messages of `Content/led/`; nil when the folder is absent.
    var led: SiteLED? = nil
}
