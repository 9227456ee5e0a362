import CampaignCore
import Foundation
import Markdown

/// Renders every output file of a loaded site through the theme into an `OutputSink`.
struct SiteRenderer: Sendable {
    let content: SiteContent
    let theme: Theme
    let sink: any OutputSink
    let options: BuildOptions
    let layout: PageLayout
    let markdownOptions: MarkdownOptions
    /// One copy of each URL for the link check (see `scanLinks`).
    let interner = LinkInterner()
    /// The path of `base_url` (`/wmcj`), empty for a site at the root of its host (`SubPath`).
    let basePath: String

    init(content: SiteContent, theme: Theme, sink: any OutputSink, options: BuildOptions) {
        self.content = content
        self.theme = theme
        self.sink = sink
        self.options = options
        self.layout = PageLayout(
            site: content.site, theme: theme, navigation: Self.navigation(content: content, theme: theme),
            footerLinks: Self.footerLinks(content: content, theme: theme),
            govBadgePath: Self.govBadgePath(content.site.footer.govBadge))
        self.markdownOptions = MarkdownOptions(unsafeHTML: content.site.unsafeHTML)
        self.basePath = SubPath.prefix(of: content.site.baseURL)
    }

    /// What one render step produced: problems, file count and sitemap entries.
    struct Output: Sendable {
        var diagnostics: [Diagnostic] = []
        var fileCount = 0
        var sitemap: [SitemapEntry] = []
        /// Anchors and links of every HTML page written, for the link check after rendering.
        var links: [PageLinks] = []
        /// Pages for the search index (`SiteRenderer+Search`).
        var search: [SearchDocument] = []

        mutating func merge(_ other: Output) {
            diagnostics += other.diagnostics
            fileCount += other.fileCount
            sitemap += other.sitemap
            links += other.links
            search += other.search
        }
    }

    struct SitemapEntry: Sendable {
        var path: String
        var lastModified: Date?
    }

    /// Renders the whole site.
    func renderAll() async -> Output {
        var output = Output()
        let articles = await renderArticles()
        var summaries: [String] = []
        var cards: [String?] = []
        summaries.reserveCapacity(articles.count)
        cards.reserveCapacity(articles.count)
        for article in articles {
            output.merge(article.output)
            summaries.append(article.summary)
            cards.append(article.card)
        }
        let pageOutputs = await concurrentMap(content.pages, jobs: options.jobs) { page in self.renderPage(page) }
        for pageOutput in pageOutputs { output.merge(pageOutput) }
        output.merge(await renderExposures())
        output.merge(await renderLists(summaries: summaries, cards: cards))
        output.merge(renderHome(summaries: summaries))
        output.merge(renderNotFound())
        output.merge(copyAssets())
        output.merge(copyGovBadge())
        output.merge(renderFeeds(summaries: summaries))
        output.merge(renderProgress())
        output.merge(await renderLED())
        output.merge(renderSiteMapPage())
        output.merge(await renderSearch(output.search))
        output.merge(renderSitemap(output.sitemap))
        return output
    }

    // MARK: - Writing

    /// Renders `template` and writes it; failures become diagnostics.
    ///
    /// `sourceLines` maps the URLs of the content's links to their lines in `source` (see `linkLines`);
    /// other links of the page are the template's.
    func emit(
        _ template: String, _ context: [String: Any], to path: String, source: String,
        sourceLines: [String: Int] = [:], search: SearchEntry? = nil
    ) -> Output {
        var output = Output()
        guard let html = theme.render(template, context) else {
            output.diagnostics.append(
                .error("theme has no template '\(template)'", code: "theme.missing", file: options.themeDisplay))
            return output
        }
        output.merge(write(html, to: path, source: source, template: template, sourceLines: sourceLines))
        if let search, wantsSearch { output.search.append(search.document(html: html)) }
        return output
    }

    /// Writes `text`; an HTML page is scanned for the link check (see `scanLinks`).
    func write(
        _ text: String, to path: String, source: String, template: String? = nil, sourceLines: [String: Int] = [:]
    ) -> Output {
        var output = Output()
        let isPage = path.hasSuffix(".html")
        let text = isPage ? SubPath.rewrite(html: text, prefix: basePath) : text
        do {
            try sink.write(text, to: path)
            output.fileCount = 1
            if isPage {
                let lines = basePath.isEmpty ? sourceLines : Self.linkLines(sourceLines, under: basePath)
                output.links = scanLinks(text, path: path, source: source, template: template, sourceLines: lines)
            }
        } catch {
            output.diagnostics.append(.error("cannot write \(path): \(error)", code: "output.write", file: source))
        }
        return output
    }

    /// The output file of a site path: `/news/x/` → `news/x/index.html`.
    static func file(for path: String) -> String {
        var p = path
        if p.hasPrefix("/") { p.removeFirst() }
        if p.isEmpty || p.hasSuffix("/") { p += "index.html" }
        // Tag paths are percent-encoded in links; servers decode them back to the folder name.
        return p.removingPercentEncoding ?? p
    }

