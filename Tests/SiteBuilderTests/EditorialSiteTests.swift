import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// The editorial checks of a whole build (issue 6): what builds with `--production` may be published.
@Suite struct EditorialSiteTests {
    /// The small fixture made publishable: `review.required` and a complete review on every
    /// published news item.
    static func reviewedSite() throws -> TestSite {
        let site = try TestSite(fixture: "small")
        let siteYAML = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write(siteYAML + "review:\n  required: true\n", to: "Content/site.yml")
        let review = """
            review:
              first: {by: 李敏, at: 2026-10-20 10:00}
              second: {by: 王建国, at: 2026-10-21 10:00}
              final: {by: 张海燕, at: 2026-10-22 10:00}

            """
        for name in ["2026-11-01-first.md", "2026-11-02-second.md", "2026-11-03-third.md"] {
            let path = "Content/news/\(name)"
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            try site.write("---\n" + review + text.dropFirst(4), to: path)
        }
        return site
    }

    /// The news file the broken cases replace, line by line (line 1 is the first `---`).
    static func article(
        first: String = "  first: {by: 李敏, at: 2026-10-31 10:00}",
        second: String = "  second: {by: 王建国, at: 2026-10-31 15:00}",
        final: String = "  final: {by: 张海燕, at: 2026-11-01 08:00}",
        body: String = "正文第一段。", link: String = "[第二篇](/news/second/)"
    ) -> String {
        [
            "---", "title: 第一篇", "date: 2026-11-01 09:00", "review:", first, second, final, "---", body, "",
            link, "",
        ].joined(separator: "\n")
    }

    static let articleFile = "Content/news/2026-11-01-first.md"

    /// An exposure notice found on 2026-11-20 (no photos), reviewed that day.
    static func notice(
        final: String = "  final: {by: 张海燕, at: 2026-11-20 16:00}", body: String = "发现车辆乱停。"
    ) -> String {
        [
            "---", "id: BG-2026-0001", "title: 测试曝光", "found: 2026-11-20", "district: 城关区", "category: 乱停乱放",
            "unit: 市城管委", "location: 城关区某路", "deadline: 2026-11-30", "status: open", "review:",
            "  first: {by: 李敏, at: 2026-11-20 10:00}", "  second: {by: 王建国, at: 2026-11-20 14:00}", final, "---",
            body, "",
        ].joined(separator: "\n")
    }

    static let noticeFile = "Content/exposures/bg-2026-0001-test/index.md"

    /// One LED message (line 4 holds its text) and a tiny screen that plays it.
    static func ledFiles(text: String = "建设美好兰州", review: Bool = true) -> [String: String] {
        var messages = "messages:\n  - id: slogan\n    group: slogans\n    text: \(text)\n"
        if review {
            messages +=
                "    review:\n      first: {by: 李敏, at: 2026-11-01}\n      second: {by: 王建国, at: 2026-11-02}\n"
                + "      final: {by: 张海燕, at: 2026-11-03}\n"
        }
        let screens = """
            screens:
              - {id: tiny, name: 测试小屏, width: 32, height: 16, font: 16, charset: gb2312, color: red,
                 kinsoku: basic, mode: paged, stay: 3, programs: [slogans], exports: [txt]}
            """
        return [
            "Content/led/messages.yml": messages, "Content/led/screens.yml": screens,
            "Theme/templates/led.mustache": "{{<base}}{{$main}}<h1>LED</h1>{{/main}}{{/base}}",
        ]
    }

    static let messagesFile = "Content/led/messages.yml"

