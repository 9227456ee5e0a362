import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// The sample site with the default theme: search, 网站地图, footer items, sub-path publishing (issue 12).
@Suite struct SearchSiteTests {
    @Test func sampleSiteHasSearchSiteMapAndFooterItems() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        let files = site.tree()
        #expect(files["search/index.html"] != nil)
        #expect(files["search/docs.json"] != nil)
        #expect(files.keys.contains { $0.hasPrefix("search/k/") })
        #expect(files.keys.contains { $0.hasPrefix("search/t/") })

        // Every indexed kind, and the masked text the pages show.
        let tableData = try #require(files["search/docs.json"])
        let table = try #require(JSONSerialization.jsonObject(with: tableData) as? [String: Any])
        let records = try #require(table["docs"] as? String)
        let kinds = Set(
            stride(from: 0, to: records.count, by: 3).map { records[records.index(records.startIndex, offsetBy: $0)] })
        #expect(kinds == ["0", "1", "2", "3"])
        let texts = files.filter { $0.key.hasPrefix("search/t/") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(texts.contains { $0.contains("\"/contact/\"") && $0.contains("举报渠道") })
        #expect(!texts.contains { $0.contains("主办单位") }, "footer text is not indexed")

        let home = try site.read("index.html")
        #expect(home.contains("action=\"/search/\""))
        #expect(home.contains("id=\"elder-toggle\""))
        #expect(home.contains("<a href=\"/sitemap/\">网站地图</a>"))
        #expect(home.contains("<a href=\"/accessibility/\">无障碍声明</a>"))
        #expect(home.contains("<a href=\"/contact/\">联系我们</a>"))
        #expect(home.contains("http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=62010202000123"))
        #expect(!home.contains("党政机关网站标识"), "no badge unless site.yml names one")

        let map = try site.read("sitemap/index.html")
        for path in ["/news/", "/exposures/", "/exposures/ledger/", "/progress/", "/about/", "/contact/", "/search/"] {
            #expect(map.contains("href=\"\(path)\""), "网站地图 lacks \(path)")
        }
        let article = try site.read("exposures/bg-2026-0101/index.html")
        #expect(article.contains("data-font=\"l\"") && article.contains("打印"))
    }

    @Test func footerItemsFromSiteYML() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let yml = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write(
            yml + """

                footer:
                  gov_badge: images/dzjg.png
                  gov_badge_url: https://bszs.conac.cn/sitename?method=show&id=1
                  error_report_url: https://zfwzzc.www.gov.cn/check_web/errorSubmit?site_code=6201000012

                """, to: "Content/site.yml")
        try site.write("PNG", to: "Content/images/dzjg.png")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        let home = try site.read("index.html")
        #expect(home.contains("<img src=\"/media/site/dzjg.png\" width=\"55\" height=\"67\" alt=\"党政机关网站标识\">"))
        #expect(home.contains("href=\"https://bszs.conac.cn/sitename?method=show&amp;id=1\""))
        #expect(home.contains(">我为政府网站找错</a>"))
        #expect(site.tree()["media/site/dzjg.png"] == Data("PNG".utf8))
    }

    @Test func footerLeavesOutAPageTheSiteDoesNotHave() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("pages/accessibility.md"))
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        let home = try site.read("index.html")
        #expect(!home.contains("无障碍声明"))
        #expect(home.contains("<a href=\"/contact/\">联系我们</a>"))
    }

    @Test func subPathSiteKeepsEveryLinkUnderItsPath() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let yml = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write(
            yml.replacingOccurrences(
                of: "base_url: https://wmcj.lanzhou.example.gov.cn",
                with: "base_url: https://www.lanzhou.example.gov.cn/wmcj/"),
            to: "Content/site.yml")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        let contact = try site.read("contact/index.html")
        #expect(contact.contains("href=\"/wmcj/exposures/\""), "a root link written in Markdown moves under the path")
        #expect(contact.contains("action=\"/wmcj/search/\""))
        #expect(!contact.contains("href=\"/news/\""))
        #expect(contact.contains("<link rel=\"canonical\" href=\"https://www.lanzhou.example.gov.cn/wmcj/contact/\">"))
    }
}
