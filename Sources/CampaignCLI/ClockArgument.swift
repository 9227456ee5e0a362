import ArgumentParser
import CampaignCore
import Foundation

/// The value of `--now`: an ISO 8601 date or date and time that fixes the build's clock.
///
/// A value without a zone is read in `SiteConfig.defaultTimeZone` (China Standard Time): the site's own zone
/// is not known before site.yml is read. A value that is not a date, or lies outside `ContentDate.validYears`,
/// is refused by the argument parser, so it is a usage error (exit 2) like any other bad option.
struct ClockArgument: ExpressibleByArgument, Sendable {
    /// The instant.
    let date: Date
    /// The value as written.
    let text: String

    init?(argument: String) {
        let zone = SiteConfig.defaultTimeZone
        guard let date = ContentDate.parse(argument, timeZone: zone), ContentDate.isWithinBounds(date, in: zone)
        else { return nil }
        self.date = date
        self.text = argument
    }

    var defaultValueDescription: String { text }

    /// The help of every `--now` option, naming the accepted years.
    static var help: ArgumentHelp {
        ArgumentHelp(
            "Fix the clock: an ISO 8601 date or time between \(ContentDate.validYears.lowerBound) and "
                + "\(ContentDate.validYears.upperBound), e.g. 2026-11-29T12:00:00+08:00 (default: now).")
    }
}
