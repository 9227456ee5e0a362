import CampaignCore
import Foundation
import Imaging
import Markdown

/// The exposure board (曝光台): the paginated board, one page per notice, facet pages by district,
/// category and status, the overdue list, the ledger summary, `exposures/atom.xml` and the processed photos.
extension SiteRenderer {
    /// Notices per list page.
    static let exposurePageSize = 20
    /// The templates the exposure board needs; a theme without them gets no board (and a warning).
    static let exposureTemplates = ["exposure-list", "exposure-notice", "exposure-ledger"]

    var notices: [ExposureNotice] { content.exposures.notices }

    /// What every page of the board shares, derived once per build: the ledger, the facets with their
    /// counts and each notice's card.
    struct ExposureBoard: Sendable {
        var ledger: ExposureLedger
        var facets: ExposureFacets
        var cards: [ExposureCard]

        var totals: ExposureTotals {
            ExposureTotals(open: ledger.open, closed: ledger.closed, overdue: ledger.overdue, total: ledger.total)
        }

        /// The home page's board section: the latest 5 notices and the totals.
        var home: ExposureHome { ExposureHome(items: Array(cards.prefix(5)), totals: totals) }
    }

    /// Everything the board is made from besides the site settings (which start `campaign serve` over):
    /// the notices, the clock, and the variants of each notice's first photo (its card's thumbnail).
    struct BoardInputs: Equatable, Sendable {
        var notices: [ExposureNotice]
        var now: Date
        var thumbnails: [[String]?]
    }

    func exposureBoard() -> ExposureBoard {
        memoized("exposure-board", inputs: boardInputs()) { $0.exposureBoardUnit() }
    }

    func boardInputs() -> BoardInputs {
        let thumbnails = notices.map { notice in
            notice.photos.first.flatMap { content.exposures.photos[PublishedPhoto.key(notice, $0.file)] }.map {
                $0.variants.map { "\($0.sitePath) \($0.width)x\($0.height)" }
            }
        }
        return BoardInputs(notices: notices, now: content.now, thumbnails: thumbnails)
    }

    func exposureBoardUnit() -> ExposureBoard {
        let ledger = ExposureLedger(notices: notices, now: content.now, site: content.site)
        let site = content.site
        func link(_ name: String, _ url: String, _ count: Int) -> ExposureFacets.Link {
            ExposureFacets.Link(name: name, url: url, count: count, current: false)
        }
        func count(_ rows: [ExposureLedger.Row], _ slug: String) -> Int { rows.first { $0.slug == slug }?.total ?? 0 }
        let facets = ExposureFacets(
            statuses: ExposureStatus.allCases.map { link($0.chineseName, Self.statusPath($0), ledger.count($0)) }
                + [link("已逾期", Self.overduePath, ledger.overdue)],
            districts: site.districts.map { link($0.name, Self.districtPath($0), count(ledger.districts, $0.slug)) },
            categories: site.categories.map { link($0.name, Self.categoryPath($0), count(ledger.categories, $0.slug)) },
            all: link("全部", Self.exposuresPath, ledger.total))
        var cards = notices.map(exposureCard)
        // Each card is rendered once here and inserted as `{{{card}}}` by the board, every facet and the
        // home page, where a notice shows up about five times: those lists cost a copy, not a render.
        if theme.templateNames.contains("exposure-card") {
            for index in cards.indices { cards[index].rendered = theme.render("exposure-card", cards[index]) }
        }
        return ExposureBoard(ledger: ledger, facets: facets, cards: cards)
    }

    /// Renders every page of the board and writes the photos.
    func renderExposures(_ board: ExposureBoard) async -> Output {
        var output = Output()
        let missing = Self.exposureTemplates.filter { !theme.templateNames.contains($0) }
        guard missing.isEmpty else {
            if !notices.isEmpty {
                output.diagnostics.append(
                    .warning(
                        "the theme has no template '\(missing.joined(separator: "', '"))'; the exposure board is not "
                            + "published (copy them from the default theme)", code: "theme.missing",
                        file: options.themeDisplay))
            }
            return output
        }
        let results = await concurrentMap(Array(notices.indices), jobs: options.jobs) { index in
            self.renderNotice(at: index, board: board)
        }
        var summaries: [String] = []
        for result in results {
            output.merge(result.output)
            summaries.append(result.summary)
        }
        output.merge(writePhotos())
        output.merge(await renderExposureLists(board))
        output.merge(renderLedger(board))
        output.merge(renderExposureFeed(summaries: summaries))
        return output
    }

