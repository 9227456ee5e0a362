/// One row of the daily summary (一日一汇总) in `daily.csv`: what one unit checked, found and fixed on a day.
public struct DailySummary: Sendable, Hashable, Codable {
    /// The day.
    public var date: ProgressDay
    /// The reporting unit, one of site.yml's units.
    public var unit: NamedEntry
    /// Places or items checked that day.
    public var checked: Int
    /// Problems found that day.
    public var found: Int
    /// Problems fixed that day (may include problems found earlier).
    public var fixed: Int
    /// The line of the row in `daily.csv`.
    public var line: Int

    /// Creates a daily summary row.
    public init(date: ProgressDay, unit: NamedEntry, checked: Int, found: Int, fixed: Int, line: Int = 0) {
        self.date = date
        self.unit = unit
        self.checked = checked
        self.found = found
        self.fixed = fixed
        self.line = line
    }

    /// The columns `daily.csv` must have.
    public static let columns = ["date", "unit", "checked", "found", "fixed"]

    /// Loads the rows of `daily.csv`; bad rows are reported and left out, good rows load.
    public static func load(csv text: String, file: String, site: SiteConfig) -> ([DailySummary], [Diagnostic]) {
        load(CSVTable.parse(text, file: file), site: site)
    }

    /// Loads the rows of a parsed `daily.csv` (its parse diagnostics are included). A unit reports once a
    /// day; a second row for the same unit and day is an error.
    public static func load(_ table: CSVTable, site: SiteConfig) -> ([DailySummary], [Diagnostic]) {
        var reports = UniqueIDs<Int>(noun: "report", item: "unit")
        return CSVRowReader.load(table, columns: columns, codePrefix: "daily", site: site) { row in
            let date = row.day("date")
            let unit = row.unit("unit")
            let checked = row.count("checked")
            let found = row.count("found")
            let fixed = row.count("fixed")
            if let date, let unit, let first = reports.claim("\(date)|\(unit.name)", at: row.record.line) {
                row.error(
                    "'\(unit.name)' already reported for \(date) on line \(first); keep one row per unit and day",
                    column: "unit", code: "duplicate")
            }
            guard let date, let unit, let checked, let found, let fixed else { return nil }
            return DailySummary(
                date: date, unit: unit, checked: checked, found: found, fixed: fixed, line: row.record.line)
        }
    }
}
