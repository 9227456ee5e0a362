import CampaignCore
import Foundation

extension SiteBuilder {
    /// The names of the progress files in `Content/progress/`.
    static let progressFiles = (indicators: "indicators.csv", ledger: "ledger.csv", daily: "daily.csv")

    /// Loads `Content/progress/*.csv` and computes the dashboard figures at `now`.
    ///
    /// A missing file loads nothing and is no error; when none of the three files exists the site has no
    /// dashboard (nil). A file that is not UTF-8 and every bad row are diagnostics with their own severity;
    /// the good rows still count, so the returned report holds them even when the build will fail.
    static func loadProgress(
        _ options: BuildOptions, site: SiteConfig, now: Date
    ) -> (ProgressReport?, [Diagnostic]) {
        let folder = options.contentURL.appendingPathComponent("progress")
        let display = "\(options.contentDisplay)/progress"
        var diagnostics: [Diagnostic] = []
        var found = false
        func read(_ name: String) -> String? {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return nil }
            found = true
            let (text, problem) = ContentFiles.readText(url, display: "\(display)/\(name)", code: "progress")
            if let problem { diagnostics.append(problem) }
            return text
        }
        let indicators = read(progressFiles.indicators)
        let ledger = read(progressFiles.ledger)
        let daily = read(progressFiles.daily)
        guard found else { return (nil, diagnostics) }
        var (data, loadDiagnostics) = ProgressData.load(
            indicators: indicators, ledger: ledger, daily: daily, site: site, folder: display)
        diagnostics += loadDiagnostics
        data.ledger = PrivacyMasking.mask(
            data.ledger, file: "\(display)/\(progressFiles.ledger)", production: options.production,
            allow: PrivacyAllowList(site: site), into: &diagnostics)
        return (data.report(site: site, now: now), diagnostics)
    }
}