    // MARK: - Paths

    static let exposuresPath = "/exposures/"
    static func exposurePath(_ notice: ExposureNotice) -> String { "/exposures/\(notice.slug)/" }
    static func districtPath(_ entry: NamedEntry) -> String { "/exposures/district/\(entry.slug)/" }
    static func categoryPath(_ entry: NamedEntry) -> String { "/exposures/category/\(entry.slug)/" }
    static func statusPath(_ status: ExposureStatus) -> String { "/exposures/status/\(status.rawValue)/" }
    static let overduePath = "/exposures/overdue/"
    static let ledgerPath = "/exposures/ledger/"

    /// A symbol per status, a pie filling up along the workflow, so a badge does not rely on colour alone.
    static func symbol(_ status: ExposureStatus) -> String {
        switch status {
        case .open: "○"
        case .rectifying: "◔"
        case .rectified: "◑"
        case .verified: "◕"
        case .closed: "●"
        }
    }

    // MARK: - Cards

    func statusFields(_ status: ExposureStatus) -> ExposureCard.Status {
        ExposureCard.Status(
            key: status.rawValue, name: status.chineseName, symbol: Self.symbol(status), url: Self.statusPath(status))
    }

    func day(_ date: Date) -> String { ContentDate.dayString(date, in: content.site.timeZone) }
    func iso(_ date: Date) -> String { ContentDate.rfc3339(date, in: content.site.timeZone) }

    /// The fields of a notice shown in lists and on its page.
    func exposureCard(_ notice: ExposureNotice) -> ExposureCard {
        var thumbnail: ExposureCard.Picture?
        if let first = notice.photos.first, let photo = content.exposures.photos[PublishedPhoto.key(notice, first.file)]
        {
            thumbnail = picture(first, photo, sizes: "160px")
        }
        return ExposureCard(
            id: notice.id, title: notice.title, url: Self.exposurePath(notice), found: day(notice.found),
            foundISO: iso(notice.found),
            district: ExposureCard.Facet(name: notice.district.name, url: Self.districtPath(notice.district)),
            category: ExposureCard.Facet(name: notice.category.name, url: Self.categoryPath(notice.category)),
            unit: notice.unit.name, location: notice.location, deadline: day(notice.deadline),
            deadlineISO: iso(notice.deadline), status: statusFields(notice.status),
            overdueDays: notice.daysOverdue(now: content.now), thumbnail: thumbnail)
    }

    /// `<picture>` fields: WebP and JPEG `srcset`, the largest JPEG as `src` with its width and height.
    func picture(_ photo: ExposurePhoto, _ published: PublishedPhoto, sizes: String) -> ExposureCard.Picture {
        func srcset(_ format: ImageFormat) -> String {
            published.variants(format).map { "\($0.sitePath) \($0.width)w" }.joined(separator: ", ")
        }
        let largest = published.variants(.jpeg).last
        return ExposureCard.Picture(
            webpSrcset: srcset(.webp), jpegSrcset: srcset(.jpeg), sizes: sizes, src: largest?.sitePath ?? "",
            width: largest?.width ?? 0, height: largest?.height ?? 0, alt: photo.alt, caption: photo.caption)
    }

    func pictures(_ notice: ExposureNotice, _ photos: [ExposurePhoto]) -> [ExposureCard.Picture] {
        photos.compactMap { photo in
            content.exposures.photos[PublishedPhoto.key(notice, photo.file)].map {
                picture(photo, $0, sizes: "(min-width: 1080px) 520px, (min-width: 700px) 48vw, 100vw")
            }
        }
    }

    // MARK: - Notice pages

    struct NoticeResult: Sendable {
        var summary: String
        var output: Output
    }

    /// Everything a notice's page is made from.
    struct NoticeInputs: Equatable, Sendable {
        var notice: ExposureNotice
        var daysOverdue: Int
        /// The output paths of each photo's variants.
        var photos: [[String]?]
        var previous: [String]?
        var next: [String]?
    }

