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
    /// Exposure notices (texts masked) with their processed photos; see `ExposureLoader`.
    var exposures = ExposureContent()
    /// The progress dashboard figures; nil when Content/progress/ holds none of its CSV files.
    var progress: ProgressReport? = nil
    /// LED screens and messages of `Content/led/`; nil when the folder is absent.
    var led: SiteLED? = nil
}

extension SiteContent {
    /// Every content kind, in the order they are assembled: the one place a kind is registered
    /// (docs/architecture.md, "Adding a content kind"). A kind sees the kinds before it when it is assembled:
    /// the site checks read news and pages, LED reads the news headlines.
    static func kinds() -> [any ContentKind] {
        [NewsLoader(), PageLoader(), SiteRequirementsLoader(), ExposureLoader(), ProgressLoader(), LEDLoader()]
    }
}