    // MARK: - News

    struct ArticleResult: Sendable {
        var summary: String
        /// The item rendered once through the theme's `news-card` partial, reused by every list page
        /// that shows it (the news list and each of its tags): lists cost a copy, not a render.
        var card: String?
        var output: Output
    }

    func renderArticles() async -> [ArticleResult] {
        let news = content.news
        let indices = Array(news.indices)
        return await concurrentMap(indices, jobs: options.jobs) { index in
            self.renderArticle(at: index)
        }
    }

    func newsCard(_ item: NewsItem, summary: String) -> [String: Any] {
        var card: [String: Any] = layout.dateFields(item.date)
        card["title"] = item.title
        card["url"] = item.path
        card["summary"] = summary
        card["tags"] = tagLinks(item.tags)
        card["has_tags"] = !item.tags.isEmpty
        return card
    }

    func tagLinks(_ tags: [String]) -> [[String: String]] {
        tags.map { ["name": $0, "url": Self.tagPath($0)] }
    }

    static func tagPath(_ tag: String) -> String { "/tags/\(Markup.encodeSegment(tag))/" }

    func renderArticle(at index: Int) -> ArticleResult {
        let item = content.news[index]
        let document = MarkdownRenderer.render(item.body, options: markdownOptions)
        let summary = item.summary ?? TextMetrics.summary(of: document.plainText)
        let length = TextMetrics.readingLength(of: document.plainText)
        var article: [String: Any] = layout.dateFields(item.date)
        article["title"] = item.title
        article["content"] = document.html
        article["summary"] = summary
        article["source"] = item.source ?? content.site.title
        article["tags"] = tagLinks(item.tags)
        article["has_tags"] = !item.tags.isEmpty
        article["reading_minutes"] = length.minutes
        article["characters"] = length.characters
        if index > 0 {
            let newer = content.news[index - 1]
            article["newer"] = ["title": newer.title, "url": newer.path]
        }
        if index + 1 < content.news.count {
            let older = content.news[index + 1]
            article["older"] = ["title": older.title, "url": older.path]
        }
        let context = layout.context(
            title: item.title, column: "创建动态", path: item.path,
            article: ArticleMeta(title: item.title, date: item.date, source: item.source),
            extra: ["article": article])
        var output = emit(
            "news-article", context, to: Self.file(for: item.path), source: item.file,
            sourceLines: Self.linkLines(document, bodyStartLine: item.bodyStartLine),
            search: SearchEntry(.news, title: item.title, path: item.path, date: item.date))
        output.sitemap.append(SitemapEntry(path: item.path, lastModified: item.date))
        let card =
            theme.templateNames.contains("news-card")
            ? theme.render("news-card", newsCard(item, summary: summary)) : nil
        return ArticleResult(summary: summary, card: card, output: output)
    }

    // MARK: - Lists

    /// One paginated list of news: `/news/` or a tag's pages.
    struct NewsList: Sendable {
        var indices: [Int]
        var basePath: String
        var template: String
        var title: String
        var column: String
        var tag: String?

        func pagePath(_ n: Int) -> String { n == 1 ? basePath : "\(basePath)page/\(n)/" }
    }

    /// The page numbers shown in a pager: first, last and three either side of the current page, so a
    /// list of 400 pages does not put 400 links on each of them.
    static func pagerNumbers(current: Int, count: Int) -> [Int] {
        guard count > 1 else { return [] }
        var numbers = Set([1, count])
        for n in max(1, current - 3)...min(count, current + 3) { numbers.insert(n) }
        return numbers.sorted()
    }

    /// The pager entries of page `current`: `{number, url, current}` and `{gap: true}` between runs.
    static func pager(current: Int, count: Int, path: (Int) -> String) -> [[String: Any]] {
        var pager: [[String: Any]] = []
        var last = 0
        for number in pagerNumbers(current: current, count: count) {
            if number > last + 1 { pager.append(["gap": true]) }
            pager.append(["number": number, "url": path(number), "current": number == current])
            last = number
        }
        return pager
    }

    /// Renders page `n` of `list` (page 1 at the base path, then `page/N/`).
    func renderListPage(_ list: NewsList, page n: Int, pageCount: Int, summaries: [String], cards: [String?]) -> Output
    {
        let size = content.site.pageSize
        let slice = list.indices.dropFirst((n - 1) * size).prefix(size)
        var fields: [String: Any] = [:]
        if let tag = list.tag { fields["tag"] = tag }
        fields["items"] = slice.map { index -> [String: Any] in
            if let card = cards[index] { return ["card": card] }
            return newsCard(content.news[index], summary: summaries[index])
        }
        fields["is_empty"] = list.indices.isEmpty
        fields["page_number"] = n
        fields["page_count"] = pageCount
        if n > 1 { fields["previous_url"] = list.pagePath(n - 1) }
        if n < pageCount { fields["next_url"] = list.pagePath(n + 1) }
        fields["paginated"] = pageCount > 1
        fields["pages"] = Self.pager(current: n, count: pageCount, path: list.pagePath)
        let pageTitle = n == 1 ? list.title : "\(list.title)（第\(n)页）"
        let context = layout.context(
            title: pageTitle, column: list.column, path: list.pagePath(n), extra: ["list": fields])
        var output = emit(list.template, context, to: Self.file(for: list.pagePath(n)), source: options.contentDisplay)
        output.sitemap.append(
            SitemapEntry(path: list.pagePath(n), lastModified: slice.first.map { content.news[$0].date }))
        return output
    }