    func renderNotice(at index: Int, board: ExposureBoard) -> NoticeResult {
        memoized("notice:" + notices[index].file, inputs: noticeInputs(at: index)) {
            $0.renderNoticeUnit(at: index, board: board)
        }
    }

    func noticeInputs(at index: Int) -> NoticeInputs {
        let notice = notices[index]
        return NoticeInputs(
            notice: notice, daysOverdue: notice.daysOverdue(now: content.now),
            photos: (notice.photos + (notice.rectification?.photos ?? [])).map { photo in
                content.exposures.photos[PublishedPhoto.key(notice, photo.file)]?.variants.map(\.outputPath)
            },
            previous: index > 0 ? [notices[index - 1].title, notices[index - 1].slug] : nil,
            next: index + 1 < notices.count ? [notices[index + 1].title, notices[index + 1].slug] : nil)
    }

    func renderNoticeUnit(at index: Int, board: ExposureBoard) -> NoticeResult {
        let notice = notices[index]
        let document = MarkdownRenderer.render(notice.body, options: markdownOptions)
        let summary = TextMetrics.summary(ofUTF8: document.plainTextBytes)
        func link(_ notice: ExposureNotice) -> LinkItem {
            LinkItem(title: notice.title, url: Self.exposurePath(notice))
        }
        let fields = ExposureNoticePage.Notice(
            card: board.cards[index], content: document.htmlBytes, summary: summary,
            source: notice.source?.rawValue ?? "—", limitDays: notice.limitDays,
            beforePhotos: pictures(notice, notice.photos),
            afterPhotos: pictures(notice, notice.rectification?.photos ?? []),
            rectification: notice.rectification.map {
                ExposureNoticePage.Rectification(note: $0.note, date: day($0.date))
            },
            timeline: timeline(notice), newer: index > 0 ? link(notices[index - 1]) : nil,
            older: index + 1 < notices.count ? link(notices[index + 1]) : nil)
        let path = Self.exposurePath(notice)
        let chrome = layout.chrome(
            title: notice.title, column: "曝光台", path: path,
            article: ArticleMeta(title: notice.title, date: notice.found, source: nil))
        var output = emit(
            "exposure-notice", ExposureNoticePage(chrome: chrome, notice: fields), to: Self.file(for: path),
            source: notice.file,
            search: SearchEntry(
                .exposure, title: notice.title, path: path, date: notice.found, district: notice.district.name,
                status: notice.status.chineseName))
        let dates = [notice.found, notice.rectification?.date, notice.verification?.at, notice.closed]
        output.sitemap.append(SitemapEntry(path: path, lastModified: dates.compactMap { $0 }.max()))
        return NoticeResult(summary: summary, output: output)
    }

    /// 发现 → 整改 → 复核 → 销号, each with its date when reached.
    func timeline(_ notice: ExposureNotice) -> [ExposureNoticePage.TimelineStep] {
        // The time zone, not `self`: a nested function using `day` would copy the whole renderer per step.
        let zone = content.site.timeZone
        func step(_ name: String, _ date: Date?, detail: String, pending: String) -> ExposureNoticePage.TimelineStep {
            ExposureNoticePage.TimelineStep(
                name: name, date: date.map { ContentDate.dayString($0, in: zone) },
                dateISO: date.map { ContentDate.rfc3339($0, in: zone) }, detail: detail, pending: pending,
                current: false)
        }
        let overdue = notice.daysOverdue(now: content.now)
        var deadline = "整改期限 \(day(notice.deadline))"
        if overdue > 0 { deadline += "，已逾期 \(overdue) 天" }
        var steps = [
            step("发现", notice.found, detail: notice.source.map { "来源：\($0.rawValue)" } ?? "", pending: ""),
            step(
                "整改", notice.rectification?.date,
                detail: notice.rectification == nil ? "" : "期限 \(day(notice.deadline))",
                pending: notice.status == .rectifying ? "整改中，\(deadline)" : "待整改，\(deadline)"),
            step(
                "复核", notice.verification?.at, detail: notice.verification.map { "复核：\($0.by)" } ?? "",
                pending: "待复核"),
            step("销号", notice.closed, detail: "", pending: "未销号"),
        ]
        // The first step not yet reached is the current one.
        if let current = steps.firstIndex(where: { $0.date == nil }) { steps[current].current = true }
        return steps
    }

