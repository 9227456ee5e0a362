import CampaignCore
import Crypto
import Foundation

/// The site search (`search/index.html` and its index, docs/theme.md, "Search") and the 网站地图 page.
extension SiteRenderer {
    static let searchPath = "/search/"
    static let siteMapPath = "/sitemap/"
    /// The content pages the footer links to when they exist.
    static let accessibilityPath = "/accessibility/"
    static let contactPath = "/contact/"

    /// The theme has a search page, so pages are collected for the index while they render.
    var wantsSearch: Bool { theme.templateNames.contains("search") }

    /// Writes the index of `documents` and the search page; nothing when the theme has no `search` template.
    func renderSearch(_ documents: [SearchDocument]) async -> Output {
        guard wantsSearch else { return Output() }
        let site = content.site
        let districts = site.districts.map(\.name)
        let statuses = ExposureStatus.allCases.map(\.chineseName)
        let index: SearchIndex
        let written: [Output]
        if let memo {
            // Under `campaign serve`: made from the last build's index, keeping the files it did not change.
            var memory = memo.take(Self.searchMemoKey, as: SearchIndex.Memory.self)
            (index, written) = await SearchIndex.build(
                documents, districts: districts, statuses: statuses, timeZone: site.timeZone, jobs: options.jobs,
                memory: &memory, write: { path, bytes, digest in self.writeIndexFile(bytes, to: path, sha256: digest) },
                keep: { path in self.keepIndexFile(path) })
            if let memory { memo.keep(Self.searchMemoKey, memory) }
        } else {
            (index, written) = await SearchIndex.build(
                documents, districts: districts, statuses: statuses, timeZone: site.timeZone, jobs: options.jobs
            ) { path, bytes, digest in self.writeIndexFile(bytes, to: path, sha256: digest) }
        }
        var output = Output()
        for file in written { output.merge(file) }
        var present: Set<SearchDocument.Kind> = []
        documents.withUnsafeBufferPointer { documents in
            for index in documents.indices { present.insert(documents[index].kind) }
        }
        let kinds = SearchDocument.Kind.allCases.filter(present.contains).map(\.label)
        let search = SearchPage.Search(
            version: index.version, kinds: kinds, hasNotices: present.contains(.exposure),
            districts: site.districts.map(\.name), statuses: ExposureStatus.allCases.map(\.chineseName),
            siteMapURL: Self.siteMapPath)
        let page = SearchPage(
            chrome: layout.chrome(title: "站内搜索", column: "站内搜索", path: Self.searchPath), search: search)
        output.merge(emit("search", page, to: Self.file(for: Self.searchPath), source: options.themeDisplay))
        return output
    }

    static let searchMemoKey = "search-index"

    /// Keeps one file of the search index as the last build wrote it; nil when the output can not.
    func keepIndexFile(_ path: String) -> Output? {
        do {
            try sink.keep(path)
        } catch {
            return nil
        }
        var output = Output()
        output.fileCount = 1
        return output
    }

    /// Writes one file of the search index (JSON, so neither rewritten for a sub-path nor scanned for links).
    func writeIndexFile(_ bytes: [UInt8], to path: String, sha256 digest: SHA256.Digest?) -> Output {
        var output = Output()
        do {
            if let digest {
                try sink.write(bytes, to: path, sha256: digest)
            } else {
                try sink.write(bytes, to: path)
            }
            output.fileCount = 1
        } catch {
            output.diagnostics.append(
                .error("cannot write \(path): \(error)", code: "output.write", file: options.contentDisplay))
        }
        return output
    }

    /// `sitemap/index.html`: every column and page of the site, for readers and inspectors; nothing
    /// when the theme has no `site-map` template.
    func renderSiteMapPage() -> Output {
        guard theme.templateNames.contains("site-map") else { return Output() }
        let site = content.site
        func link(_ title: String, _ url: String) -> LinkItem { LinkItem(title: title, url: url) }
        var sections: [SiteMapPage.Section] = []
        let navigation = layout.navigation.map(\.1)
        sections.append(SiteMapPage.Section(title: "首页", url: "/", links: []))
        var news = [link("全部标签", "/tags/")]
        news += content.tags.map { link("标签：\($0.name)", Self.tagPath($0.name)) }
        sections.append(SiteMapPage.Section(title: "创建动态", url: "/news/", links: news))
        if navigation.contains(Self.exposuresPath) {
            var links = [link("整改台账", Self.ledgerPath), link("已逾期", Self.overduePath)]
            links += ExposureStatus.allCases.map { link("状态：\($0.chineseName)", Self.statusPath($0)) }
            links += site.districts.map { link("区县：\($0.name)", Self.districtPath($0)) }
            links += site.categories.map { link("类别：\($0.name)", Self.categoryPath($0)) }
            sections.append(SiteMapPage.Section(title: "曝光台", url: Self.exposuresPath, links: links))
        }
        if navigation.contains(Self.progressPath), let report = content.progress {
            let links = report.units.map { link("\($0.name) 责任清单", Self.progressUnitPath($0.slug)) }
            sections.append(SiteMapPage.Section(title: "创建进度", url: Self.progressPath, links: links))
        }
        if navigation.contains("/led/") {
            sections.append(SiteMapPage.Section(title: "LED 播放", url: "/led/", links: []))
        }
        var pages = content.pages.map { link($0.title, $0.path) }
        if wantsSearch { pages.append(link("站内搜索", Self.searchPath)) }
        sections.append(SiteMapPage.Section(title: "信息页面", url: nil, links: pages))
        let page = SiteMapPage(
            chrome: layout.chrome(title: "网站地图", column: "网站地图", path: Self.siteMapPath), sections: sections)
        var output = emit("site-map", page, to: Self.file(for: Self.siteMapPath), source: options.themeDisplay)
        output.sitemap.append(SitemapEntry(path: Self.siteMapPath, lastModified: nil))
        return output
    }

    /// The footer's links to the site map, accessibility statement and contact page, each only
    /// when this build writes it.
    static func footerLinks(content: SiteContent, theme: Theme) -> [(String, String)] {
        let pages = Set(content.pages.map(\.path))
        var links: [(String, String)] = []
        if theme.templateNames.contains("site-map") { links.append(("网站地图", siteMapPath)) }
        if pages.contains(accessibilityPath) { links.append(("无障碍声明", accessibilityPath)) }
        if pages.contains(contactPath) { links.append(("联系我们", contactPath)) }
        return links
    }
}

extension SiteRenderer {
    /// Where the 党政机关网站标识 appears: an URL as given, a file under Content/ at `media/site/<name>`.
    static func govBadgePath(_ badge: String?) -> String? {
        guard let badge, !badge.isEmpty else { return nil }
        if badge.hasPrefix("https://") || badge.hasPrefix("http://") { return badge }
        return "/media/site/" + (badge.split(separator: "/").last.map(String.init) ?? badge)
    }

    /// Copies the badge image named in site.yml from Content/ into the output.
    func copyGovBadge() -> Output {
        var output = Output()
        guard let badge = content.site.footer.govBadge, let path = Self.govBadgePath(badge), path.hasPrefix("/media/")
        else { return output }
        do {
            // Read through the content seam, like every other content file.
            try sink.write(try options.source.read(badge), to: String(path.dropFirst()))
            output.fileCount = 1
        } catch {
            output.diagnostics.append(
                .error(
                    "cannot copy the site badge (党政机关网站标识) '\(badge)': \(error)", code: "site.footer",
                    file: "\(options.contentDisplay)/site.yml"))
        }
        return output
    }
}
