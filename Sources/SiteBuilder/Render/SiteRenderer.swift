import CampaignCore
import Foundation
import Markdown
import ThemeTemplates

/// Renders every output file of a loaded site through the theme into an `OutputSink`.
struct SiteRenderer: Sendable {
    /// Variable only so that a one-off build can drop the texts it has rendered (`renderAll`).
    private(set) var content: SiteContent
    let theme: Theme
    var sink: any OutputSink
    let options: BuildOptions
    let layout: PageLayout
    let markdownOptions: MarkdownOptions
    /// One copy of each URL for the link check (see `scanLinks`).
    let interner = LinkInterner()
    /// The path of `base_url` (`/wmcj`), empty for a site at the root of its host (`SubPath`).
    let basePath: String
    /// The links of the header variants and the footer, found once (see `scanLinks`).
    let chromeLinks: ChromeLinks
    /// Results of render units kept between builds by `campaign serve`; nil for a one-off build.
    var memo: RenderMemo? = nil
    /// What every page shares and a unit's fingerprint must cover: the rendered header and footer,
    /// the site settings that reach pages, the clock's day.
    let layoutFingerprint: Int
    /// The path of every tag, percent-encoded once per build rather than on every page that lists it.
    let tagPaths: [String: String]
    /// Where a cold build keeps the search texts until the index is written; nil under `campaign serve`,
    /// which keeps them in memory to compare them with the next build's.
    let searchSpill: SearchTextSpill?
    /// A one-off build's news texts, each freed once its article is rendered (`renderAll`); nil under
    /// `campaign serve`, which keeps them in the content to compare them with the next build's.
    private(set) var newsTexts: TextStore? = nil

    init(content: SiteContent, theme: Theme, sink: any OutputSink, options: BuildOptions, memo: RenderMemo? = nil) {
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
        self.chromeLinks = ChromeLinks(layout: layout, interner: interner, spliced: basePath.isEmpty)
        self.tagPaths = Dictionary(
            content.tags.map { ($0.name, Self.tagPath($0.name)) }, uniquingKeysWith: { a, _ in a })
        self.memo = memo
        self.searchSpill =
            memo == nil && theme.templateNames.contains("search")
            ? SearchTextSpill(preferring: options.cache) : nil
        var hasher = Hasher()
        hasher.combine(layout.headers)
        hasher.combine(layout.footer)
        hasher.combine(content.site.baseURL)
        hasher.combine(content.site.title)
        hasher.combine(content.site.timeZone.identifier)
        hasher.combine(content.site.unsafeHTML)
        hasher.combine(ContentDate.dayString(content.now, in: content.site.timeZone))
        self.layoutFingerprint = hasher.finalize()
    }

    /// Renders one unit, or, under `campaign serve`, reuses its result from the previous build when
    /// `fingerprint` (of everything the unit is made from) has not changed, keeping the files it wrote.
    func memoized<Value: Sendable>(
        _ key: String, fingerprint: (inout Hasher) -> Void, render: (SiteRenderer) -> Value
    ) -> Value {
        guard let memo else { return render(self) }
        var hasher = Hasher()
        hasher.combine(layoutFingerprint)
        fingerprint(&hasher)
        let print = hasher.finalize()
        return reusing(memo.hit(key, fingerprint: print, as: Value.self), render: render) { value, paths in
            memo.store(key, fingerprint: print, value: value, paths: paths)
        }
    }