    /// Copies every processed variant from the image cache (or memory) into Output/media/.
    func writePhotos() -> Output {
        let photos = content.exposures.photos.sorted { $0.key < $1.key }
        return memoized("photos") { hasher in
            for (key, photo) in photos {
                hasher.combine(key)
                for variant in photo.variants {
                    hasher.combine(variant.outputPath)
                    hasher.combine(variant.cacheFile?.path)
                    hasher.combine(variant.data)
                }
            }
        } render: {
            $0.writePhotos(photos)
        }
    }

    func writePhotos(_ photos: [(key: String, value: PublishedPhoto)]) -> Output {
        var output = Output()
        for (_, photo) in photos {
            for variant in photo.variants {
                do {
                    if let file = variant.cacheFile {
                        try sink.copy(from: file, to: variant.outputPath)
                    } else if let data = variant.data {
                        try sink.write(data, to: variant.outputPath)
                    }
                    output.fileCount += 1
                } catch {
                    output.diagnostics.append(
                        .error(
                            "cannot write \(variant.outputPath): \(error)", code: "output.write",
                            file: options.contentDisplay))
                }
            }
        }
        return output
    }

    // MARK: - Lists

    /// One paginated list of notices (indices into `notices`).
    struct ExposureListSpec: Sendable {
        var pages: Paginator<Int>
        var title: String
        var intro: String
        var isBoard = false
    }

    /// Everything a page of a notice list is made from.
    struct ExposureListInputs: Equatable, Sendable {
        var title: String
        var intro: String
        var itemCount: Int
        var pageCount: Int
        var facets: ExposureFacets
        var totals: ExposureTotals
        var cards: [ExposureCard]
        var found: [Date]
    }

    /// Page `n` of a list.
    func renderExposureListPage(_ spec: ExposureListSpec, page n: Int, board: ExposureBoard) -> Output {
        memoized("exposure-list:" + spec.pages.path(ofPage: n), inputs: listInputs(spec, page: n, board: board)) {
            $0.renderExposureListPageUnit(spec, page: n, board: board)
        }
    }

    func listInputs(_ spec: ExposureListSpec, page n: Int, board: ExposureBoard) -> ExposureListInputs {
        let slice = spec.pages.slice(n)
        return ExposureListInputs(
            title: spec.title, intro: spec.intro, itemCount: spec.pages.items.count, pageCount: spec.pages.pageCount,
            facets: board.facets, totals: board.totals, cards: slice.map { board.cards[$0] },
            found: slice.map { notices[$0].found })
    }

    func renderExposureListPageUnit(_ spec: ExposureListSpec, page n: Int, board: ExposureBoard) -> Output {
        let slice = spec.pages.slice(n)
        let path = spec.pages.path(ofPage: n)
        let list = ExposureListPage.List(
            items: slice.map { board.cards[$0] }, count: spec.pages.items.count, intro: spec.intro,
            isBoard: spec.isBoard, facets: board.facets.marking(spec.pages.basePath), totals: board.totals,
            pager: spec.pages.pager(n))
        let chrome = layout.chrome(title: spec.pages.title(spec.title, page: n), column: "曝光台", path: path)
        var output = emit(
            "exposure-list", ExposureListPage(chrome: chrome, list: list), to: Self.file(for: path),
            source: options.contentDisplay)
        output.sitemap.append(SitemapEntry(path: path, lastModified: slice.first.map { notices[$0].found }))
        return output
    }

