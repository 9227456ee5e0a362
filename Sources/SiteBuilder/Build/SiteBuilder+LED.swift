import CampaignCore
import Foundation
import LEDFeed

extension SiteBuilder {
    /// Loads the site as `build` does and lays out every LED screen's programs with the site's figures.
    ///
    /// Preview and site agree because both come from here: same messages, headlines, variables and clock.
    /// When the site can not be loaded (content errors), `feeds` is empty and `diagnostics` says why.
    public static func ledFeeds(_ options: BuildOptions) async -> SiteLEDFeeds {
        var diagnostics: [Diagnostic] = []
        var options = options
        options.processPhotos = false  // screens show text only
        guard let content = await load(options, diagnostics: &diagnostics) else {
            let zone = SiteConfig.defaultTimeZone
            return SiteLEDFeeds(feeds: [], timeZone: zone, diagnostics: diagnostics.sortedForReport())
        }
        let (feeds, found) = content.ledFeeds()
        return SiteLEDFeeds(
            feeds: feeds, timeZone: content.site.timeZone, diagnostics: (diagnostics + found).sortedForReport())
    }

}
