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
        load(
            indicators: indicators.map { CSVTable.parse($0, file: "\(folder)/indicators.csv") },
            ledger: ledger.map { CSVTable.parse($0, file: "\(folder)/ledger.csv") },
            daily: daily.map { CSVTable.parse($0, file: "\(folder)/daily.csv") }, site: site)
    }

    /// Loads parsed tables (from CSV or `.xlsx`); a nil table is a file that does not exist.
    public static func load(
        indicators: CSVTable?, ledger: CSVTable?, daily: CSVTable?, site: SiteConfig
    ) -> (ProgressData, [Diagnostic]) {
        var data = ProgressData()
        var diagnostics: [Diagnostic] = []
        if let indicators {
            let (rows, found) = Indicator.load(indicators, site: site)
            data.indicators = rows
            diagnostics += found
        }
        if let ledger {
            let (rows, found) = LedgerProblem.load(ledger, site: site)
            data.ledger = rows
            diagnostics += found
        }
        if let daily {
            let (rows, found) = DailySummary.load(daily, site: site)
            data.daily = rows
            diagnostics += found
        }
        return (data, diagnostics)
    }

    /// The columns of each table (by base name) that hold dates: Excel date serials in them are read as
    /// days. (`found` is a date in the ledger but a count in the daily summary.)
    public static let dateColumns: [String: Set<String>] = [
        "indicators": ["updated"], "ledger": ["found", "deadline", "closed"], "daily": ["date"],
    ]

    /// The figures of this data at `now`.
    public func report(site: SiteConfig, now: Date) -> ProgressReport {
        ProgressReport.make(indicators: indicators, ledger: ledger, daily: daily, site: site, now: now)
    }
}