    /// The value of a unit `remembered` from the previous build, keeping the files it wrote; or, when
    /// there is none or one of its files is gone, the unit rendered again, then `store`d with the paths
    /// it wrote (sorted).
    func reusing<Value>(
        _ remembered: (Value, [String])?, render: (SiteRenderer) -> Value, store: (Value, [String]) -> Void
    ) -> Value {
        if let (value, paths) = remembered {
            do {
                for path in paths { try sink.keep(path) }
                return value
            } catch {
                // A file of the previous build is gone: render the unit again.
            }
        }
        let recorder = RecordingSink(sink)
        var unit = self
        unit.sink = recorder
        let value = render(unit)
        store(value, recorder.paths.sorted())
        return value
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
    mutating func renderAll() async -> Output {
        var output = Output()
        if memo == nil {
            newsTexts = TextStore(content.news.map(\.body))
            for index in content.news.indices { content.news[index].body = "" }
        }
        let (articles, steps, exposures, board) = await renderItems()
        let summaries = articles.map(\.summary)
        let cards = articles.map(\.card)
        // What is left reads no Markdown text. A one-off build frees the texts now, so they do not add
        // to the memory the search index and the link check use; `campaign serve` keeps them to compare.
        if memo == nil { content.releaseTexts() }
        // The list pages need only the summaries and cards: they render while this task gathers what the
        // articles found (8,000 pages' links, search documents and sitemap entries), which had one core to
        // itself.
        async let lists = renderLists(summaries: summaries, cards: cards)
        for article in articles { output.merge(article.output) }
        releaseInBackground(consume articles)
        output.merge(steps)
        output.merge(exposures)
        output.merge(await lists)
        output.merge(renderHome(summaries: summaries, exposures: board.home))
        output.merge(renderNotFound())
        output.merge(copyAssets())
        output.merge(copyGovBadge())
        output.merge(renderFeeds(summaries: summaries))
        output.merge(renderSiteMapPage())
        // The search index and the sitemap are made from what is rendered by now, each on its own core.
        let documents = output.search
        async let search = renderSearch(documents)
        let sitemap = renderSitemap(output.sitemap)
        output.merge(await search)
        output.merge(sitemap)
        // The 8,000 summaries and rendered cards are freed on another core.
        releaseInBackground((summaries, cards))
        return output
    }

    /// The articles, the registered kinds and the exposure notices: they depend on nothing rendered, so
    /// they run at the same time. The exposure board (its ledger and facets) is made by the notices' task, while
    /// the articles render, rather than before them with one core waiting.
    func renderItems() async -> (
        articles: [ArticleResult], steps: Output, notices: Output, board: ExposureBoard
    ) {
        async let articles = renderArticles()
        async let steps = renderSteps()
        async let notices = { () async -> (Output, ExposureBoard) in
            let board = exposureBoard()
            return (await renderExposures(board), board)
        }()
        let (noticesOutput, board) = await notices
        return await (articles, steps, noticesOutput, board)
    }

    /// The outputs of the steps registered in `SiteContent.renderSteps()`, in their order.
    func renderSteps() async -> Output {
        var output = Output()
        for step in SiteContent.renderSteps() { output.merge(await step.render(self)) }
        return output
    }

    // MARK: - Writing

    /// Renders `template` and writes it; failures become diagnostics.
    ///
    /// `sourceLines` maps the URLs of the content's links to their lines in `source` (see `linkLines`);
    /// other links of the page are the template's.
    func emit(
        _ template: String, _ data: some PageModel, to path: String, source: String,
        sourceLines: [String: Int] = [:], search: SearchEntry? = nil
    ) -> Output {
        var output = Output()
        guard let (html, cut) = theme.renderBytes(template, data) else {
            output.diagnostics.append(
                .error("theme has no template '\(template)'", code: "theme.missing", file: options.themeDisplay))
            return output
        }
        if let cut {
            output.diagnostics.append(
                .error(
                    "模板 '\(template)' 渲染 \(path) 时\(theme.library.limits.description(of: cut))，页面不完整：请检查模板的嵌套 "
                        + "(the template was cut off at a render limit)",
                    code: "theme.render-limit", file: "\(options.themeDisplay)/templates/\(template).mustache"))
        }
        output.merge(
            write(
                html, to: path, source: source, template: template, sourceLines: sourceLines,
                headerVariant: data.chrome.headerVariant))
        if let search, wantsSearch { output.search.append(search.document(html: html, spill: searchSpill)) }
        return output
    }

    /// Writes `text`; an HTML page is scanned for the link check (see `scanLinks`).
    func write(
        _ text: String, to path: String, source: String, template: String? = nil, sourceLines: [String: Int] = [:]
    ) -> Output {
        write(Array(text.utf8), to: path, source: source, template: template, sourceLines: sourceLines)
    }

    /// Writes the UTF-8 bytes `text`; an HTML page is scanned for the link check (see `scanLinks`), with the
    /// header `headerVariant` of `layout` and its footer, when it holds them, as found once.
    func write(
        _ text: [UInt8], to path: String, source: String, template: String? = nil, sourceLines: [String: Int] = [:],
        headerVariant: Int? = nil
    ) -> Output {
        var output = Output()
        let isPage = path.hasSuffix(".html")
        let text = isPage ? SubPath.rewrite(html: text, prefix: basePath) : text
        do {
            try sink.write(text, to: path)
            output.fileCount = 1
            if isPage {
                let lines = basePath.isEmpty ? sourceLines : Self.linkLines(sourceLines, under: basePath)
                output.links = scanLinks(
                    text, path: path, source: source, template: template, sourceLines: lines,
                    headerVariant: headerVariant)
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
        // Tag paths are percent-encoded in links; servers decode them back to the folder name. Most
        // paths have nothing to decode, and Foundation's decoding bridges every path to `NSString`.
        guard p.utf8.contains(UInt8(ascii: "%")) else { return p }
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

    func newsCard(_ item: NewsItem, summary: String, rendered: String? = nil) -> NewsCard {
        NewsCard(
            title: item.title, url: item.path, summary: summary, date: layout.dateFields(item.date),
            tagNames: item.tags, tagPaths: tagPaths, rendered: rendered)
    }

    func tagLinks(_ tags: [String]) -> [TagLink] {
        tags.map { TagLink(name: $0, url: tagPaths[$0] ?? Self.tagPath($0)) }
    }

    static func tagPath(_ tag: String) -> String { "/tags/\(Markup.encodeSegment(tag))/" }

    func renderArticle(at index: Int) -> ArticleResult {
        let news = content.news
        let body = newsTexts?.take(index)
        let render = { (renderer: SiteRenderer) in
            renderer.renderArticle(
                news[index], body: body, newer: index > 0 ? news[index - 1] : nil,
                older: index + 1 < news.count ? news[index + 1] : nil)
        }
        // Reused only when the readings say what it was made of (always, under `campaign serve`).
        guard content.newsReadings.count == news.count else { return render(self) }
        return memoized(
            "news:" + news[index].file, inputs: ArticleInputs(content.newsReadings, at: index), render: render)
    }

    /// Renders `item`, whose Markdown is `body` when it was taken out of the item (`newsTexts`).
    func renderArticle(_ item: NewsItem, body: String? = nil, newer: NewsItem?, older: NewsItem?) -> ArticleResult {
        let document = MarkdownRenderer.render(body ?? item.body, options: markdownOptions)
        let summary = item.summary ?? TextMetrics.summary(ofUTF8: document.plainTextBytes)
        let length = TextMetrics.readingLength(ofUTF8: document.plainTextBytes)
        let article = NewsArticlePage.Article(
            title: item.title, content: document.htmlBytes, summary: summary, source: item.source ?? content.site.title,
            date: layout.dateFields(item.date), tags: tagLinks(item.tags), readingMinutes: length.minutes,
            characters: length.characters, newer: newer.map { LinkItem(title: $0.title, url: $0.path) },
            older: older.map { LinkItem(title: $0.title, url: $0.path) })
        let chrome = layout.chrome(
            title: item.title, column: "创建动态", path: item.path,
            article: ArticleMeta(title: item.title, date: item.date, source: item.source))
        var output = emit(
            "news-article", NewsArticlePage(chrome: chrome, article: article), to: Self.file(for: item.path),
            source: item.file, sourceLines: Self.linkLines(document, bodyStartLine: item.bodyStartLine),
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
        var pages: Paginator<Int>
        var template: String
        var title: String
        var column: String
        var tag: String?
    }

    /// Renders page `n` of `list`.
    func renderListPage(_ list: NewsList, page n: Int, summaries: [String], cards: [String?]) -> Output {
        let render = { (renderer: SiteRenderer) in
            renderer.renderListPageUnit(list, page: n, summaries: summaries, cards: cards)
        }
        guard content.newsReadings.count == content.news.count else { return render(self) }
        return memoized(
            "list:" + list.pages.path(ofPage: n), inputs: ListInputs(list, page: n, readings: content.newsReadings),
            render: render)
    }

    func renderListPageUnit(_ list: NewsList, page n: Int, summaries: [String], cards: [String?]) -> Output {
        let slice = list.pages.slice(n)
        let items = slice.map { index in
            newsCard(content.news[index], summary: summaries[index], rendered: cards[index])
        }
        let path = list.pages.path(ofPage: n)
        let page = NewsListPage(
            chrome: layout.chrome(title: list.pages.title(list.title, page: n), column: list.column, path: path),
            list: NewsListPage.List(
                tag: list.tag, items: items, isEmpty: list.pages.items.isEmpty, pager: list.pages.pager(n)))
        var output = emit(list.template, page, to: Self.file(for: path), source: options.contentDisplay)
        output.sitemap.append(SitemapEntry(path: path, lastModified: slice.first.map { content.news[$0].date }))
        return output
    }

    /// The news list and every tag's list, all pages rendered in parallel.
    func renderLists(summaries: [String], cards: [String?]) async -> Output {
        let size = content.site.pageSize
        var lists = [
            NewsList(
                pages: Paginator(items: Array(content.news.indices), pageSize: size, basePath: "/news/"),
                template: "news-list", title: "创建动态", column: "创建动态")
        ]
        for tag in content.tags {
            lists.append(
                NewsList(
                    pages: Paginator(items: tag.items, pageSize: size, basePath: Self.tagPath(tag.name)),
                    template: "tag", title: "标签：\(tag.name)", column: "创建动态", tag: tag.name))
        }
        let jobs = lists.indices.flatMap { list in (1...lists[list].pages.pageCount).map { (list: list, page: $0) } }
        let allLists = lists
        let outputs = await concurrentMap(jobs, jobs: options.jobs) { job in
            self.renderListPage(allLists[job.list], page: job.page, summaries: summaries, cards: cards)
        }
        var output = Output()
        for o in outputs { output.merge(o) }
        if theme.templateNames.contains("tags") {
            let tags = content.tags.map {
                TagsPage.Tag(name: $0.name, url: Self.tagPath($0.name), count: $0.items.count)
            }
            let page = TagsPage(chrome: layout.chrome(title: "全部标签", column: "创建动态", path: "/tags/"), tags: tags)
            output.merge(emit("tags", page, to: "tags/index.html", source: options.contentDisplay))
        }
        return output
    }

    func renderHome(summaries: [String], exposures: ExposureHome?) -> Output {
        let latest = content.news.prefix(8).enumerated().map { newsCard($0.element, summary: summaries[$0.offset]) }
        var home = HomePage.Home(campaignName: content.site.campaign.name, latestNews: latest, exposures: exposures)
        if let inspection = content.site.campaign.inspectionDate {
            let days = ContentDate.daysBetween(content.now, inspection, in: content.site.timeZone)
            home.countdown = HomePage.Countdown(
                days: max(0, days), date: ContentDate.chineseDayString(inspection, in: content.site.timeZone),
                passed: days < 0)
        }
        if let indicators = content.progress?.indicators, indicators.total > 0 {
            home.indicatorShare = HomePage.IndicatorShare(
                met: indicators.met, total: indicators.total, percentText: indicators.percentText,
                url: Self.progressPath)
        }
        let page = HomePage(chrome: layout.chrome(title: content.site.title, column: "首页", path: "/"), home: home)
        var output = emit("home", page, to: "index.html", source: options.contentDisplay)
        output.sitemap.append(SitemapEntry(path: "/", lastModified: content.news.first?.date))
        return output
    }

    // MARK: - Pages

    /// Every page of `Content/pages/`, in parallel.
    func renderPages() async -> Output {
        var output = Output()
        for pageOutput in await concurrentMap(content.pages, jobs: options.jobs, { self.renderPage($0) }) {
            output.merge(pageOutput)
        }
        return output
    }

    func renderPage(_ page: PageItem) -> Output {
        memoized("page:" + page.file) { hasher in
            hasher.combine(page.title)
            hasher.combine(page.date)
            hasher.combine(page.summary)
            hasher.combine(page.slug)
            hasher.combine(page.body)
            hasher.combine(page.bodyStartLine)
        } render: {
            $0.renderPageUnit(page)
        }
    }

    func renderPageUnit(_ page: PageItem) -> Output {
        let document = MarkdownRenderer.render(page.body, options: markdownOptions)
        let fields = ContentPage.Page(
            title: page.title, content: document.htmlBytes,
            summary: page.summary ?? TextMetrics.summary(ofUTF8: document.plainTextBytes),
            date: page.date.map(layout.dateFields)
        )
        let data = ContentPage(
            chrome: layout.chrome(title: page.title, column: page.title, path: page.path), page: fields)
        var output = emit(
            "page", data, to: Self.file(for: page.path), source: page.file,
            sourceLines: Self.linkLines(document, bodyStartLine: page.bodyStartLine),
            search: SearchEntry(.page, title: page.title, path: page.path, date: page.date))
        output.sitemap.append(SitemapEntry(path: page.path, lastModified: page.date))
        return output
    }

    func renderNotFound() -> Output {
        let page = PlainPage(chrome: layout.chrome(title: "页面未找到", column: "404", path: "/404.html"))
        return emit("404", page, to: "404.html", source: options.themeDisplay)
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

extension Hasher {
    /// Hashes a string's UTF-8 bytes and length: several times faster than `combine(String)`, which
    /// hashes the Unicode-normalized form. Fingerprints compare text byte for byte anyway.
    mutating func combineBytes(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
        combine(text.utf8.count)
    }
}
