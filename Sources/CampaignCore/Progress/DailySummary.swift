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
        var diagnostics = table.diagnostics
        let (bound, headerDiagnostics) = CSVRowReader.bind(table, required: columns, codePrefix: "daily", site: site)
        diagnostics += headerDiagnostics
        guard let reader = bound else { return ([], diagnostics) }
        var result: [DailySummary] = []
        var firstLine: [String: Int] = [:]
        for record in table.records {
            var row = reader.row(record)
            let date = row.day("date")
            let unit = row.unit("unit")
            let checked = row.count("checked")
            let found = row.count("found")
            let fixed = row.count("fixed")
            var key: String?
            if let date, let unit {
                key = "\(date)|\(unit.name)"
                if let key, let first = firstLine[key] {
                    row.error(
                        "'\(unit.name)' already reported for \(date) on line \(first); "
                            + "keep one row per unit and day", column: "unit", code: "duplicate")
                }
            }
            diagnostics += row.diagnostics
            if let key, firstLine[key] == nil { firstLine[key] = record.line }
            guard !row.hasErrors, let date, let unit, let checked, let found, let fixed else { continue }
            result.append(
                DailySummary(date: date, unit: unit, checked: checked, found: found, fixed: fixed, line: record.line))
        }
        return (result, diagnostics)
    }
}
