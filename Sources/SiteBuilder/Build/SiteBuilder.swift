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
        let sitePath = SubPath.prefix(of: content.site.baseURL)
        let (theme, themeDiagnostics) = Theme.load(from: options.themeURL, displayPath: options.themeDisplay)
        diagnostics += themeDiagnostics
        guard let theme, !diagnostics.hasErrors else {
            var report = BuildReport(diagnostics: diagnostics.sortedForReport(), counts: content.counts)
            report.review = ReviewReport(items: reviewItems)
            report.sitePath = sitePath
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
        let renderer = SiteRenderer(content: content, theme: theme, sink: recorder, options: options)
        let rendered = await renderer.renderAll()
        diagnostics += rendered.diagnostics
        let links = checkLinks(rendered.links, writtenFiles: recorder.paths, site: content.site, options: options)
        diagnostics += links.diagnostics
        let sorted = diagnostics.sortedForReport()
        var report = BuildReport(diagnostics: sorted, fileCount: rendered.fileCount, counts: content.counts)
        report.sitePath = sitePath
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

    /// Loads site.yml, news and pages; nil when the site can not be built at all.
    ///
    /// `reviewItems` collects every published text that needs the three reviews, even when loading
    /// fails, for the review report.
    static func load(
        _ options: BuildOptions, diagnostics: inout [Diagnostic], reviewItems: inout [ReviewReport.Item]
    ) async -> SiteContent? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: options.contentURL.path, isDirectory: &isDir), isDir.boolValue else {
            diagnostics.append(
                .error(
                    "content folder '\(options.contentDisplay)' not found (run in the project folder or pass --content)",
                    code: "content.missing", file: options.contentDisplay))
            return nil
        }
        let siteDisplay = "\(options.contentDisplay)/site.yml"
        let (siteText, readProblem) = ContentFiles.readText(
            options.contentURL.appendingPathComponent("site.yml"), display: siteDisplay, code: "site")
        if let readProblem {
            diagnostics.append(readProblem)
            return nil
        }
        let (parsedSite, siteDiagnostics) = SiteConfig.parse(siteText ?? "", file: siteDisplay)
        diagnostics += siteDiagnostics
        guard let site = parsedSite else { return nil }
        let now = options.now ?? Date()
        let editorial = loadEditorial(options, site: site, diagnostics: &diagnostics)
        let privacyAllow = PrivacyAllowList(site: site)

        let newsFolder = options.contentURL.appendingPathComponent("news")
        let (newsFiles, newsReadProblems) = await ContentFiles.readAll(
            ContentFiles.list(newsFolder, extensions: ["md", "markdown"]),
            displayPrefix: "\(options.contentDisplay)/news",
            code: "news", jobs: options.jobs)
        diagnostics += newsReadProblems
        let parsedNews = await concurrentMap(newsFiles, jobs: options.jobs) {
            file -> (NewsItem?, [Diagnostic], SignedReviewRules.Result?) in
            let (item, reader, d) = NewsItem.parse(file.text, file: file.display, fileName: file.name, site: site)
            guard let item else { return (nil, d, nil) }
            var checks: [Diagnostic] = []
            var signatures: SignedReviewRules.Result?
            if item.isPublished(at: now, drafts: options.drafts, future: options.future) {
                checks = editorial.check(news: item, reader: reader)
                signatures = editorial.signatures(
                    item.review, kind: .news, id: newsID(fileName: file.name), file: item.file,
                    contentHash: ReviewContent.markdownHash(file.text))
                checks += signatures?.diagnostics ?? []
            }
            let (masked, privacy) = PrivacyMasking.mask(
                item, reader: reader, production: options.production, allow: privacyAllow)
            return (masked, d + checks + privacy, signatures)
        }
        var allNews: [NewsItem] = []
        var signedStates: [String: [ReviewStage: SignedReviewRules.StepState]] = [:]
        for (item, d, signatures) in parsedNews {
            diagnostics += d
            if let item { allNews.append(item) }
            if let item, let signatures { signedStates[item.file] = signatures.states }
        }
        var slugOwners: [String: String] = [:]
        for item in allNews {
            if let other = slugOwners[item.slug] {
                diagnostics.append(
                    .error(
                        "slug '\(item.slug)' is also used by \(other); each article needs its own (set 'slug:')",
                        code: "news.slug-duplicate", at: item.titleLocation))
            } else {
                slugOwners[item.slug] = item.file
            }
        }
        let published = allNews.filter { $0.isPublished(at: now, drafts: options.drafts, future: options.future) }
            .sorted { ($0.date, $1.slug) > ($1.date, $0.slug) }

        let pagesFolder = options.contentURL.appendingPathComponent("pages")
        let (pageFiles, pageReadProblems) = await ContentFiles.readAll(
            ContentFiles.list(pagesFolder, extensions: ["md", "markdown"]),
            displayPrefix: "\(options.contentDisplay)/pages", code: "page", jobs: options.jobs)
        diagnostics += pageReadProblems
        var pages: [PageItem] = []
        var pageSlugs: [String: String] = [:]
        for file in pageFiles {
            let (parsedPage, d) = PageItem.parse(file.text, file: file.display, fileName: file.name, site: site)
            diagnostics += d
            guard let parsedPage else { continue }
            diagnostics += editorial.check(page: parsedPage)
            let (page, privacy) = PrivacyMasking.mask(
                parsedPage, production: options.production, allow: privacyAllow)
            diagnostics += privacy
            if let other = pageSlugs[page.slug] {
                diagnostics.append(
                    .error(
                        "page slug '\(page.slug)' is also used by \(other)", code: "page.slug-duplicate",
                        at: page.titleLocation))
                continue
            }
            pageSlugs[page.slug] = page.file
            pages.append(page)
        }

        var tagIndex: [String: [Int]] = [:]
        for (index, item) in published.enumerated() {
            for tag in Set(item.tags) { tagIndex[tag, default: []].append(index) }
        }
        let tags = tagIndex.keys.sorted().map { (name: $0, items: tagIndex[$0] ?? []) }
        diagnostics += siteRequirements(
            options, site: site, siteText: siteText ?? "", news: published, pages: pages, now: now)
        reviewItems += published.map {
            editorial.reportItem(ReviewReport.Item(news: $0), states: signedStates[$0.file])
        }
        let exposures = await loadExposures(
            options, site: site, editorial: editorial, diagnostics: &diagnostics, signedStates: &signedStates)
        let (progress, progressDiagnostics) = loadProgress(options, site: site, now: now)
        diagnostics += progressDiagnostics
        let led = loadLED(options, site: site, news: published, diagnostics: &diagnostics)
        diagnostics += editorial.check(led: led, now: now)
        let ledSignatures = signedLED(led, editorial: editorial, now: now)
        diagnostics += ledSignatures.diagnostics
        reviewItems += exposures.notices.map {
            editorial.reportItem(ReviewReport.Item(notice: $0), states: signedStates[$0.file])
        }
        reviewItems += Self.reviewItems(led: led, now: now).map {
            editorial.reportItem($0, states: ledSignatures.states[$0.title])
        }
        if diagnostics.hasErrors { return nil }
        var content = SiteContent(
            site: site, now: now, news: published, pages: pages, tags: tags, exposures: exposures)
        content.progress = progress
        content.led = led
        return content
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
