import CampaignCore
import Foundation

/// The progress dashboard: `progress/index.html`, one `progress/units/<slug>/index.html` per unit and
/// `progress/progress.json`.
///
/// Every figure on the pages comes from the one `ProgressReport` that is also written as JSON. Templates
/// mark each figure with `data-figure="<path>"`, the snake_case key path of the same value in
/// `progress.json` (`indicators.met`, `units.3.ledger.open`), so a reader or a test can check the two
/// against each other; the contexts below carry the path of each object as `path`.
extension SiteRenderer {
    /// The dashboard's site path.
    static let progressPath = "/progress/"

    /// A unit page's site path.
    static func progressUnitPath(_ slug: String) -> String { "\(progressPath)units/\(slug)/" }

    /// Renders the dashboard; nothing when the site has no progress data.
    func renderProgress() -> Output {
        guard let report = content.progress else { return Output() }
        return memoized("progress") { hasher in
            hasher.combine(report)
        } render: {
            $0.renderProgress(report)
        }
    }

    func renderProgress(_ report: ProgressReport) -> Output {
        var output = Output()
        let source = "\(options.contentDisplay)/progress"
        for template in ["progress", "progress-unit"] where !theme.templateNames.contains(template) {
            output.diagnostics.append(
                .warning(
                    "theme has no template '\(template)', so the progress dashboard is not built; "
                        + "copy templates/\(template).mustache from the default theme", code: "theme.missing",
                    file: options.themeDisplay))
        }
        guard output.diagnostics.isEmpty else { return output }

        do {
            output.merge(write(try ProgressJSON.encode(report), to: "progress/progress.json", source: source))
        } catch {
            output.diagnostics.append(
                .error("cannot encode progress.json: \(error)", code: "output.write", file: source))
        }

        let chrome = layout.chrome(title: "创建进度", column: "创建进度", path: Self.progressPath)
        var index = emit(
            "progress", ProgressPage(chrome: chrome, report: report), to: Self.file(for: Self.progressPath),
            source: source, search: SearchEntry(.section, title: "创建进度", path: Self.progressPath))
        index.sitemap.append(SitemapEntry(path: Self.progressPath, lastModified: nil))
        output.merge(index)

        for (offset, unit) in report.units.enumerated() {
            let path = Self.progressUnitPath(unit.slug)
            let title = "\(unit.name) 责任清单"
            let page = ProgressUnitPage(
                chrome: layout.chrome(title: title, column: "创建进度", path: path), report: report, unit: unit,
                offset: offset)
            var written = emit(
                "progress-unit", page, to: Self.file(for: path), source: source,
                search: SearchEntry(.section, title: title, path: path))
            written.sitemap.append(SitemapEntry(path: path, lastModified: nil))
            output.merge(written)
        }
        return output
    }
}
