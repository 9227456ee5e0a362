import CampaignCore
import Foundation
import Markdown

/// Lets go of `value` on another thread. What a build made for itself — the links of every page, the search
/// documents, the build record's entries, hundreds of thousands of objects — took 20–30 ms to free, on the one core
/// that goes on to write the record and print the report while the other waited; now the other frees it.
func releaseInBackground(_ value: consuming some Sendable) {
    let value = value
    Task.detached(priority: .utility) { withExtendedLifetime(value) {} }
}

/// Runs the pipeline load → validate → derive → render → write for a whole site.
public enum SiteBuilder {
    /// Builds the site. A build with errors writes nothing to `Output/`.
    public static func build(_ options: BuildOptions) async -> BuildReport {
        await build(options, theme: nil, memo: nil, incremental: nil, assembled: nil)
    }

    /// A build, with what `campaign serve` keeps between builds (`SiteSession`): the loaded theme and
    /// content, the results of render units, and a writer that updates the output folder in place.
    static func build(
        _ options: BuildOptions, theme loadedTheme: (Theme?, [Diagnostic])?, memo: RenderMemo?,
        incremental: IncrementalWriter?, assembled: LoadedSite.Assembled?
    ) async -> BuildReport {
        var diagnostics: [Diagnostic] = []
        var reviewItems: [ReviewReport.Item] = []
        if options.writeOutput, let refusal = outputRefusal(options) {
            return BuildReport(diagnostics: [refusal])
        }
        // Load and validate; the theme is read meanwhile.
        async let themeLoad = loadedTheme ?? Theme.load(from: options.themeURL, displayPath: options.themeDisplay)
        options.progress?(BuildProgress(.loading))
        let loadedContent: SiteContent?
        if let site = consume assembled {
            diagnostics.absorb(site.diagnostics)
            reviewItems.absorb(site.reviewItems)
            loadedContent = site.content
        } else {
            loadedContent = await load(options, diagnostics: &diagnostics, reviewItems: &reviewItems)
        }
        // Consumed, so that a one-off build can free the texts once they are rendered (`renderAll`).
        guard let content = consume loadedContent else {
            var report = BuildReport(diagnostics: diagnostics.sortedForReport())
            report.review = ReviewReport(items: reviewItems)
            return report
        }
        // The review report reads only the items: made beside the rendering rather than after it, where it
        // had one core to itself (10,000 items took 30 ms).
        let items = consume reviewItems
        async let reviewReport = ReviewReport(items: items)
        let sitePath = SubPath.prefix(of: content.site.baseURL)
        let (theme, themeDiagnostics) = await themeLoad
        diagnostics += themeDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            var report = BuildReport(diagnostics: diagnostics.sortedForReport(), counts: content.counts)
            report.review = await reviewReport
            report.sitePath = sitePath
            return report
        }
        // Render and write.
        let writer: OutputWriter?
        let sink: any OutputSink
        if let incremental {
            writer = nil
            sink = incremental
        } else if options.writeOutput {
            do {
                let w = try OutputWriter(output: options.outputURL, jobs: options.jobs)
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
        // The lock is let go of when this build returns, whichever thread frees the writer later.
        defer { writer?.unlock() }
        options.progress?(BuildProgress(.rendering, done: 0))
        let reporting = options.progress.map { ProgressSink(sink, report: $0) as any OutputSink } ?? sink
        // The link check needs every file written; the incremental writer knows them itself.
        let recorder = incremental == nil ? RecordingSink(reporting) : nil
        let site = content.site
        let counts = content.counts
        let now = content.now
        var renderer = SiteRenderer(
            content: consume content, theme: theme, sink: recorder ?? reporting, options: options, memo: memo)
        let rendered = await renderer.renderAll()
        diagnostics += rendered.diagnostics
        options.progress?(BuildProgress(.rendering, done: rendered.fileCount))
        options.progress?(BuildProgress(.checking))
        // Every file of the build record is written by now: its entries are sorted while the links
        // are checked, rather than after.
        async let recordEntries = writer.map { RecordEntries($0.writtenFiles) }
        let links = checkLinks(
            rendered.links, writtenFiles: incremental?.madePaths() ?? recorder?.paths ?? [], site: site,
            options: options,
            memo: memo)
        let fileCount = rendered.fileCount
        // What rendering made for the link check and the search index, and the renderer with the content, its
        // link interner and the spill file, are let go of on another core while this one goes on. Not before the
        // check: the pages' links share their strings with the interner, and freeing it beside the check made
        // the two cores contend for those strings' reference counts.
        releaseInBackground((consume rendered, consume renderer))
        diagnostics += links.diagnostics
        let sorted =
            memo?.derived("diagnostics", inputs: diagnostics) { $0.sortedForReport() }
            ?? diagnostics.sortedForReport()
        var report = BuildReport(diagnostics: sorted, fileCount: fileCount, counts: counts)
        report.sitePath = sitePath
        let review = await reviewReport
        report.review = review
        report.externalLinks = links.external
        guard !sorted.hasErrors else {
            writer?.discard()
            incremental?.discard()
            memo?.discard()
            return report
        }
        let record = BuildRecord(
            builtAt: ISO8601DateFormatter().string(from: Date()),
            now: ContentDate.rfc3339(now, in: site.timeZone), production: options.production,
            errors: report.errorCount, reviewRequired: site.reviewRequired, pendingReviews: review.rows.count,
            files: [:])
        options.progress?(BuildProgress(.writing))
        do {
            if let incremental {
                try incremental.commit(record: record)
            } else if let writer {
                let entries = await recordEntries
                try writer.commit(record: record, entries: entries)
                releaseInBackground((writer, entries, recorder))
            }
        } catch {
            writer?.discard()
            incremental?.discard()
            memo?.discard()
            report.diagnostics.append(.error("\(error)", code: "output.write", file: options.outputURL.path))
            return report
        }
        memo?.commit()
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
        let site = await LoadedSite.load(options).assembleOnce()
        // Taken whole when nothing came before (the usual case): appending copied 10,000 findings one by one.
        diagnostics.absorb(site.diagnostics)
        reviewItems.absorb(site.reviewItems)
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