    /// The news list and every tag's list, all pages rendered in parallel.
    func renderLists(summaries: [String], cards: [String?]) async -> Output {
        var lists = [
            NewsList(
                indices: Array(content.news.indices), basePath: "/news/", template: "news-list", title: "创建动态",
                column: "创建动态")
        ]
        for tag in content.tags {
            lists.append(
                NewsList(
                    indices: tag.items, basePath: Self.tagPath(tag.name), template: "tag", title: "标签：\(tag.name)",
                    column: "创建动态", tag: tag.name))
        }
        let size = content.site.pageSize
        var jobs: [(list: Int, page: Int, count: Int)] = []
        for (index, list) in lists.enumerated() {
            let count = max(1, (list.indices.count + size - 1) / size)
            for n in 1...count { jobs.append((index, n, count)) }
        }
        let allLists = lists
        let outputs = await concurrentMap(jobs, jobs: options.jobs) { job in
            self.renderListPage(
                allLists[job.list], page: job.page, pageCount: job.count, summaries: summaries, cards: cards)
        }
        var output = Output()
        for o in outputs { output.merge(o) }
        let tagList: [[String: Any]] = content.tags.map {
            ["name": $0.name, "url": Self.tagPath($0.name), "count": $0.items.count]
        }
        let context = layout.context(
            title: "全部标签", column: "创建动态", path: "/tags/", extra: ["tag_index": tagList])
        if theme.templateNames.contains("tags") {
            output.merge(emit("tags", context, to: "tags/index.html", source: options.contentDisplay))
        }
        return output
    }

    func renderHome(summaries: [String]) -> Output {
        let latest = content.news.prefix(8).enumerated().map { newsCard($0.element, summary: summaries[$0.offset]) }
        var home: [String: Any] = ["latest_news": latest, "has_news": !latest.isEmpty]
        home["campaign_name"] = content.site.campaign.name
        home["exposures"] = exposureHomeContext()
        if let inspection = content.site.campaign.inspectionDate {
            let days = ContentDate.daysBetween(content.now, inspection, in: content.site.timeZone)
            home["countdown"] =
                [
                    "days": max(0, days), "date": ContentDate.chineseDayString(inspection, in: content.site.timeZone),
                    "passed": days < 0,
                ] as [String: Any]
        }
        if let indicators = content.progress?.indicators, indicators.total > 0 {
            home["indicator_share"] =
                [
                    "met": indicators.met, "total": indicators.total, "percent_text": indicators.percentText,
                    "url": Self.progressPath,
                ] as [String: Any]
        }
        let context = layout.context(title: content.site.title, column: "首页", path: "/", extra: ["home": home])
        var output = emit("home", context, to: "index.html", source: options.contentDisplay)
        output.sitemap.append(SitemapEntry(path: "/", lastModified: content.news.first?.date))
        return output
    }

    // MARK: - Pages

    func renderPage(_ page: PageItem) -> Output {
        let document = MarkdownRenderer.render(page.body, options: markdownOptions)
        var fields: [String: Any] = page.date.map { layout.dateFields($0) } ?? [:]
        fields["title"] = page.title
        fields["content"] = document.html
        fields["summary"] = page.summary ?? TextMetrics.summary(of: document.plainText)
        fields["has_date"] = page.date != nil
        let context = layout.context(title: page.title, column: page.title, path: page.path, extra: ["page": fields])
        var output = emit(
            "page", context, to: Self.file(for: page.path), source: page.file,
            sourceLines: Self.linkLines(document, bodyStartLine: page.bodyStartLine),
            search: SearchEntry(.page, title: page.title, path: page.path, date: page.date))
        output.sitemap.append(SitemapEntry(path: page.path, lastModified: page.date))
        return output
    }

    func renderNotFound() -> Output {
        let context = layout.context(title: "页面未找到", column: "404", path: "/404.html")
        return emit("404", context, to: "404.html", source: options.themeDisplay)
    }

    func copyAssets() -> Output {
        var output = Output()
        for asset in theme.assetFiles {
            do {
                try sink.copy(from: asset.source, to: asset.output)
                output.fileCount += 1
            } catch {
                output.diagnostics.append(
                    .error("\(error)", code: "output.write", file: "\(options.themeDisplay)/assets"))
            }
        }
        return output
    }
}
