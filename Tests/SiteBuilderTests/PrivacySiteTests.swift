import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// Every kind of personal data in every published text of a notice, end to end: nothing of it reaches any
/// file of the output tree (pages, feeds, JSON, photo names), each is a diagnostic at its file:line:col naming
/// the kind and the masked form, and the `privacy.allow` list of site.yml lets public numbers through.
@Suite struct PrivacySiteTests {
    static let legacyID = "620102900307123"
    static let mistypedID = "440304198511203015"
    static let mobile = "13812345678"
    static let plate = "甘A12345"
    static let email = "zhangsan@163.com"
    static let bodyEmail = "li.si@example.com"
    static let passport = "EA1234567"
    static let card = "6222021234567890128"
    static let groupedCard = "6228 4800 1234 5671"
    static let address = "3号楼2单元501室"
    static let photoName = "E12345678"

    static let notice = """
        ---
        id: BG-2026-0903
        title: 车主身份证号\(legacyID)违规占道
        found: 2026-11-20
        district: 城关区
        category: 乱停乱放
        unit: 市城管委
        location: 城关区张掖路街道金城小区\(address)楼下
        source: 群众举报
        deadline: 2026-11-25
        status: rectified
        photos:
          - file: \(photoName).png
            alt: 现场遗落的银行卡\(card)
            caption: 举报人邮箱\(email)
        rectification:
          date: 2026-11-22
          note: 已约谈车主（护照\(passport)），电话\(mobile)
        ---

        举报人身份证号 \(mistypedID)，车牌\(plate)。

        邮箱 \(bodyEmail)，卡号 \(groupedCard)。

        """

    static let secrets = [
        legacyID, mistypedID, mobile, plate, email, bodyEmail, passport, card, groupedCard, address, photoName,
        photoName.lowercased(), "620102900307", "6228 4800", "zhangsan@", "li.si@",
    ]

    static func site() throws -> TestSite {
        let site = try ExposureSiteTests.fixtureWithTheme()
        try site.write(notice, to: "Content/exposures/bg-2026-0903-privacy/index.md")
        try ExposureSiteTests.checkerboardPNG().write(
            to: site.content.appendingPathComponent("exposures/bg-2026-0903-privacy/\(photoName).png"))
        return site
    }

