import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

@Suite struct BuildPipelineTests {
    @Test func buildsEveryOutputOfTheSmallFixture() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.published)
        let files = Set(site.tree().keys)
        for expected in [
            "index.html", "404.html", "robots.txt", "sitemap.xml", "atom.xml", "news/index.html",
            "news/page/2/index.html", "news/first/index.html", "news/second/index.html",
            "news/third-explicit/index.html", "tags/迎检/index.html", "tags/志愿/index.html", "about/index.html",
        ] {
            #expect(files.contains(expected), "missing \(expected)")
        }
        #expect(files.contains { $0.hasPrefix("assets/style.") && $0.hasSuffix(".css") && $0 != "assets/style.css" })
        // Drafts, future and expired posts are left out.
        #expect(!files.contains("news/draft/index.html"))
        #expect(!files.contains("news/future/index.html"))
        #expect(!files.contains("news/expired/index.html"))
    }

    @Test func draftsAndFutureAppearWithTheirSwitches() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let report = await site.build(drafts: true, future: true)
        #expect(report.errorCount == 0)
        let files = Set(site.tree().keys)
        #expect(files.contains("news/draft/index.html"))
        #expect(files.contains("news/future/index.html"))
        #expect(!files.contains("news/expired/index.html"))
    }

    @Test func homeListsLatestNewsAndArticleShowsTitleTimeTags() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        _ = await site.build()
        let home = try site.read("index.html")
        let third = try #require(home.range(of: "第三篇"))
        let second = try #require(home.range(of: "第二篇"))
        #expect(third.lowerBound < second.lowerBound, "newest first")
        #expect(home.contains("倒计时 42 天"))
        let article = try site.read("news/second/index.html")
        #expect(article.contains("<h1>第二篇</h1>"))
        #expect(article.contains("2026-11-02 10:30"))
        #expect(article.contains("<a href=\"/tags/%E8%BF%8E%E6%A3%80/\">迎检</a>"))
        #expect(article.contains("<meta name=\"PubDate\" content=\"2026-11-02 10:30\">"))
    }

    @Test func scriptInTitleOrMarkdownNeverBecomesMarkup() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        _ = await site.build()
        for (path, data) in site.tree() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script"), "\(path) holds a script element")
        }
        let article = try site.read("news/first/index.html")
        #expect(article.contains("第一篇 &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func twoBuildsWithTheSameClockAreIdentical() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let second = site.root.appendingPathComponent("Output2")
        _ = await site.build()
        _ = await site.build(output: second)
        let a = site.tree()
        let b = site.tree(second)
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func atomFeedAndSitemapAreWellFormed() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        _ = await site.build()
        for file in ["atom.xml", "sitemap.xml"] {
            let data = try Data(contentsOf: site.output.appendingPathComponent(file))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(file) is not well-formed")
        }
        let atom = try site.read("atom.xml")
        #expect(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(atom.contains("<id>https://test.example.gov.cn/news/third-explicit/</id>"))
        #expect(atom.components(separatedBy: "<entry>").count - 1 == 3)
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<loc>https://test.example.gov.cn/about/</loc>"))
    }
}

#if canImport(FoundationXML)
    import FoundationXML
#endif