    /// The board, the facet pages (every district, category and status, empty ones too) and the
    /// overdue list, every page rendered in parallel.
    func renderExposureLists(_ board: ExposureBoard) async -> Output {
        let site = content.site
        let all = Array(notices.indices)
        func spec(_ indices: [Int], _ basePath: String, _ title: String, _ intro: String, isBoard: Bool = false)
            -> ExposureListSpec
        {
            ExposureListSpec(
                pages: Paginator(items: indices, pageSize: Self.exposurePageSize, basePath: basePath), title: title,
                intro: intro, isBoard: isBoard)
        }
        var specs = [
            spec(all, Self.exposuresPath, "曝光台", "曝光不文明行为和城市管理问题，跟踪整改直至销号。", isBoard: true)
        ]
        specs += site.districts.map { district in
            spec(
                all.filter { notices[$0].district == district }, Self.districtPath(district), "曝光台：\(district.name)",
                "\(district.name)的曝光问题。")
        }
        specs += site.categories.map { category in
            spec(
                all.filter { notices[$0].category == category }, Self.categoryPath(category),
                "曝光台：\(category.name)", "问题类别为“\(category.name)”的曝光问题。")
        }
        specs += ExposureStatus.allCases.map { status in
            spec(
                all.filter { notices[$0].status == status }, Self.statusPath(status), "曝光台：\(status.chineseName)",
                "状态为“\(status.chineseName)”的曝光问题。")
        }
        let now = content.now
        let overdue = all.filter { notices[$0].isOverdue(now: now) }.sorted { a, b in
            let (da, db) = (notices[a].daysOverdue(now: now), notices[b].daysOverdue(now: now))
            return da != db ? da > db : notices[a].id < notices[b].id
        }
        specs.append(spec(overdue, Self.overduePath, "曝光台：已逾期", "超过整改期限仍未整改完成的问题，逾期最久的在前。"))
        let jobs = specs.indices.flatMap { index in (1...specs[index].pages.pageCount).map { (spec: index, page: $0) } }
        let allSpecs = specs
        let outputs = await concurrentMap(jobs, jobs: options.jobs) { job in
            self.renderExposureListPage(allSpecs[job.spec], page: job.page, board: board)
        }
        var output = Output()
        for o in outputs { output.merge(o) }
        return output
    }

    // MARK: - Ledger

    func ledgerRows(_ rows: [ExposureLedger.Row], url: ((ExposureLedger.Row) -> String)?) -> [ExposureLedgerPage.Row] {
        rows.map { row in
            ExposureLedgerPage.Row(
                name: row.name, total: row.total, open: row.open, closed: row.closed, overdue: row.overdue,
                url: url?(row))
        }
    }

    /// `exposures/ledger/`: 挂账 / 销号 / 逾期 counts, by status, unit, district and category.
    func renderLedger(_ board: ExposureBoard) -> Output {
        let ledger = board.ledger
        let fields = ExposureLedgerPage.Ledger(
            totals: board.totals, closedPercent: ledger.closedPercent,
            statuses: ledger.statusCounts.map {
                ExposureLedgerPage.StatusCount(count: $0.count, status: statusFields($0.status))
            },
            units: ledgerRows(ledger.units, url: nil),
            districts: ledgerRows(ledger.districts) { "/exposures/district/\($0.slug)/" },
            categories: ledgerRows(ledger.categories) { "/exposures/category/\($0.slug)/" },
            asOf: ContentDate.minuteString(content.now, in: content.site.timeZone), asOfISO: iso(content.now),
            facets: board.facets.marking(Self.ledgerPath))
        let chrome = layout.chrome(title: "曝光问题整改台账", column: "曝光台", path: Self.ledgerPath)
        var output = emit(
            "exposure-ledger", ExposureLedgerPage(chrome: chrome, ledger: fields), to: Self.file(for: Self.ledgerPath),
            source: options.contentDisplay,
            search: SearchEntry(.section, title: "曝光问题整改台账", path: Self.ledgerPath))
        output.sitemap.append(SitemapEntry(path: Self.ledgerPath, lastModified: nil))
        return output
    }

    // MARK: - Feed and home

    /// `exposures/atom.xml`: the latest 20 notices.
    func renderExposureFeed(summaries: [String]) -> Output {
        let site = content.site
        let entries = notices.prefix(20).enumerated().map { index, notice in
            AtomFeed.Entry(
                title: "【\(notice.status.chineseName)】\(notice.title)", path: Self.exposurePath(notice),
                published: notice.found, summary: summaries[index],
                categories: [notice.district.name, notice.category.name])
        }
        let xml = AtomFeed.render(
            title: "\(site.title) 曝光台", subtitle: "曝光台", selfPath: "/exposures/atom.xml",
            alternatePath: Self.exposuresPath, site: site, updated: notices.first?.found ?? content.now,
            entries: entries)
        return write(xml, to: "exposures/atom.xml", source: options.contentDisplay)
    }
}
