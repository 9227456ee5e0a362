import CampaignCore
import Foundation
import LEDFeed

extension SiteContent {
    /// The built-in `headlines` group: published news with a non-empty `led` field, newest first.
    func ledHeadlines() -> [LEDHeadline] {
        news.compactMap { item in
            guard let text = item.led?.trimmingWhitespace(), !text.isEmpty else {
                return nil
            }
            return LEDHeadline(id: item.slug, text: text, date: item.date, location: led?.headlineLocations[item.slug])
        }
    }

    /// The figures that fill LED message templates (docs/led-guide.md, "Template figures"), all computed at the build's clock.
    ///
    /// - `days_to_inspection`: whole days from today to `campaign.inspection_date` in the site's time zone, never
    ///   below 0 (0 when no inspection day is set), as on the home page countdown.
    /// - `latest_headline`: the newest published news `led` field, else the newest news title, else empty.
    /// - `indicators_met`, `indicators_total`: from the progress dashboard's indicators (`ProgressReport`).
    /// - `exposures_open`, `exposures_closed`: from the exposure board's notices.
    ///   These four are 0 until the progress and exposure features are loaded into `SiteContent`; wire them here.
    func ledVariables() -> LEDVariables {
        var variables = LEDVariables()
        if let inspection = site.campaign.inspectionDate {
            variables.daysToInspection = max(0, ContentDate.daysBetween(now, inspection, in: site.timeZone))
        }
        variables.latestHeadline = ledHeadlines().first?.text ?? news.first?.title ?? ""
        if let progress {
            variables.indicatorsMet = progress.indicatorsMet
            variables.indicatorsTotal = progress.indicatorsTotal
        }
        // 挂账 (not yet closed) and 销号 (closed), the same figures as the exposure ledger page.
        variables.exposuresOpen = exposures.notices.filter(\.isOpen).count
        variables.exposuresClosed = exposures.notices.count - variables.exposuresOpen
        return variables
    }

    /// Every screen's feed laid out at the build's clock, and the charset errors found on the way.
    func ledFeeds() -> ([ScreenFeed], [Diagnostic]) {
        guard let led else { return ([], []) }
        return LEDFeedBuilder.feeds(
            content: led.content, headlines: ledHeadlines(), variables: ledVariables(), now: now)
    }
}
