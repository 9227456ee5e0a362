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

    /// Renders every page of the board and writes the photos.
    func renderExposures() async -> Output {
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
            self.renderNotice(at: index)
        }
        var summaries: [String] = []
        for result in results {
            output.merge(result.output)
            summaries.append(result.summary)
        }
        output.merge(writePhotos())
        output.merge(await renderExposureLists())
        output.merge(renderLedger())
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

    // MARK: - Contexts

    func statusContext(_ status: ExposureStatus) -> [String: Any] {
        [
            "key": status.rawValue, "name": status.chineseName, "symbol": Self.symbol(status),
            "url": Self.statusPath(status),
        ]
    }

    func day(_ date: Date) -> String { ContentDate.dayString(date, in: content.site.timeZone) }
    func iso(_ date: Date) -> String { ContentDate.rfc3339(date, in: content.site.timeZone) }

    /// The fields of a notice shown in lists and on its page.
    func exposureCard(_ notice: ExposureNotice) -> [String: Any] {
        let overdueDays = notice.daysOverdue(now: content.now)
        var card: [String: Any] = [
            "id": notice.id, "title": notice.title, "url": Self.exposurePath(notice),
            "found": day(notice.found), "found_iso": iso(notice.found),
            "district": ["name": notice.district.name, "url": Self.districtPath(notice.district)],
            "category": ["name": notice.category.name, "url": Self.categoryPath(notice.category)],
            "unit": notice.unit.name, "location": notice.location,
            "deadline": day(notice.deadline), "deadline_iso": iso(notice.deadline),
            "status": statusContext(notice.status),
            "is_overdue": overdueDays > 0, "overdue_days": overdueDays,
        ]
        card["has_thumbnail"] = false
        if let first = notice.photos.first, let photo = content.exposures.photos[PublishedPhoto.key(notice, first.file)]
        {
            card["thumbnail"] = pictureContext(first, photo, sizes: "160px")
            card["has_thumbnail"] = true
        }
        return card
    }

    /// `<picture>` fields: WebP and JPEG `srcset`, the largest JPEG as `src` with its width and height.
    func pictureContext(_ photo: ExposurePhoto, _ published: PublishedPhoto, sizes: String) -> [String: Any] {
        func srcset(_ format: ImageFormat) -> String {
            published.variants(format).map { "\($0.sitePath) \($0.width)w" }.joined(separator: ", ")
        }
        let largest = published.variants(.jpeg).last
        return [
            "webp_srcset": srcset(.webp), "jpeg_srcset": srcset(.jpeg), "sizes": sizes,
            "src": largest?.sitePath ?? "", "width": largest?.width ?? 0, "height": largest?.height ?? 0,
            "alt": photo.alt, "caption": photo.caption ?? "", "has_caption": photo.caption != nil,
        ]
    }

    func pictures(_ notice: ExposureNotice, _ photos: [ExposurePhoto]) -> [[String: Any]] {
        photos.compactMap { photo in
            content.exposures.photos[PublishedPhoto.key(notice, photo.file)].map {
                pictureContext(photo, $0, sizes: "(min-width: 1080px) 520px, (min-width: 700px) 48vw, 100vw")
            }
        }
    }

    // MARK: - Notice pages

    struct NoticeResult: Sendable {
        var summary: String
        var output: Output
    }

    func renderNotice(at index: Int) -> NoticeResult {
        let notice = notices[index]
        let document = MarkdownRenderer.render(notice.body, options: markdownOptions)
        let summary = TextMetrics.summary(of: document.plainText)
        var fields = exposureCard(notice)
        fields["content"] = document.html
        fields["summary"] = summary
        fields["source"] = notice.source?.rawValue ?? "—"
        fields["limit_days"] = notice.limitDays ?? 0
        fields["has_limit_days"] = notice.limitDays != nil
        let before = pictures(notice, notice.photos)
        fields["before_photos"] = before
        fields["has_before_photos"] = !before.isEmpty
        let after = pictures(notice, notice.rectification?.photos ?? [])
        fields["after_photos"] = after
        fields["has_after_photos"] = !after.isEmpty
        fields["has_rectification"] = notice.rectification != nil
        if let rectification = notice.rectification {
            fields["rectification"] = ["note": rectification.note, "date": day(rectification.date)]
        }
        fields["timeline"] = timeline(notice)
        if index > 0 {
            let newer = notices[index - 1]
            fields["newer"] = ["title": newer.title, "url": Self.exposurePath(newer)]
        }
        if index + 1 < notices.count {
            let older = notices[index + 1]
            fields["older"] = ["title": older.title, "url": Self.exposurePath(older)]
        }
        let path = Self.exposurePath(notice)
        let context = layout.context(
            title: notice.title, column: "曝光台", path: path,
            article: ArticleMeta(title: notice.title, date: notice.found, source: nil), extra: ["notice": fields])
        var output = emit(
            "exposure-notice", context, to: Self.file(for: path), source: notice.file,
            search: SearchEntry(
                .exposure, title: notice.title, path: path, date: notice.found, district: notice.district.name,
                status: notice.status.chineseName))
        let dates = [notice.found, notice.rectification?.date, notice.verification?.at, notice.closed]
        output.sitemap.append(SitemapEntry(path: path, lastModified: dates.compactMap { $0 }.max()))
        return NoticeResult(summary: summary, output: output)
    }

    /// 发现 → 整改 → 复核 → 销号, each with its date when reached.
    func timeline(_ notice: ExposureNotice) -> [[String: Any]] {
        func step(_ name: String, _ date: Date?, detail: String, pending: String) -> [String: Any] {
            var step: [String: Any] = [
                "name": name, "done": date != nil, "detail": detail, "has_detail": !detail.isEmpty,
                "pending": pending, "current": false,
            ]
            if let date {
                step["date"] = day(date)
                step["date_iso"] = iso(date)
            }
            return step
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
        if let current = steps.firstIndex(where: { $0["done"] as? Bool == false }) {
            steps[current]["current"] = true
        }
        return steps
    }

    /// Copies every processed variant from the image cache (or memory) into Output/media/.
    func writePhotos() -> Output {
        var output = Output()
        let photos = content.exposures.photos.sorted { $0.key < $1.key }
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

    /// Links to every facet with counts, for the navigation of the list pages.
    func facetNavigation(current: String) -> [String: Any] {
        func link(_ name: String, _ url: String, _ count: Int) -> [String: Any] {
            ["name": name, "url": url, "count": count, "current": url == current]
        }
        let ledger = ExposureLedger(notices: notices, now: content.now, site: content.site)
        let site = content.site
        func count(_ rows: [ExposureLedger.Row], _ slug: String) -> Int { rows.first { $0.slug == slug }?.total ?? 0 }
        return [
            "statuses": ExposureStatus.allCases.map { link($0.chineseName, Self.statusPath($0), ledger.count($0)) }
                + [link("已逾期", Self.overduePath, ledger.overdue)],
            "districts": site.districts.map { link($0.name, Self.districtPath($0), count(ledger.districts, $0.slug)) },
            "categories": site.categories.map {
                link($0.name, Self.categoryPath($0), count(ledger.categories, $0.slug))
            },
            "all": link("全部", Self.exposuresPath, ledger.total),
        ]
    }

    /// One paginated list of notices at `basePath` (page 1 there, then `page/N/`).
    func renderExposureList(
        _ list: [ExposureNotice], basePath: String, title: String, intro: String, isBoard: Bool = false
    ) -> Output {
        var output = Output()
        let size = Self.exposurePageSize
        let pageCount = max(1, (list.count + size - 1) / size)
        func pagePath(_ n: Int) -> String { n == 1 ? basePath : "\(basePath)page/\(n)/" }
        let facets = facetNavigation(current: basePath)
        let ledger = ExposureLedger(notices: notices, now: content.now, site: content.site)
        for n in 1...pageCount {
            let slice = list.dropFirst((n - 1) * size).prefix(size)
            var fields: [String: Any] = [
                "items": slice.map(exposureCard), "is_empty": list.isEmpty, "intro": intro, "count": list.count,
                "is_board": isBoard, "facets": facets, "page_number": n, "page_count": pageCount,
                "paginated": pageCount > 1,
                "totals": [
                    "open": ledger.open, "closed": ledger.closed, "overdue": ledger.overdue, "total": ledger.total,
                ],
            ]
            if n > 1 { fields["previous_url"] = pagePath(n - 1) }
            if n < pageCount { fields["next_url"] = pagePath(n + 1) }
            fields["pages"] = Self.pager(current: n, count: pageCount, path: pagePath)
            let pageTitle = n == 1 ? title : "\(title)（第\(n)页）"
            let context = layout.context(title: pageTitle, column: "曝光台", path: pagePath(n), extra: ["list": fields])
            var o = emit("exposure-list", context, to: Self.file(for: pagePath(n)), source: options.contentDisplay)
            o.sitemap.append(SitemapEntry(path: pagePath(n), lastModified: slice.first?.found))
            output.merge(o)
        }
        return output
    }

    /// The board, the facet pages (every district, category and status, empty ones too) and the overdue list.
    /// One list page set to render.
    struct ExposureListSpec: Sendable {
        var notices: [ExposureNotice]
        var basePath: String
        var title: String
        var intro: String
        var isBoard = false
    }

    func renderExposureLists() async -> Output {
        let site = content.site
        var specs = [
            ExposureListSpec(
                notices: notices, basePath: Self.exposuresPath, title: "曝光台",
                intro: "曝光不文明行为和城市管理问题，跟踪整改直至销号。", isBoard: true)
        ]
        specs += site.districts.map { district in
            ExposureListSpec(
                notices: notices.filter { $0.district == district }, basePath: Self.districtPath(district),
                title: "曝光台：\(district.name)", intro: "\(district.name)的曝光问题。")
        }
        specs += site.categories.map { category in
            ExposureListSpec(
                notices: notices.filter { $0.category == category }, basePath: Self.categoryPath(category),
                title: "曝光台：\(category.name)", intro: "问题类别为“\(category.name)”的曝光问题。")
        }
        specs += ExposureStatus.allCases.map { status in
            ExposureListSpec(
                notices: notices.filter { $0.status == status }, basePath: Self.statusPath(status),
                title: "曝光台：\(status.chineseName)", intro: "状态为“\(status.chineseName)”的曝光问题。")
        }
        let now = content.now
        let overdue = notices.filter { $0.isOverdue(now: now) }.sorted { a, b in
            let (da, db) = (a.daysOverdue(now: now), b.daysOverdue(now: now))
            return da != db ? da > db : a.id < b.id
        }
        specs.append(
            ExposureListSpec(
                notices: overdue, basePath: Self.overduePath, title: "曝光台：已逾期",
                intro: "超过整改期限仍未整改完成的问题，逾期最久的在前。"))
        let outputs = await concurrentMap(specs, jobs: options.jobs) { spec in
            self.renderExposureList(
                spec.notices, basePath: spec.basePath, title: spec.title, intro: spec.intro, isBoard: spec.isBoard)
        }
        var output = Output()
        for o in outputs { output.merge(o) }
        return output
    }

    // MARK: - Ledger

    func ledgerRows(_ rows: [ExposureLedger.Row], url: ((ExposureLedger.Row) -> String)?) -> [[String: Any]] {
        rows.map { row in
            var fields: [String: Any] = [
                "name": row.name, "total": row.total, "open": row.open, "closed": row.closed, "overdue": row.overdue,
                "has_url": url != nil,
            ]
            if let url { fields["url"] = url(row) }
            return fields
        }
    }

    /// `exposures/ledger/`: 挂账 / 销号 / 逾期 counts, by status, unit, district and category.
    func renderLedger() -> Output {
        let ledger = ExposureLedger(notices: notices, now: content.now, site: content.site)
        let fields: [String: Any] = [
            "total": ledger.total, "open": ledger.open, "closed": ledger.closed, "overdue": ledger.overdue,
            "closed_percent": ledger.closedPercent,
            "statuses": ledger.statusCounts.map { ["count": $0.count, "status": statusContext($0.status)] },
            "units": ledgerRows(ledger.units, url: nil),
            "districts": ledgerRows(ledger.districts) { "/exposures/district/\($0.slug)/" },
            "categories": ledgerRows(ledger.categories) { "/exposures/category/\($0.slug)/" },
            "as_of": ContentDate.minuteString(content.now, in: content.site.timeZone),
            "as_of_iso": iso(content.now),
            "facets": facetNavigation(current: Self.ledgerPath),
        ]
        let context = layout.context(
            title: "曝光问题整改台账", column: "曝光台", path: Self.ledgerPath, extra: ["ledger": fields])
        var output = emit(
            "exposure-ledger", context, to: Self.file(for: Self.ledgerPath), source: options.contentDisplay,
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

    /// The home page's board section: the latest 5 notices and the open / closed / overdue counts.
    func exposureHomeContext() -> [String: Any] {
        let ledger = ExposureLedger(notices: notices, now: content.now, site: content.site)
        let latest = notices.prefix(5).map(exposureCard)
        return [
            "items": latest, "has_items": !latest.isEmpty, "open": ledger.open, "closed": ledger.closed,
            "overdue": ledger.overdue, "total": ledger.total,
        ]
    }
}