    @Test func exposuresAndLEDMessagesJoinTheReviewReport() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        try site.write(Self.notice(), to: Self.noticeFile)
        for (path, text) in Self.ledFiles() { try site.write(text, to: path) }
        let report = await site.build(production: true)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.review?.total == 5)
        #expect(report.review?.rows.isEmpty == true)
    }

    @Test func reviewedFixturePassesProductionWithAStaleColumnWarningOnly() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        let report = await site.build(production: true)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.published)
        // The newest item (2026-11-03) is 26 days old on 2026-11-29: stale, but only a warning.
        let stale = try #require(report.diagnostics.first { $0.code == "freshness.stale" })
        #expect(stale.severity == .warning)
        #expect(stale.file == "Content/news")
        #expect(stale.message.contains("2026-11-03"))
        #expect(report.review?.rows.isEmpty == true)
        #expect(report.review?.total == 3)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var text: String
        var code: String
        var line: Int
        var column: Int?
        /// Other files the case needs (path → text).
        var extra: [String: String] = [:]
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(
            name: "missing reviewer", file: articleFile,
            text: article(second: "  second: {at: 2026-10-31 15:00}"), code: "review.incomplete", line: 6),
        Broken(
            name: "same person twice", file: articleFile,
            text: article(final: "  final: {by: 李敏, at: 2026-11-01 08:00}"), code: "review.same-person", line: 7),
        Broken(
            name: "review after publication", file: articleFile,
            text: article(final: "  final: {by: 张海燕, at: 2026-11-01 10:00}"), code: "review.after-publication",
            line: 7),
        Broken(
            name: "wrong term", file: articleFile, text: article(body: "我们热爱伟大的共合国。"),
            code: "terms.correction", line: 9, column: 8),
        Broken(
            name: "broken internal link", file: articleFile, text: article(link: "详见[第二篇](/news/secnd/)。"),
            code: "link.broken", line: 11),
        Broken(
            name: "broken anchor", file: articleFile, text: article(link: "详见[关于](/about/#nowhere)。"),
            code: "link.anchor", line: 11),
        Broken(
            name: "exposure reviewed after it was found", file: noticeFile,
            text: notice(final: "  final: {by: 张海燕, at: 2026-11-21 09:00}"), code: "review.after-publication",
            line: 14),
        Broken(
            name: "wrong term in an exposure notice", file: noticeFile, text: notice(body: "请攻府部门处理。"),
            code: "terms.correction", line: 16, column: 2),
        Broken(
            name: "wrong term in an LED message", file: messagesFile,
            text: ledFiles(text: "建设美好攻府")[messagesFile] ?? "", code: "terms.correction", line: 4, column: 15,
            extra: ledFiles().filter { $0.key != messagesFile }),
        Broken(
            name: "LED message without review", file: messagesFile,
            text: ledFiles(review: false)[messagesFile] ?? "", code: "review.missing", line: 2,
            extra: ledFiles().filter { $0.key != messagesFile }),
    ]

    @Test(arguments: broken)
    func brokenFixtureFailsProduction(_ broken: Broken) async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        try site.write(broken.text, to: broken.file)
        for (path, text) in broken.extra { try site.write(text, to: path) }
        let report = await site.build(production: true)
        #expect(!report.published)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.code == broken.code)
        #expect(error.file == broken.file)
        #expect(error.line == broken.line)
        if let column = broken.column { #expect(error.column == column) }
        #expect(site.tree().isEmpty, "a failed build must not publish")
    }

    @Test func malformedICPNumberFailsAtItsLine() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        let url = site.content.appendingPathComponent("site.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try site.write(text.replacingOccurrences(of: "陇ICP备12345678号-1", with: "陇ICP备1234号"), to: "Content/site.yml")
        let report = await site.build(production: true)
        #expect(!report.published)
        let errors = report.diagnostics.filter { $0.severity == .error }
        let error = try #require(errors.first)
        #expect(errors.count == 1, "\(errors)")
        #expect(error.code == "site.icp")
        #expect(error.file == "Content/site.yml")
        #expect(error.line == 6)
        #expect(error.message.contains("陇ICP备1234号"))
    }

    @Test func reviewGapsAreWarningsWithoutProduction() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        try site.write(Self.article(second: "  second: {at: 2026-10-31 15:00}"), to: Self.articleFile)
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.diagnostics.contains { $0.code == "review.incomplete" && $0.severity == .warning })
        let row = try #require(report.review?.rows.first)
        #expect(row.file == Self.articleFile)
        #expect(row.needs == [.second])
    }

    @Test func termsOfTitleSummaryAndPageAreCheckedAtTheirPositions() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        try site.write("corrections:\n  - {wrong: 兰洲, right: 兰州, note: 市名}\n", to: "Content/lint/terms.yml")
        var text = Self.article()
        text = text.replacingOccurrences(of: "title: 第一篇", with: "title: \"兰洲第一篇\"")
        try site.write(text, to: Self.articleFile)
        try site.write("---\ntitle: 关于\ndate: 2026-11-01\nsummary: 攻府公告\n---\n关于本站。\n", to: "Content/pages/about.md")
        let report = await site.build(production: true)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2, "\(errors)")
        let title = try #require(errors.first { $0.file == Self.articleFile })
        #expect(title.code == "terms.correction")
        #expect((title.line, title.column) == (2, 9))
        #expect(title.message.contains("'兰州'"))
        let page = try #require(errors.first { $0.file == "Content/pages/about.md" })
        #expect(page.message.contains("'政府'"))
    }

    @Test func pageWithoutDateAndEmptyNewsColumnAreWarnings() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        try site.write("---\ntitle: 关于\n---\n关于本站。\n", to: "Content/pages/about.md")
        for name in try FileManager.default.contentsOfDirectory(
            atPath: site.content.appendingPathComponent("news").path)
        {
            try FileManager.default.removeItem(at: site.content.appendingPathComponent("news/\(name)"))
        }
        let report = await site.build(production: true)
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.published)
        let codes = Set(report.diagnostics.map(\.code))
        #expect(codes.contains("freshness.undated"))
        #expect(codes.contains("freshness.empty"))
    }

    @Test func brokenTemplateLinkIsReportedOnceAtTheTemplate() async throws {
        let site = try Self.reviewedSite()
        defer { site.remove() }
        let base = site.root.appendingPathComponent("Theme/templates/base.mustache")
        let text = try String(contentsOf: base, encoding: .utf8)
        try site.write(
            text.replacingOccurrences(of: "<footer>", with: "<footer><a href=\"/contact/\">联系我们</a>"),
            to: "Theme/templates/base.mustache")
        let report = await site.build()
        let errors = report.diagnostics.filter { $0.code == "link.broken" }
        // One per template that uses base (article, list, page, …), never one per page.
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.file.hasPrefix("Theme/templates/") && $0.message.contains("'/contact/'") })
        #expect(Set(errors.map(\.file)).count == errors.count)
        #expect(errors.contains { $0.file == "Theme/templates/news-article.mustache" && $0.message.contains("other") })
    }

    // MARK: - The sample

    @Test func samplePassesProduction() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let report = await site.build(production: true)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.published)
        #expect(report.review?.rows.isEmpty == true, "\(report.review?.lines ?? [])")
        // Every HTML page carries the footer block and the government meta tags (docs/architecture.md, "Page metadata").
        let siteText = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        let config = try #require(SiteConfig.parse(siteText, file: "site.yml").0)
        let pages = site.tree().filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 30)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            for needle in [
                config.organization.sponsor, config.registration.icp, config.registration.police,
                config.registration.siteIDCode,
            ] {
                #expect(html.contains(Self.escaped(needle)), "\(path) lacks \(needle)")
            }
            #expect(html.contains("<html lang=\"zh-CN\">"), "\(path) is not marked zh-CN")
            for name in ["SiteName", "SiteDomain", "SiteIDCode", "ColumnName"] {
                #expect(html.contains("<meta name=\"\(name)\" content=\""), "\(path) lacks meta \(name)")
            }
            #expect(html.contains("<meta name=\"SiteIDCode\" content=\"\(config.registration.siteIDCode)\">"))
            let isArticle = path.hasPrefix("news/") && path.split(separator: "/").count == 3
            if isArticle {
                for name in ["ArticleTitle", "PubDate", "ContentSource"] {
                    #expect(html.contains("<meta name=\"\(name)\" content=\""), "\(path) lacks meta \(name)")
                }
                #expect(html.contains("<time datetime=\""), "\(path) shows no publish time")
            }
        }
        #expect(pages.keys.contains { $0.hasPrefix("news/") && $0.split(separator: "/").count == 3 })
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
