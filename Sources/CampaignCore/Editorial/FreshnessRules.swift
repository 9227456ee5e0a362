import Foundation

/// Freshness as inspectors count it: a column not updated for two weeks, an empty column, a page
/// without a visible date. All findings are warnings (`freshness.stale`, `freshness.empty`,
/// `freshness.undated`): they count against the site but must not stop a publication.
public enum FreshnessRules {
    /// A column is stale when its latest item is more than this many calendar days old.
    public static let staleAfterDays = 14

    /// Checks one column (news, exposures, …) given the date of its newest item.
    ///
    /// Days are calendar days in `timeZone`: an item of 2026-11-15 is 14 days old on 2026-11-29 (not
    /// stale) and 15 days old on 2026-11-30 (stale).
    ///
    /// - Parameters:
    ///   - name: the column's name for messages, e.g. `新闻 (news)`.
    ///   - latest: the date of the newest published item; nil when the column has none.
    ///   - location: what to attribute the finding to, e.g. `Content/news`.
    public static func checkColumn(
        _ name: String, latest: Date?, now: Date, location: SourceLocation,
        timeZone: TimeZone = SiteConfig.defaultTimeZone, staleAfterDays: Int = staleAfterDays
    ) -> [Diagnostic] {
        guard let latest else {
            return [
                .warning(
                    "column '\(name)' has no items; inspectors count an empty column against the site — "
                        + "publish at least one item or remove the column",
                    code: "freshness.empty", at: location)
            ]
        }
        let age = ContentDate.daysBetween(latest, now, in: timeZone)
        guard age > staleAfterDays else { return [] }
        return [
            .warning(
                "column '\(name)' was last updated on \(ContentDate.dayString(latest, in: timeZone)), \(age) days "
                    + "before \(ContentDate.dayString(now, in: timeZone)); inspectors count a column not updated "
                    + "for \(staleAfterDays) days as stale — publish something new",
                code: "freshness.stale", at: location)
        ]
    }

    /// A warning when a page that should show a publish time has no date.
    ///
    /// - Parameters:
    ///   - date: the page's date, nil when it has none.
    ///   - title: the page's title, for the message.
    ///   - location: where to add the date (the front matter).
    public static func checkDated(_ date: Date?, title: String, location: SourceLocation) -> [Diagnostic] {
        guard date == nil else { return [] }
        return [
            .warning(
                "page '\(title)' has no date; every page needs a visible publish time — add 'date: 2026-11-28' "
                    + "to its front matter",
                code: "freshness.undated", at: location)
        ]
    }
}