    @Test func noRawValueOfAnyKindReachesTheOutputTree() async throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        let tree = site.tree()
        #expect(tree["exposures/bg-2026-0903/index.html"] != nil)
        #expect(tree["exposures/atom.xml"] != nil)
        for (path, data) in tree {
            for secret in Self.secrets {
                #expect(!path.contains(secret), "\(secret) in the file name \(path)")
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) published in \(path)")
            }
        }
        #expect(tree.keys.contains { $0.hasPrefix("media/exposures/bg-2026-0903/photo-1") })
        let page = try site.read("exposures/bg-2026-0903/index.html")
        for masked in [
            "6************23", "4***************15", "138****5678", "甘A1***5", "z***@163.com", "l***@example.com",
            "E******67", "6222***********0128", "6228 **** **** 5671", "金城小区**号楼**单元**室楼下",
        ] {
            #expect(page.contains(masked), "\(masked) missing on the page")
        }
        let feed = try site.read("exposures/atom.xml")
        #expect(feed.contains("车主身份证号6************23违规占道"))
    }

    @Test(arguments: [false, true])
    func everyHitIsADiagnosticAtItsPlaceNamingKindAndMaskedForm(production: Bool) async throws {
        let site = try Self.site()
        defer { site.remove() }
        let before = site.tree()
        let report = await site.build(production: production)
        let file = "Content/exposures/bg-2026-0903-privacy/index.md"
        let found = report.diagnostics.filter { $0.file == file && $0.code.hasPrefix("privacy.") }
        let places = found.map { "\($0.line):\($0.column) \($0.code)" }.sorted()
        #expect(
            places
                == [
                    "3:14 privacy.id-number-15", "8:23 privacy.address", "14:18 privacy.bank-card",
                    "15:19 privacy.email",
                    "18:17 privacy.passport", "18:30 privacy.mobile", "21:9 privacy.id-number",
                    "21:9 privacy.id-number-check", "21:30 privacy.plate", "23:4 privacy.email",
                    "23:25 privacy.bank-card",
                ].sorted())
        let expectedSeverity: Severity = production ? .error : .warning
        #expect(
            found.filter { $0.code != PrivacyScanner.mistypedIDCode }.allSatisfy { $0.severity == expectedSeverity })
        #expect(found.filter { $0.code == PrivacyScanner.mistypedIDCode }.allSatisfy { $0.severity == .warning })
        let email = try #require(found.first { $0.code == "privacy.email" })
        #expect(email.message.contains("电子邮箱") && email.message.contains("'z***@163.com'"))
        let address = try #require(found.first { $0.code == "privacy.address" })
        #expect(address.message.contains("'**号楼**单元**室'"))
        for diagnostic in found {
            for secret in Self.secrets { #expect(!diagnostic.message.contains(secret)) }
        }
        if production {
            #expect(!report.published)
            #expect(site.tree() == before, "a failed production build publishes nothing")
        } else {
            #expect(report.published)
        }
    }

    @Test func numbersOnTheAllowListAndTheSiteContactArePublishedAsWritten() async throws {
        let site = try ExposureSiteTests.fixtureWithTheme()
        defer { site.remove() }
        let siteFile = site.content.appendingPathComponent("site.yml")
        var config = try String(contentsOf: siteFile, encoding: .utf8)
        config = config.replacingOccurrences(
            of: "contact: 电话 0931-8888000", with: "contact: 电话 0931-8888000 值班手机 13900001111")
        config += "privacy:\n  allow:\n    - 159-0000-2222\n    - duty@example.gov.cn\n"
        try Data(config.utf8).write(to: siteFile)
        try site.write(
            """
            ---
            title: 值班电话公布
            date: 2026-11-10
            ---

            值班手机13900001111，夜间159 0000 2222，邮箱 duty@example.gov.cn，热线12345、12319、110。
            群众来电13812345678已回复。

            """, to: "Content/news/2026-11-10-duty.md")
        let report = await site.build()
        let found = report.diagnostics.filter { $0.code.hasPrefix("privacy.") }
        #expect(found.map(\.code) == ["privacy.mobile"], "only the caller's number is personal data")
        #expect(found.first?.line == 7)
        let page = try site.read("news/duty/index.html")
        #expect(page.contains("值班手机13900001111，夜间159 0000 2222，邮箱 duty@example.gov.cn，热线12345、12319、110"))
        #expect(page.contains("群众来电138****5678已回复"))
    }

    @Test func ledMessagesAreMaskedInEveryFeed() async throws {
        let site = try LEDSiteTests().ledSite(
            messages: """
                messages:
                  - id: report
                    group: slogans
                    text: 举报电话13812345678
                  - id: mail
                    group: slogans
                    template: 来信zhangsan@163.com
                """)
        defer { site.remove() }
        let report = await site.build()
        let found = report.diagnostics.filter { $0.code.hasPrefix("privacy.") }
        #expect(
            found.map { "\($0.file):\($0.line):\($0.column) \($0.code)" } == [
                "Content/led/messages.yml:4:15 privacy.mobile", "Content/led/messages.yml:7:17 privacy.email",
            ])
        let tree = site.tree()
        #expect(tree["led/tiny/feed.json"] != nil)
        for (path, data) in tree {
            for secret in ["13812345678", "zhangsan@"] {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) published in \(path)")
            }
        }
        let feed = try site.read("led/tiny/feed.json")
        // A 32-pixel screen shows four half-width characters a line, the first being `138*`.
        #expect(feed.contains("\"138*\""), "the masked number is shown")
    }

    @Test func ledgerProblemsAreMaskedOnTheDashboardAndInItsJSON() async throws {
        let site = try ExposureSiteTests.fixtureWithTheme()
        defer { site.remove() }
        try site.write(
            """
            id,found,source,district,unit,problem,deadline,status,closed
            TZ-001,2026-11-20,群众举报,城关区,市城管委,金城小区3号楼2单元门前车主电话13812345678占道,2026-11-30,open,

            """, to: "Content/progress/ledger.csv")
        let report = await site.build()
        let found = report.diagnostics.filter { $0.code.hasPrefix("privacy.") }
        #expect(
            found.map { "\($0.file):\($0.line) \($0.code)" }.sorted() == [
                "Content/progress/ledger.csv:2 privacy.address", "Content/progress/ledger.csv:2 privacy.mobile",
            ])
        let tree = site.tree()
        #expect(tree["progress/progress.json"] != nil)
        for (path, data) in tree {
            for secret in ["13812345678", "3号楼2单元"] {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) published in \(path)")
            }
        }
        #expect(try site.read("progress/progress.json").contains("138****5678"))
    }
}
