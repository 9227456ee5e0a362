import CampaignCore
import Foundation
import Testing

@testable import Imaging
@testable import SiteBuilder

/// The exposure board end to end: the sample's pages and ledger, privacy masking, photos and the image cache.
@Suite struct ExposureSiteTests {
    // MARK: - The sample

    @Test func sampleBuildsEveryBoardPageWithLedgerCountsAndCleanPhotos() async throws {
        var site = try TestSite.sample()
        site.photoCache = nil  // this test counts what the cache beside the output saves
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.published)
        let notices = try Self.parseSampleNotices(site)
        #expect(notices.count >= 30)
        let config = try Self.siteConfig(site)
        let files = site.tree()

        // Every page of the board.
        var expected = [
            "exposures/index.html", "exposures/page/2/index.html", "exposures/overdue/index.html",
            "exposures/ledger/index.html", "exposures/atom.xml",
        ]
        expected += notices.map { "exposures/\($0.id.lowercased())/index.html" }
        expected += config.districts.map { "exposures/district/\($0.slug)/index.html" }
        expected += config.categories.map { "exposures/category/\($0.slug)/index.html" }
        expected += ExposureStatus.allCases.map { "exposures/status/\($0.rawValue)/index.html" }
        for path in expected { #expect(files[path] != nil, "missing \(path)") }
        #expect(files["exposures/page/3/index.html"] == nil, "34 notices make 2 pages of 20")

        // Independent counts from the parsed notices (not through ExposureLedger).
        let now = TestSite.clock
        let tz = config.timeZone
        func isOverdue(_ n: ExposureNotice) -> Bool {
            (n.status == .open || n.status == .rectifying)
                && ContentDate.dayNumber(now, in: tz) > ContentDate.dayNumber(n.deadline, in: tz)
        }
        let closed = notices.filter { $0.status == .closed }.count
        let overdue = notices.filter(isOverdue).count
        #expect(overdue > 0 && closed > 0, "the sample has overdue and closed notices")
        let ledger = try site.read("exposures/ledger/index.html")
        #expect(Self.number(after: "data-key=\"total\">", in: ledger) == notices.count)
        #expect(Self.number(after: "data-key=\"open\">", in: ledger) == notices.count - closed)
        #expect(Self.number(after: "data-key=\"closed\">", in: ledger) == closed)
        #expect(Self.number(after: "data-key=\"overdue\">", in: ledger) == overdue)
        for status in ExposureStatus.allCases {
            #expect(
                Self.number(after: "data-status=\"\(status.rawValue)\">", in: ledger)
                    == notices.filter { $0.status == status }.count, "\(status)")
        }
        for district in config.districts {
            let mine = notices.filter { $0.district.name == district.name }
            let row = Self.numbers(after: ">\(district.name)</a></th>", in: ledger, count: 4)
            let open: Int = mine.filter { $0.status != .closed }.count
            let done: Int = mine.count - open
            let late: Int = mine.filter(isOverdue).count
            let expectedRow: [Int] = [mine.count, open, done, late]
            #expect(row == expectedRow, "\(district.name)")
        }
        for unit in config.units {
            let mine = notices.filter { $0.unit.name == unit.name }
            let row = Self.numbers(after: "<th scope=\"row\">\(unit.name)</th>", in: ledger, count: 4)
            #expect(row.first == mine.count, "\(unit.name)")
            #expect(row.last == mine.filter(isOverdue).count, "\(unit.name)")
        }

