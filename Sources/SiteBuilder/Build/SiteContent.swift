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
    /// Exposure notices (texts masked) with their processed photos; see `SiteBuilder.loadExposures`.
    var exposures = ExposureContent()
    /// The progress dashboard figures; nil when Content/progress/ holds none of its CSV files.
    var progress: ProgressReport? = nil
    /// LED screens and messages of `Content/led/`; nil when the folder is absent.
    var led: SiteLED? = nil
}
