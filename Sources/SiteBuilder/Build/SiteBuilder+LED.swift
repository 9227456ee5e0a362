import CampaignCore
import Foundation
import LEDFeed

/// The LED part of a loaded site: the screens and messages of `Content/led/`, and where news `led` fields are
/// written (for diagnostics about characters a screen cannot show).
struct SiteLED: Sendable {
    var content: LEDContent
    /// News slug → location of its `led` field; only filled for headlines that hold characters outside GB2312,
    /// the only ones that can cause a charset error.
    var headlineLocations: [String: SourceLocation] = [:]
    /// The text of `messages.yml`, for the content hashes of signed reviews.
    var messagesText = ""
}

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

    /// The signature checks of the LED messages that play at `now`, states keyed by message id.
    ///
    /// Each message's content is its own entry of `messages.yml`, from its line to the next message's.
    static func signedLED(_ led: SiteLED?, editorial: EditorialChecks, now: Date) -> (
        diagnostics: [Diagnostic], states: [String: [ReviewStage: SignedReviewRules.StepState]]
    ) {
        var result: (diagnostics: [Diagnostic], states: [String: [ReviewStage: SignedReviewRules.StepState]]) = (
            [], [:]
        )
        guard editorial.signed, let led else { return result }
        let messages = led.content.messages
        let entries = LEDMessageEntry.entries(of: messages)
        for message in messages where message.isCurrent(at: now) {
            guard let entry = entries[message.id],
                let found = editorial.signatures(
                    message.review, kind: .led, id: message.id, file: message.location.file,
                    contentHash: entry.contentHash(in: led.messagesText))
            else { continue }
            result.diagnostics += found.diagnostics
            result.states[message.id] = found.states
        }
        return result
    }
}

extension SiteContent {
    /// The built-in `headlines` group: published news with a non-empty `led` field, newest first.
    func ledHeadlines() -> [LEDHeadline] {
        news.compactMap { item in
            guard let text = item.led?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return LEDHeadline(id: item.slug, text: text, date: item.date, location: led?.headlineLocations[item.slug])
        }
    }

    /// The figures that fill LED message templates (DESIGN.md §4), all computed at the build's clock.
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