        // Board: newest first, status words with symbols, overdue marked with its days.
        let board = try site.read("exposures/index.html")
        let newest = notices.max { ($0.found, $0.id) < ($1.found, $1.id) }
        let firstLink = try #require(board.range(of: "<h3><a href=\"/exposures/"))
        #expect(board[firstLink.upperBound...].hasPrefix(newest.map { "\($0.id.lowercased())/" } ?? "?"))
        #expect(board.contains("<span aria-hidden=\"true\">○</span> 待整改"))
        let late = try #require(notices.filter(isOverdue).first)
        let lateDays = ContentDate.daysBetween(late.deadline, now, in: tz)
        let latePage = try site.read("exposures/\(late.id.lowercased())/index.html")
        #expect(latePage.contains("已逾期 \(lateDays) 天"))
        let overduePage = try site.read("exposures/overdue/index.html")
        for notice in notices.filter(isOverdue) { #expect(overduePage.contains(">\(notice.title)<")) }

        // Notice page: facts, timeline, article meta, pictures.
        let closedNotice = try #require(
            notices.first { $0.status == .closed && $0.rectification?.photos.isEmpty == false })
        let page = try site.read("exposures/\(closedNotice.id.lowercased())/index.html")
        for label in ["编号", "发现时间", "区县", "地点", "问题类别", "责任单位", "来源", "整改期限", "状态"] {
            #expect(page.contains("<th scope=\"row\">\(label)</th>"), "fact \(label)")
        }
        for step in ["发现", "整改", "复核", "销号"] { #expect(page.contains("<span class=\"step-name\">\(step)</span>")) }
        #expect(page.contains("<meta name=\"ArticleTitle\" content=\"\(closedNotice.title)\">"))
        #expect(
            page.contains(
                "<meta name=\"PubDate\" content=\"\(ContentDate.dayString(closedNotice.found, in: tz)) 00:00\">"))
        #expect(page.contains("<meta name=\"ContentSource\""))
        #expect(page.contains("<source type=\"image/webp\" srcset=\"/media/exposures/"))
        #expect(page.contains("loading=\"lazy\""))
        #expect(page.contains("width=\"960\" height=\"640\""), "a 1200×800 photo's largest variant is 960×640")

        // Home: the latest notices and the counts.
        let home = try site.read("index.html")
        #expect(home.contains("挂账 <strong>\(notices.count - closed)</strong> 件"))
        #expect(home.contains("逾期未整改 <strong>\(overdue)</strong> 件"))
        #expect(home.contains(newest?.title ?? "?"))

        // Photos: originals never published; EXIF GPS of the sample's phone snapshots is gone.
        let media = files.filter { $0.key.hasPrefix("media/") }
        #expect(!media.isEmpty)
        for (path, data) in media {
            #expect(path.hasSuffix(".jpg") || path.hasSuffix(".webp"), "\(path)")
            for marker in ["Exif", "GPS", "xmpmeta", "Photoshop 3.0", "SampleCam"] {
                #expect(data.range(of: Data(marker.utf8)) == nil, "\(marker) in \(path)")
            }
        }
        let originals = try Self.samplePhotos(site)
        // The sample's phone snapshots carry EXIF with a camera name and a GPS position.
        let withEXIF = originals.filter {
            $0.value.range(of: Data("Exif".utf8)) != nil && $0.value.range(of: Data("SampleCam".utf8)) != nil
        }
        #expect(!withEXIF.isEmpty, "the sample holds photos with EXIF, so the check above can fail")
        let published = Set(files.values)
        for (path, data) in originals { #expect(!published.contains(data), "original \(path) was copied") }

        // A second build takes every photo from the cache and writes the same files.
        let processed = report.counts["photos_processed"] ?? 0
        #expect(processed > 50)
        #expect(report.counts["photos_cached"] == 0)
        let cacheFolder = site.root.appendingPathComponent(".campaign-cache/media")
        #expect(FileManager.default.fileExists(atPath: cacheFolder.path))
        let second = await site.build()
        #expect(second.errorCount == 0)
        #expect(second.counts["photos_processed"] == 0)
        #expect(second.counts["photos_cached"] == processed)
        #expect(site.tree() == files)
    }

    // MARK: - Privacy

    static let idNumber = "11010519491231002X"
    static let mobile = "13812345678"
    static let plate = "甘A12345"
    static let newsMobile = "13987654321"

    static let privateNotice = """
        ---
        id: BG-2026-0901
        title: 车主电话\(mobile)占道停车
        found: 2026-11-20
        district: 城关区
        category: 乱停乱放
        unit: 市城管委
        location: 庆阳路 \(plate) 停放处
        source: 群众举报
        deadline: 2026-11-25
        status: open
        photos:
          - file: before-1.png
            alt: 占道停放的车辆
            caption: 举报人身份证号\(idNumber)
        ---

        举报人称车辆\(plate)长期占道。

        联系电话 \(mobile)，身份证号 \(idNumber)。

        """

    static let privateNews = """
        ---
        title: 热线\(newsMobile)开通
        date: 2026-11-10
        summary: 拨打\(newsMobile)反映问题
        ---

        市民可拨打 \(newsMobile) 反映问题。

        """

