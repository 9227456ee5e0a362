import CampaignCore
import Foundation
import Markdown

/// Runs the pipeline load → validate → derive → render → write for a whole site.
public enum SiteBuilder {
    /// Builds the site. A build with errors writes nothing to `Output/`.
    public static func build(_ options: BuildOptions) async -> BuildReport {
        var diagnostics: [Diagnostic] = []
        var reviewItems: [ReviewReport.Item] = []
        if options.writeOutput, let refusal = outputRefusal(options) {
            return BuildReport(diagnostics: [refusal])
        }
        // Load and validate.
        guard let content = await load(options, diagnostics: &diagnostics, reviewItems: &reviewItems) else {
            var report = BuildReport(diagnostics: diagnostics.sortedForReport())
            report.review = ReviewReport(items: reviewItems)
            return report
        }
        let (theme, themeDiagnostics) = Theme.load(from: options.themeURL, displayPath: options.themeDisplay)
        diagnostics += themeDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            var report = BuildReport(diagnostics: diagnostics.sortedForReport(), counts: content.counts)
            report.review = ReviewReport(items: reviewItems)
            return report
        }
        // Render and write.
        let writer: OutputWriter?
        let sink: any OutputSink
        if options.writeOutput {
            do {
                let w = try OutputWriter(output: options.outputURL)
                writer = w
                sink = w
            } catch let error as OutputBusyError {
                diagnostics.append(.error("\(error)", code: "output.busy", file: options.outputURL.path))
                return BuildReport(diagnostics: diagnostics.sortedForReport())
            } catch {
                diagnostics.append(.error("\(error)", code: "output.write", file: options.outputURL.path))
                return BuildReport(diagnostics: diagnostics.sortedForReport())
            }
        } else {
            writer = nil
            sink = DiscardingSink()
        }
        let recorder = RecordingSink(sink)
        var renderOptions = options
        let rendering = ProgressCounter(.rendering, report: options.progress)
        renderOptions.renderProgress = rendering
        let renderer = SiteRenderer(content: content, theme: theme, sink: recorder, options: renderOptions)
        let rendered = await renderer.renderAll()
        rendering.finish(total: rendered.fileCount)
        diagnostics += rendered.diagnostics
        let links = checkLinks(rendered.links, writtenFiles: recorder.paths, site: content.site, options: options)
        diagnostics += links.diagnostics
        let sorted = diagnostics.sortedForReport()
        var report = BuildReport(diagnostics: sorted, fileCount: rendered.fileCount, counts: content.counts)
        let review = ReviewReport(items: reviewItems)
        report.review = review
        report.externalLinks = links.external
        guard !sorted.hasErrors else {
            writer?.discard()
            return report
        }
        if let writer {
            do {
                try writer.commit(
                    record: BuildRecord(
                        builtAt: ISO8601DateFormatter().string(from: Date()),
                        now: ContentDate.rfc3339(content.now, in: content.site.timeZone),
                        production: options.production, errors: report.errorCount,
                        reviewRequired: content.site.reviewRequired, pendingReviews: review.rows.count, files: [:]))
            } catch {
                writer.discard()
                report.diagnostics.append(.error("\(error)", code: "output.write", file: options.outputURL.path))
                return report
            }
        }
        report.published = options.writeOutput
        return report
    }

    /// An `output.refused` error when `--output` names a folder a build may not replace (`OutputGuard`).
    public static func outputRefusal(_ options: BuildOptions) -> Diagnostic? {
        guard
            let reason = OutputGuard.refusal(
                output: options.outputURL, content: options.contentURL, theme: options.themeURL,
                currentDirectory: options.workingDirectory, home: options.homeDirectory, cache: options.cache)
        else { return nil }
        return .error(
            "拒绝使用输出文件夹 '\(options.outputURL.path)'：\(reason)。构建会整个替换输出文件夹，所以不能用它 "
                + "(refusing --output: a build replaces the output folder whole)",
            code: "output.refused", file: options.outputURL.path)
    }

    /// Loads every content kind (`SiteContent.kinds`) through `options.source` and puts the site together;
    /// nil when the site can not be built (errors).
    ///
    /// `reviewItems` collects every published text that needs the three reviews, even when loading
    /// fails, for the review report.
    static func load(
        _ options: BuildOptions, diagnostics: inout [Diagnostic], reviewItems: inout [ReviewReport.Item]
    ) async -> SiteContent? {
        var loaded = await LoadedSite.load(options)
        let site = await loaded.assemble()
        diagnostics += site.diagnostics
        reviewItems += site.reviewItems
        return site.content
    }
}

extension SiteContent {
    var counts: [String: Int] {
        [
            "news": news.count, "pages": pages.count, "tags": tags.count, "exposures": exposures.notices.count,
            "photos_processed": exposures.processedPhotos, "photos_cached": exposures.cachedPhotos,
        ]
    }
}
