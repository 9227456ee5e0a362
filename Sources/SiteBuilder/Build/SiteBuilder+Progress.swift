import CampaignCore
import Foundation

extension SiteBuilder {
    /// The names of the progress tables in `Content/progress/`, each `NAME.csv` or `NAME.xlsx`.
    static let progressFiles = (indicators: "indicators", ledger: "ledger", daily: "daily")

    /// Loads `Content/progress/*.csv|xlsx` and computes the dashboard figures at `now`.
    ///
    /// A missing table loads nothing and is no error; when none of the three exists the site has no
    /// dashboard (nil). CSV may be UTF-8 or GB18030/GBK (with a note); `.xlsx` is read from its first
    /// sheet; both forms of one table is an error (which one counts would be a guess). Every bad row is a
    /// diagnostic; the good rows still count, so the returned report holds them even when the build fails.
    static func loadProgress(
        _ options: BuildOptions, site: SiteConfig, now: Date
    ) -> (ProgressReport?, [Diagnostic]) {
        let folder = options.contentURL.appendingPathComponent("progress")
        let display = "\(options.contentDisplay)/progress"
        var diagnostics: [Diagnostic] = []
        var found = false
        func exists(_ name: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        func read(_ base: String) -> CSVTable? {
            let csv = "\(base).csv"
            let xlsx = "\(base).xlsx"
            switch (exists(csv), exists(xlsx)) {
            case (false, false):
                return nil
            case (true, true):
                found = true
                diagnostics.append(
                    .error(
                        "\(csv) 和 \(xlsx) 同时存在，不知道该用哪一个：请删除或改名其中一个 "
                            + "(both \(csv) and \(xlsx) exist: keep one)",
                        code: "progress.duplicate", file: "\(display)/\(xlsx)"))
                return nil
            case (true, false):
                found = true
                let file = "\(display)/\(csv)"
                let (data, problem) = ContentFiles.readData(
                    folder.appendingPathComponent(csv), display: file, code: "progress")
                if let problem { diagnostics.append(problem) }
                guard let data else { return nil }
                let (text, notes) = TableText.decode(data, file: file, code: "progress")
                diagnostics += notes
                return text.map { CSVTable.parse($0, file: file) }
            case (false, true):
                found = true
                let file = "\(display)/\(xlsx)"
                let (data, problem) = ContentFiles.readData(
                    folder.appendingPathComponent(xlsx), display: file, code: "progress")
                if let problem { diagnostics.append(problem) }
                guard let data else { return nil }
                return XLSXTable.parse(
                    data, file: file, code: "progress", dateColumns: ProgressData.dateColumns[base] ?? [])
            }
        }
        let indicators = read(progressFiles.indicators)
        let ledger = read(progressFiles.ledger)
        let daily = read(progressFiles.daily)
        guard found else { return (nil, diagnostics) }
        var (data, loadDiagnostics) = ProgressData.load(
            indicators: indicators, ledger: ledger, daily: daily, site: site)
        diagnostics += loadDiagnostics
        data.ledger = PrivacyMasking.mask(
            data.ledger, file: ledger?.file ?? "\(display)/\(progressFiles.ledger).csv", production: options.production,
            allow: PrivacyAllowList(site: site), into: &diagnostics)
        return (data.report(site: site, now: now), diagnostics)
    }
}
