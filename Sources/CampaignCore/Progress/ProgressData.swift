import Foundation

/// The three progress files of `Content/progress/`, loaded and checked.
public struct ProgressData: Sendable, Hashable {
    /// Rows of `indicators.csv` that loaded.
    public var indicators: [Indicator]
    /// Rows of `ledger.csv` that loaded.
    public var ledger: [LedgerProblem]
    /// Rows of `daily.csv` that loaded.
    public var daily: [DailySummary]

    /// Creates the data from loaded rows.
    public init(indicators: [Indicator] = [], ledger: [LedgerProblem] = [], daily: [DailySummary] = []) {
        self.indicators = indicators
        self.ledger = ledger
        self.daily = daily
    }

    /// Loads the files' texts; a nil text is a file that does not exist and loads nothing, silently.
    ///
    /// `folder` is the path the diagnostics name, e.g. `Content/progress`.
    public static func load(
        indicators: String?, ledger: String?, daily: String?, site: SiteConfig, folder: String = "Content/progress"
    ) -> (ProgressData, [Diagnostic]) {
        var data = ProgressData()
        var diagnostics: [Diagnostic] = []
        if let indicators {
            let (rows, found) = Indicator.load(csv: indicators, file: "\(folder)/indicators.csv", site: site)
            data.indicators = rows
            diagnostics += found
        }
        if let ledger {
            let (rows, found) = LedgerProblem.load(csv: ledger, file: "\(folder)/ledger.csv", site: site)
            data.ledger = rows
            diagnostics += found
        }
        if let daily {
            let (rows, found) = DailySummary.load(csv: daily, file: "\(folder)/daily.csv", site: site)
            data.daily = rows
            diagnostics += found
        }
        return (data, diagnostics)
    }

    /// The figures of this data at `now`.
    public func report(site: SiteConfig, now: Date) -> ProgressReport {
        ProgressReport.make(indicators: indicators, ledger: ledger, daily: daily, site: site, now: now)
    }
}