    /// Each notice's card is rendered once through `exposure-card` and inserted by every list that shows it
    /// (the board, its facets, the home page): the lists read as when they render the partial in place, and
    /// a card sees only its own fields, not the list's.
    @Test func listsInsertEachNoticesCardRenderedOnce() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let pages = [
            "exposures/index.html", "exposures/page/2/index.html", "exposures/overdue/index.html", "index.html",
        ]
        func build() async throws -> [String] {
            let report = await site.build()
            #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
            return try pages.map { try site.read($0) }
        }
        let inserted = try await build()
        #expect(inserted[0].contains("<li class=\"exposure-item"))
        let inPlace = "<ul class=\"exposure-list\">\n{{#items}}{{>exposure-card}}{{/items}}</ul>\n"
        try site.write(inPlace, to: "Theme/templates/exposure-items.mustache")
        #expect(try await build() == inserted)

        // `count` is a field of the list, not of the card.
        try site.write("<li>{{id}}/{{count}}</li>\n", to: "Theme/templates/exposure-card.mustache")
        let rendered = try await build()
        #expect(rendered[0].contains("/34</li>"), "rendered in place, the partial sees the list")
        try site.write(
            "<ul class=\"exposure-list\">\n{{#items}}{{#card}}{{{card}}}{{/card}}{{/items}}</ul>\n",
            to: "Theme/templates/exposure-items.mustache")
        let withCount = try Regex("<li>BG-[0-9-]+/[0-9]")
        let withoutCount = try Regex("<li>BG-[0-9-]+/</li>")
        for (path, page) in zip(pages, try await build()) {
            #expect(page.contains(withoutCount), "\(path)")
            #expect(!page.contains(withCount), "\(path): rendered once, the card sees only its own fields")
        }
    }

    @Test func personalDataInANoticeAndANewsPostIsNeverPublished() async throws {
        let site = try Self.fixtureWithTheme()
        defer { site.remove() }
        try Self.addNotice(site, Self.privateNotice, photos: ["before-1.png": try Self.checkerboardPNG()])
        try site.write(Self.privateNews, to: "Content/news/2026-11-10-hotline.md")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.published)
        let tree = site.tree()
        #expect(tree["exposures/bg-2026-0901/index.html"] != nil)
        for (path, data) in tree {
            for secret in [Self.idNumber, Self.mobile, Self.plate, Self.newsMobile] {
                #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) published in \(path)")
            }
        }
        let page = try site.read("exposures/bg-2026-0901/index.html")
        #expect(page.contains("车主电话138****5678占道停车"))
        #expect(page.contains("庆阳路 甘A1***5 停放处"))
        #expect(page.contains("举报人身份证号1***************2X"))

        let noticeFile = "Content/exposures/bg-2026-0901-privacy/index.md"
        let found = report.diagnostics.filter { $0.code.hasPrefix("privacy.") }
        #expect(found.allSatisfy { $0.severity == .warning })
        let noticeLines = found.filter { $0.file == noticeFile }.map { "\($0.line) \($0.code)" }.sorted()
        #expect(
            noticeLines == [
                "15 privacy.id-number", "18 privacy.plate", "20 privacy.id-number", "20 privacy.mobile",
                "3 privacy.mobile", "8 privacy.plate",
            ])
        let newsLines = found.filter { $0.file == "Content/news/2026-11-10-hotline.md" }.map(\.line).sorted()
        #expect(newsLines == [2, 4, 7])
        #expect(!found.contains { $0.message.contains(Self.mobile) || $0.message.contains(Self.idNumber) })

        // With --production the same findings are errors and nothing is published.
        let before = site.tree()
        let strict = await site.build(production: true)
        #expect(!strict.published)
        let strictFindings = strict.diagnostics.filter { $0.code.hasPrefix("privacy.") }
        #expect(strictFindings.count == found.count)
        #expect(strictFindings.allSatisfy { $0.severity == .error })
        #expect(site.tree() == before)
    }

    // MARK: - Photos

    @Test func checkProcessesPhotosButWritesNoCacheAndNoOutput() async throws {
        var site = try TestSite.sample()
        site.photoCache = nil
        defer { site.remove() }
        let report = await SiteBuilder.build(site.options(write: false))
        #expect(report.errorCount == 0)
        #expect(report.counts["photos_processed"] ?? 0 > 50, "check still decodes every photo")
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: site.root.appendingPathComponent(".campaign-cache").path))
        #expect(!fm.fileExists(atPath: site.output.path))
    }

    @Test func redactBoxChangesPixelsInsideAndNotFarOutside() async throws {
        var site = try Self.fixtureWithTheme()
        site.photoCache = nil  // counts what is processed again
        defer { site.remove() }
        let png = try Self.checkerboardPNG(width: 640, height: 480)
        try Self.addNotice(
            site, Self.photoNotice(redact: "    redact: [[96, 80, 160, 128]]\n"), photos: ["shot.png": png])
        let redactedReport = await site.build()
        #expect(redactedReport.errorCount == 0, "\(redactedReport.diagnostics)")
        let redacted = try VipsPipeline.decode(
            Data(
                contentsOf: site.output.appendingPathComponent(
                    "media/exposures/bg-2026-0902/shot-480.jpg")))

        try Self.addNotice(site, Self.photoNotice(redact: ""), photos: ["shot.png": png])
        let plainReport = await site.build()
        #expect(plainReport.errorCount == 0)
        #expect(plainReport.counts["photos_processed"] == 1, "a changed box is processed again")
        let plain = try VipsPipeline.decode(
            Data(
                contentsOf: site.output.appendingPathComponent(
                    "media/exposures/bg-2026-0902/shot-480.jpg")))
        #expect(redacted.width == 480 && plain.width == 480 && redacted.height == 360)

        // The 640 px photo is published 480 wide: the box [96, 80, 160, 128] is [72, 60, 120, 96] there.
        func inside(_ x: Int, _ y: Int) -> Bool { x >= 80 && x < 184 && y >= 68 && y < 148 }
        func farOutside(_ x: Int, _ y: Int) -> Bool { x < 48 || x >= 216 || y < 36 || y >= 180 }
        #expect(Self.meanDifference(redacted, plain, where: inside) > 40)
        #expect(Self.meanDifference(redacted, plain, where: farOutside) < 2)
    }

    @Test func corruptPhotoFailsTheBuildWithADiagnostic() async throws {
        let site = try Self.fixtureWithTheme()
        defer { site.remove() }
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try Self.addNotice(site, Self.photoNotice(file: "broken.jpg", redact: ""), photos: ["broken.jpg": noise])
        let report = await site.build()
        #expect(!report.published)
        let diagnostic = try #require(report.diagnostics.first { $0.code == "exposure.photo" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == "Content/exposures/bg-2026-0902-photo/index.md")
        #expect(diagnostic.line == 12, "the line of 'file: broken.jpg'")
        #expect(diagnostic.message.contains("broken.jpg"))
    }

    // MARK: - Bundles and empty facets

    @Test func foldersWithoutIndexAreWarningsAndEmptyFacetsSayNone() async throws {
        let site = try Self.fixtureWithTheme()
        defer { site.remove() }
        try site.write("not a notice", to: "Content/exposures/draft-photos/readme.txt")
        try site.write("---\nbroken: [\n---\n", to: "Content/exposures/.trash/index.md")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let warning = try #require(report.diagnostics.first { $0.code == "exposure.bundle" })
        #expect(warning.file == "Content/exposures/draft-photos")
        #expect(!report.diagnostics.contains { $0.file.contains(".trash") })
        let files = site.tree()
        for path in [
            "exposures/index.html", "exposures/district/chengguan/index.html", "exposures/category/parking/index.html",
            "exposures/status/open/index.html", "exposures/status/closed/index.html", "exposures/overdue/index.html",
            "exposures/ledger/index.html", "exposures/atom.xml",
        ] {
            #expect(files[path] != nil, "missing \(path)")
        }
        #expect(try site.read("exposures/status/closed/index.html").contains("暂无"))
        let atom = try Data(contentsOf: site.output.appendingPathComponent("exposures/atom.xml"))
        #expect(XMLParser(data: atom).parse())
    }

    // MARK: - Helpers

    static func photoNotice(file: String = "shot.png", redact: String) -> String {
        """
        ---
        id: BG-2026-0902
        title: 测试照片
        found: 2026-11-20
        district: 城关区
        category: 乱停乱放
        unit: 市城管委
        location: 庆阳路
        deadline: 2026-12-25
        status: open
        photos:
          - file: \(file)
            alt: 测试图
        \(redact)---

        正文。

        """
    }

    /// The small fixture's content with the default theme (which has the exposure templates).
    static func fixtureWithTheme() throws -> TestSite {
        let site = try TestSite(fixture: "small")
        let theme = site.root.appendingPathComponent("Theme")
        try FileManager.default.removeItem(at: theme)
        try FileManager.default.copyItem(at: TestSite.repository.appendingPathComponent("Theme"), to: theme)
        return site
    }

    /// Writes a bundle named after the id (`bg-2026-0901-privacy`, `bg-2026-0902-photo`) with its photos.
    static func addNotice(_ site: TestSite, _ text: String, photos: [String: Data]) throws {
        let bundle = text.contains("BG-2026-0901") ? "bg-2026-0901-privacy" : "bg-2026-0902-photo"
        try site.write(text, to: "Content/exposures/\(bundle)/index.md")
        for (name, data) in photos {
            try data.write(to: site.content.appendingPathComponent("exposures/\(bundle)/\(name)"))
        }
    }

    static func checkerboardPNG(width: Int = 320, height: Int = 240) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let light = ((x / 8) + (y / 8)) % 2 == 0
                for band in 0..<3 { bytes[(y * width + x) * 3 + band] = light ? 235 : UInt8(20 + band * 30) }
            }
        }
        return try VipsPipeline.encodeForTest(
            DecodedPixels(width: width, height: height, bands: 3, bytes: bytes), png: true)
    }

    static func meanDifference(_ a: DecodedPixels, _ b: DecodedPixels, where include: (Int, Int) -> Bool) -> Double {
        var total = 0
        var count = 0
        for y in 0..<min(a.height, b.height) {
            for x in 0..<min(a.width, b.width) where include(x, y) {
                for band in 0..<min(a.bands, b.bands) {
                    total += abs(Int(a[x, y, band]) - Int(b[x, y, band]))
                    count += 1
                }
            }
        }
        return count == 0 ? 0 : Double(total) / Double(count)
    }

    static func siteConfig(_ site: TestSite) throws -> SiteConfig {
        let text = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        return try #require(SiteConfig.parse(text, file: "site.yml").0)
    }

    /// The sample's notices parsed straight from the files, independently of the build.
    static func parseSampleNotices(_ site: TestSite) throws -> [ExposureNotice] {
        let config = try siteConfig(site)
        let folder = site.content.appendingPathComponent("exposures")
        var notices: [ExposureNotice] = []
        for bundle in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !bundle.hasPrefix(".") {
            let bundleURL = folder.appendingPathComponent(bundle)
            let text = try String(contentsOf: bundleURL.appendingPathComponent("index.md"), encoding: .utf8)
            let split = try #require(FrontMatter.split(text, file: bundle, code: "exposure").0)
            let files = Set(try FileManager.default.contentsOfDirectory(atPath: bundleURL.path))
            let notice = try #require(
                ExposureNotice.parse(
                    frontMatter: split, file: bundle, bundle: bundle, site: config, filesInBundle: files
                )
                .0)
            notices.append(notice)
        }
        return notices
    }

    static func samplePhotos(_ site: TestSite) throws -> [String: Data] {
        site.tree(site.content.appendingPathComponent("exposures")).filter { !$0.key.hasSuffix(".md") }
    }

    /// The integer right after `marker`.
    static func number(after marker: String, in html: String) -> Int? {
        guard let range = html.range(of: marker) else { return nil }
        return Int(html[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    /// The next `count` numbers in `<td class="num">` cells after `marker`.
    static func numbers(after marker: String, in html: String, count: Int) -> [Int] {
        guard var rest = html.range(of: marker).map({ html[$0.upperBound...] }) else { return [] }
        var result: [Int] = []
        let cell = "<td class=\"num\">"
        while result.count < count, let range = rest.range(of: cell) {
            rest = rest[range.upperBound...]
            guard let value = Int(rest.prefix { $0.isASCII && $0.isNumber }) else { break }
            result.append(value)
        }
        return result
    }
}

#if canImport(FoundationXML)
    import FoundationXML
#endif
