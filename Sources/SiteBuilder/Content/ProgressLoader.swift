import CampaignCore
import Foundation

/// The progress tables: `Content/progress/{indicators,ledger,daily}.csv|xlsx` (docs/progress-data.md), each
/// read on its own; the dashboard figures are computed from the three in `assemble`.
///
/// A missing table loads nothing and is no error; when none of the three exists the site has no dashboard.
/// CSV may be UTF-8 or GB18030/GBK (with a note); `.xlsx` is read from its first sheet; both forms of one
/// table is an error (which one counts would be a guess). Every bad row is a diagnostic; the good rows still
/// count, so the report holds them even when the build fails.
struct ProgressLoader: ContentKind {
    static let folder = "progress"
    /// The names of the tables, each `NAME.csv` or `NAME.xlsx`.
    static let tables = (indicators: "indicators", ledger: "ledger", daily: "daily")
    static let tableNames = [tables.indicators, tables.ledger, tables.daily]

    /// One table as loaded.
    struct Loaded: Sendable {
        /// False when neither `NAME.csv` nor `NAME.xlsx` exists.
        var found = false
        var table: CSVTable?
        var diagnostics: [Diagnostic] = []
    }

    /// Table name → what was loaded.
    var loaded: [String: Loaded] = [:]

    /// The table name of `progress/NAME.csv` or `progress/NAME.xlsx`.
    func unit(of path: String) -> String? {
        guard ContentPath.isFile(path, directlyIn: Self.folder, extensions: ["csv", "xlsx"]) else { return nil }
        let base = ContentPath.deletingExtension(ContentPath.name(path))
        return Self.tableNames.contains(base) ? base : nil
    }

    mutating func loadAll(_ context: LoadContext) async {
        for name in Self.tableNames {
            let table = Self.load(table: name, context)
            if table.found { context.loaded() }
            loaded[name] = table
        }
    }

    mutating func reload(unit: String, _ context: LoadContext) async {
        loaded[unit] = Self.load(table: unit, context)
    }

    /// Reads the table `base` from its `.csv` or `.xlsx` file.
    static func load(table base: String, _ context: LoadContext) -> Loaded {
        let source = context.source
        let csv = "\(folder)/\(base).csv"
        let xlsx = "\(folder)/\(base).xlsx"
        var result = Loaded()
        switch (source.isFile(csv), source.isFile(xlsx)) {
        case (false, false):
            return result
        case (true, true):
            result.found = true
            result.diagnostics.append(
                .error(
                    "\(base).csv 和 \(base).xlsx 同时存在，不知道该用哪一个：请删除或改名其中一个 "
                        + "(both \(base).csv and \(base).xlsx exist: keep one)",
                    code: "progress.duplicate", file: context.display(xlsx)))
        case (true, false):
            result.found = true
            let file = context.display(csv)
            let (data, problem) = source.readData(csv, display: file, code: "progress")
            if let problem { result.diagnostics.append(problem) }
            guard let data else { return result }
            let (text, notes) = TableText.decode(data, file: file, code: "progress")
            result.diagnostics += notes
            result.table = text.map { CSVTable.parse($0, file: file) }
        case (false, true):
            result.found = true
            let file = context.display(xlsx)
            let (data, problem) = source.readData(xlsx, display: file, code: "progress")
            if let problem { result.diagnostics.append(problem) }
            guard let data else { return result }
            result.table = XLSXTable.parse(
                data, file: file, code: "progress", dateColumns: ProgressData.dateColumns[base] ?? [])
        }
        return result
    }

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        let (report, found) = report(context)
        site.diagnostics += found
        site.content.progress = report
    }

    /// The dashboard figures at the build's clock (nil when no table exists), and every finding.
    func report(_ context: LoadContext) -> (ProgressReport?, [Diagnostic]) {
        var diagnostics = Self.tableNames.flatMap { loaded[$0]?.diagnostics ?? [] }
        guard Self.tableNames.contains(where: { loaded[$0]?.found == true }) else { return (nil, diagnostics) }
        let ledger = loaded[Self.tables.ledger]?.table
        var (data, loadDiagnostics) = ProgressData.load(
            indicators: loaded[Self.tables.indicators]?.table, ledger: ledger,
            daily: loaded[Self.tables.daily]?.table, site: context.site)
        diagnostics += loadDiagnostics
        data.ledger = PrivacyMasking.mask(
            data.ledger, file: ledger?.file ?? context.display("\(Self.folder)/\(Self.tables.ledger).csv"),
            production: context.production, allow: context.privacy, into: &diagnostics)
        return (data.report(site: context.site, now: context.now), diagnostics)
    }
}
