import CampaignCore
import Foundation
import LEDFeed
import Testing

@testable import SiteBuilder

/// LED output of a site build: exports per screen, PNG pages, the preview page and LED diagnostics.
@Suite struct LEDSiteTests {
    // MARK: - The sample site

    /// One build of the sample checks every screen (a sample build with PNGs is the slow part, done once).
    @Test func sampleSiteWritesEveryExportOfEveryScreen() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let files = site.tree()
        let screensText = try String(
            contentsOf: site.content.appendingPathComponent("led/screens.yml"), encoding: .utf8)
        let (screens, _) = LEDContent.parseScreens(screensText)
        #expect(screens.count >= 4)
        var totalPages = 0
        for screen in screens {
            let feed = try Self.feedJSON(files, screen: screen.id)
            totalPages += feed.pageCount
            try checkExports(screen, files: files, feed: feed)
            checkTexts(screen, files: files)
            try checkPNGs(screen, files: files, feed: feed)
        }
        try checkPreviewPage(site, screens: screens, totalPages: totalPages)
        // Template figures come from the dashboard and the exposure ledger of the same build:
        // 334 of 484 indicators met (Content/progress), 8 closed and 26 open notices (Content/exposures).
        let board = String(decoding: try #require(files["led/building-board/feed.json"]), as: UTF8.self)
        #expect(board.contains("已达标334项，共484项"))
        // The number stays with its counter (docs/led-guide.md): "26个" moves down whole rather than "26" / "个".
        #expect(board.contains("已销号8个，正在整改\", \"26个，"))
        // The expired urgent notice (until 2026-11-25) is in no export.
        for (path, data) in files where path.hasPrefix("led/") && !path.hasSuffix(".png") {
            let text = LEDEncoder.decode(Array(data), as: .gb18030) ?? ""
            #expect(!text.contains("urgent-snow") && !text.contains("降雪"), "\(path)")
        }
    }

    struct FeedSummary {
        var groups: [String]
        var pageCount: Int
        var itemCount: Int
    }

    static func feedJSON(_ files: [String: Data], screen: String) throws -> FeedSummary {
        let data = try #require(files["led/\(screen)/feed.json"], "feed.json of \(screen)")
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let programs = try #require(root["programs"] as? [[String: Any]])
        var groups: [String] = []
        var pages = 0
        for program in programs {
            let group = try #require(program["group"] as? String)
            if !groups.contains(group) { groups.append(group) }
            pages += (program["pages"] as? [Any])?.count ?? 0
        }
        return FeedSummary(groups: groups, pageCount: pages, itemCount: programs.count)
    }

    func checkExports(_ screen: ScreenProfile, files: [String: Data], feed: FeedSummary) throws {
        let folder = "led/\(screen.id)/"
        for kind in screen.exports {
            switch kind {
            case .json:
                #expect(files[folder + "feed.json"] != nil, "\(screen.id): feed.json")
            case .txt:
                #expect(!feed.groups.isEmpty)
                for group in feed.groups {
                    #expect(files[folder + "\(group).txt"] != nil, "\(screen.id): \(group).txt")
                }
            case .onbon:
                #expect(files[folder + "onbon/playlist.txt"] != nil, "\(screen.id): onbon/playlist.txt")
                #expect(files[folder + "onbon/program.json"] != nil, "\(screen.id): onbon/program.json")
                let items = files.keys.filter { $0.hasPrefix(folder + "onbon/") && $0.hasSuffix(".txt") }
                    .filter { $0 != folder + "onbon/playlist.txt" }
                #expect(items.count == feed.itemCount, "\(screen.id): one onbon file per item")
            case .huidu:
                #expect(files[folder + "huidu.xml"] != nil, "\(screen.id): huidu.xml")
                #expect(files[folder + "huidu-switch.xml"] != nil, "\(screen.id): huidu-switch.xml")
            case .png:
                #expect(files[folder + "page-001.png"] != nil, "\(screen.id): page-001.png")
            case .player:
                let html = String(decoding: try #require(files[folder + "player.html"]), as: UTF8.self)
                let version = String(decoding: try #require(files[folder + "player-version.txt"]), as: UTF8.self)
                #expect(html.contains("\"version\": \"\(version.trimmingCharacters(in: .whitespacesAndNewlines))\""))
                #expect(html.contains("width=\"\(screen.width)\" height=\"\(screen.height)\""))
                // Self-contained: no external resource, no font.
                #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@font-face"))
            }
        }
        for kind in LEDExportKind.allCases where !screen.exports.contains(kind) {
            let name = [
                "json": "feed.json", "huidu": "huidu.xml", "png": "page-001.png", "onbon": "onbon/playlist.txt",
                "player": "player.html",
            ]
            if let file = name[kind.rawValue] { #expect(files[folder + file] == nil, "\(screen.id): no \(file)") }
        }
    }

    /// The width rule of docs/led-guide.md, written out independently: one-byte (ASCII) characters are font/2, others font.
    static func designWidth(_ line: String, font: Int) -> Int {
        line.reduce(0) { $0 + ($1.isASCII && $1.unicodeScalars.count == 1 ? font / 2 : font) }
    }

    static let noStart = Set("、。，．：；？！）］｝〕〉》」』】〗”’·" + ",.;:?!)]}%")
    static let noEnd = Set("（［｛〔〈《「『【〖“‘")

    /// Every `.txt`: decodes as the charset, no BOM, CRLF only, lines fit the width and keep the kinsoku rules.
    func checkTexts(_ screen: ScreenProfile, files: [String: Data]) {
        // player-version.txt is the player's version stamp, not screen text.
        let texts = files.filter {
            $0.key.hasPrefix("led/\(screen.id)/") && $0.key.hasSuffix(".txt") && !$0.key.hasSuffix("player-version.txt")
        }
        if screen.exports.contains(.txt) { #expect(!texts.isEmpty) }
        for (path, data) in texts {
            let bytes = Array(data)
            #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]) && !bytes.starts(with: [0xFF, 0xFE]), "\(path): BOM")
            guard let text = LEDEncoder.decode(bytes, as: screen.charset) else {
                Issue.record("\(path) does not decode as \(screen.charset.rawValue)")
                continue
            }
            if screen.charset == .gb2312 || screen.charset == .gbk {
                #expect(LEDEncoder.unencodable(in: text, charset: screen.charset).isEmpty, "\(path)")
            }
            #expect(text.hasSuffix("\r\n"), "\(path) ends with CRLF")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\n" || $0 == "\r" }, "\(path)")
            // The playlist describes the programs; it is not screen text.
            guard !path.hasSuffix("onbon/playlist.txt") else { continue }
            let lines = text.components(separatedBy: "\r\n").dropLast().filter { !$0.isEmpty }
            #expect(!lines.isEmpty, "\(path)")
            for line in lines {
                if screen.mode != .scrollLeft {
                    #expect(
                        Self.designWidth(line, font: screen.font) <= screen.width,
                        "\(path): '\(line)' is wider than \(screen.width) px")
                }
                guard screen.kinsoku >= .basic, let first = line.first, let last = line.last else { continue }
                #expect(!Self.noStart.contains(first), "\(path): '\(line)' starts with '\(first)'")
                #expect(!Self.noEnd.contains(last), "\(path): '\(line)' ends with '\(last)'")
                if screen.kinsoku >= .gb { #expect(last != "/", "\(path): '\(line)' ends with '/'") }
                if screen.kinsoku >= .strict {
                    #expect(!line.hasPrefix("——") && !line.hasPrefix("……"), "\(path): '\(line)'")
                }
            }
        }
    }

    /// PNG pages: one per page (one per item when scrolling), each at the screen's size.
    func checkPNGs(_ screen: ScreenProfile, files: [String: Data], feed: FeedSummary) throws {
        let pngs = files.filter { $0.key.hasPrefix("led/\(screen.id)/page-") }.sorted { $0.key < $1.key }
        guard screen.exports.contains(.png) else {
            #expect(pngs.isEmpty)
            return
        }
        #expect(pngs.count == feed.pageCount, "\(screen.id): one PNG per page")
        #expect(pngs.map(\.key).last == "led/\(screen.id)/page-" + ContentDate.pad(feed.pageCount, 3) + ".png")
        for (path, data) in pngs {
            let size = try #require(DecodedPNG.size(Array(data)), "\(path)")
            switch screen.mode {
            case .paged:
                #expect(size.width == screen.width && size.height == screen.height, "\(path): \(size)")
            case .scrollLeft:
                #expect(size.height == screen.height && size.width >= screen.width, "\(path): \(size)")
            case .scrollUp:
                #expect(size.width == screen.width && size.height >= screen.height, "\(path): \(size)")
            }
        }
    }

    func checkPreviewPage(_ site: TestSite, screens: [ScreenProfile], totalPages: Int) throws {
        let html = try site.read("led/index.html")
        #expect(!html.contains("<script>"), "the previews play without a script of their own")
        #expect(html.components(separatedBy: "<figure").count - 1 == totalPages, "one figure per page")
        #expect(html.components(separatedBy: "<figcaption>").count - 1 == totalPages)
        #expect(html.contains("<meta name=\"ColumnName\" content=\"LED 播放\">"))
        for screen in screens {
            #expect(html.contains(screen.name), "\(screen.id)")
            #expect(html.contains("href=\"/led/\(screen.id)/feed.json\""), "\(screen.id)")
            #expect(
                html.contains("href=\"/led/\(screen.id)/core-values.txt\"") || !screen.programs.contains("core-values"))
        }
        #expect(html.contains("富强民主文明和谐自由平等"), "page text as text")
        #expect(html.contains("class=\"led-scroll\""), "the scroll-left screen moves")
        // WCAG 2.2.2: a pause switch that works without JavaScript — a checkbox before the screens, whose checked
        // state stops the animations through `.led-pause-toggle:checked~.led-screens .led-scroll`.
        let toggle = try #require(
            html.range(of: "<input type=\"checkbox\" id=\"led-pause\" class=\"led-pause-toggle\">"))
        let screensBlock = try #require(html.range(of: "<div class=\"led-screens\">"))
        #expect(toggle.upperBound <= screensBlock.lowerBound)
        #expect(html.contains("<label for=\"led-pause\""))
        #expect(
            DotMatrixHTML.stylesheet.contains(
                ".led-pause-toggle:checked~.led-screens .led-scroll{animation-play-state:paused"))
        #expect(html.contains("fill=\"#FF0000\"") && html.contains("fill=\"#FFB000\""), "screen colours")
    }

    @Test func themeStylesheetCarriesTheDotMatrixRules() throws {
        let css = try String(
            contentsOf: TestSite.repository.appendingPathComponent("Theme/assets/style.css"), encoding: .utf8)
        for rule in DotMatrixHTML.stylesheet.split(separator: "\n") {
            #expect(css.contains(rule.trimmingCharacters(in: .whitespaces)), "missing \(rule)")
        }
    }

    // MARK: - Small LED fixtures

    static let tinyScreen = """
        screens:
          - id: tiny
            name: 测试小屏
            width: 32
            height: 16
            font: 16
            charset: gb2312
            color: red
            kinsoku: basic
            mode: paged
            stay: 3
            programs: [slogans]
            exports: [txt, json, png]
        """

    static let minimalTemplate = """
        {{#led}}{{#screens}}<h2>{{name}}</h2>{{#items}}{{{figures}}}{{/items}}{{/screens}}{{/led}}
        """

    func ledSite(screens: String = LEDSiteTests.tinyScreen, messages: String) throws -> TestSite {
        let site = try TestSite(fixture: "small")
        try site.write(screens, to: "Content/led/screens.yml")
        try site.write(messages, to: "Content/led/messages.yml")
        try site.write(Self.minimalTemplate, to: "Theme/templates/led.mustache")
        return site
    }

    /// The 16×16 glyph of `scalar` read straight from unifont.hex, as lit (x, y) pairs.
    static func unifontPixels(_ scalar: Unicode.Scalar, hex: String) throws -> Set<[Int]> {
        let key = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - key.count)) + key + ":"
        let line = try #require(hex.split(separator: "\n").first { $0.hasPrefix(padded) })
        let digits = Array(line.dropFirst(padded.count))
        try #require(digits.count == 64, "a full-width glyph")
        var lit = Set<[Int]>()
        for y in 0..<16 {
            let row = try #require(UInt16(String(digits[y * 4..<y * 4 + 4]), radix: 16))
            for x in 0..<16 where row & (0x8000 >> UInt16(x)) != 0 { lit.insert([x, y]) }
        }
        return lit
    }

    @Test func pngPageLightsExactlyTheGlyphPixels() async throws {
        let site = try ledSite(
            messages: """
                messages:
                  - id: civility
                    group: slogans
                    text: 文明
                """)
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let files = site.tree()
        let data = try #require(files["led/tiny/page-001.png"])
        #expect(files["led/tiny/page-002.png"] == nil)
        let png = try DecodedPNG(Array(data))
        #expect(png.width == 32 && png.height == 16)
        let hex = try String(contentsOfFile: LEDRaster.unifontPath, encoding: .utf8)
        var expected = try Self.unifontPixels("文", hex: hex)
        for pixel in try Self.unifontPixels("明", hex: hex) { expected.insert([pixel[0] + 16, pixel[1]]) }
        var lit = Set<[Int]>()
        for y in 0..<16 {
            for x in 0..<32 {
                let pixel = png.pixel(x, y)
                #expect(pixel == [0xFF, 0, 0] || pixel == [0, 0, 0], "pixel \(x),\(y) is \(pixel)")
                if pixel == [0xFF, 0, 0] { lit.insert([x, y]) }
            }
        }
        #expect(lit.count > 40)
        #expect(lit == expected)
        let txt = try #require(files["led/tiny/slogans.txt"])
        #expect(Array(txt) == [0xCE, 0xC4, 0xC3, 0xF7, 0x0D, 0x0A], "文明 in GB2312, CRLF")
    }

    @Test func expiredMessageIsNotExported() async throws {
        let site = try ledSite(
            messages: """
                messages:
                  - id: current
                    group: slogans
                    text: 文明
                  - id: expired
                    group: slogans
                    text: 过期
                    until: 2026-11-28 23:59
                  - id: later
                    group: slogans
                    text: 将来
                    from: 2026-12-01
                """)
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let feed = try site.read("led/tiny/feed.json")
        #expect(feed.contains("\"current\""))
        #expect(!feed.contains("expired") && !feed.contains("过期"))
        #expect(!feed.contains("later") && !feed.contains("将来"))
        let txt = try #require(site.tree()["led/tiny/slogans.txt"])
        #expect(LEDEncoder.decode(Array(txt), as: .gb2312) == "文明\r\n")
    }

    @Test func characterOutsideGB2312FailsTheBuildAtItsPlace() async throws {
        let site = try ledSite(
            messages: """
                messages:
                  - id: ok
                    group: slogans
                    text: 文明
                  - id: leader
                    group: slogans
                    text: 纪念朱镕基
                """)
        defer { site.remove() }
        let report = await site.build()
        #expect(!report.published)
        let error = try #require(report.diagnostics.first { $0.code == "led.charset" })
        #expect(error.severity == .error)
        #expect(error.file == "Content/led/messages.yml")
        #expect(error.line == 7 && error.column == 14, "\(error)")
        #expect(error.message.contains("'镕'") && error.message.contains("U+9555"))
        #expect(error.description.hasPrefix("Content/led/messages.yml:7:14: error:"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("led").path))
    }

    @Test func headlineOutsideTheCharsetIsReportedAtTheNewsLEDField() async throws {
        let site = try ledSite(
            screens: Self.tinyScreen.replacingOccurrences(of: "[slogans]", with: "[headlines]"),
            messages: "messages: []\n")
        defer { site.remove() }
        try site.write(
            """
            ---
            title: 第四篇
            date: 2026-11-04 09:00
            led: 纪念朱镕基
            ---
            正文。
            """, to: "Content/news/2026-11-04-fourth.md")
        let report = await site.build()
        let error = try #require(report.diagnostics.first { $0.code == "led.charset" }, "\(report.diagnostics)")
        #expect(error.file == "Content/news/2026-11-04-fourth.md")
        #expect(error.line == 4, "\(error)")
        #expect(error.message.contains("'镕'"))
        #expect(!report.published)
    }

    @Test func headlinesAndVariablesComeFromTheSite() async throws {
        let site = try ledSite(
            screens: Self.tinyScreen.replacingOccurrences(of: "[slogans]", with: "[headlines, countdown]")
                .replacingOccurrences(of: "exports: [txt, json, png]", with: "exports: [json]"),
            messages: """
                messages:
                  - id: days
                    group: countdown
                    template: 还有{days_to_inspection}天，{latest_headline}
                """)
        defer { site.remove() }
        try site.write(
            "---\ntitle: 第四篇\ndate: 2026-11-04 09:00\nled: 最新标题\n---\n正文。\n",
            to: "Content/news/2026-11-04-fourth.md")
        try site.write(
            "---\ntitle: 第零篇\ndate: 2026-10-30 09:00\nled: 较早标题\n---\n正文。\n",
            to: "Content/news/2026-10-30-zero.md")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let data = try #require(site.tree()["led/tiny/feed.json"])
        let programs = try #require(
            (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["programs"] as? [[String: Any]])
        let ids = programs.compactMap { $0["id"] as? String }
        #expect(ids == ["fourth", "zero", "days"], "headlines newest first, then the countdown")
        let countdown = try #require(programs.first { $0["id"] as? String == "days" })
        let text = (countdown["pages"] as? [[String: Any]])?.flatMap { $0["lines"] as? [String] ?? [] }.joined()
        #expect(text == "还有42天，最新标题")
    }

    @Test func noLEDFolderMeansNoLEDOutput() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(!report.diagnostics.contains { $0.code.hasPrefix("led") }, "\(report.diagnostics)")
        #expect(!site.tree().keys.contains { $0.hasPrefix("led/") })
    }

    @Test func screensWithoutMessagesFilePlayTheBuiltInGroups() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write(
            Self.tinyScreen.replacingOccurrences(of: "[slogans]", with: "[core-values]"),
            to: "Content/led/screens.yml")
        try site.write(Self.minimalTemplate, to: "Theme/templates/led.mustache")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let txt = try #require(site.tree()["led/tiny/core-values.txt"])
        let text = LEDEncoder.decode(Array(txt), as: .gb2312)
        #expect(text?.hasPrefix("富强\r\n\r\n民主\r\n\r\n") == true, "one term per page")
    }

    @Test func ledFolderWithoutScreensIsAWarning() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("messages: []\n", to: "Content/led/messages.yml")
        let report = await site.build()
        #expect(report.errorCount == 0 && report.published)
        let warning = try #require(report.diagnostics.first { $0.code == "led.screens-missing" })
        #expect(warning.severity == .warning && warning.file == "Content/led/screens.yml")
        #expect(!site.tree().keys.contains { $0.hasPrefix("led/") })
    }

    @Test func missingUnifontIsAnEnvironmentError() throws {
        let (glyphs, problem) = LEDRaster.loadGlyphs(for: ["文"], path: "/nonexistent/unifont.hex")
        #expect(glyphs == nil)
        let diagnostic = try #require(problem)
        #expect(diagnostic.code == LEDRaster.missingFontCode)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("install the Debian package unifont"))
        let (loaded, none) = LEDRaster.loadGlyphs(for: ["文"])
        #expect(none == nil && loaded?.count == 1, "only the glyphs asked for are parsed")
    }

    static func smallFeed(font: Int) -> ScreenFeed {
        let screen = ScreenProfile(
            id: "s\(font)", name: "屏", width: font * 4, height: font, font: font, programs: ["slogans"],
            exports: [.png])
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [LEDPage(lines: ["一文明A"], stayMilliseconds: 5000)])
        return ScreenFeed(screen: screen, items: [item], generated: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [12, 24, 32])
    func pngPagesUseTheFontMadeForTheirSize(font: Int) throws {
        let feed = Self.smallFeed(font: font)
        let (fonts, problems) = LEDRaster.loadCellFonts(for: [feed])
        #expect(problems.isEmpty, "\(problems)")
        let cellFont = try #require(fonts[font])
        #expect(cellFont.count == 4, "only the characters shown are read")
        #expect(cellFont.source.contains(font == 12 ? "WenQuanYi" : "SungtiL"))
        let page = try #require(LEDRaster.pages(of: feed, glyphs: UnifontGlyphs(), fonts: fonts).first)
        // 一 is drawn (it vanished when 12-dot glyphs were cut from the 16-dot font), and every character's cell
        // holds exactly its font's pixels.
        var one = Bitmap(width: font, height: font)
        DotMatrixRenderer(cellFont: cellFont).draw("一", into: &one, x: 0, y: 0)
        #expect(one.litCount > 0)
        // (Latin letters are checked for ink only: WenQuanYi's 12 px Latin is up to 7 px, wider than a 6 px half cell.)
        var hanzi = Bitmap(width: font * 3, height: font)
        DotMatrixRenderer(cellFont: cellFont).draw("一文明", into: &hanzi, x: 0, y: 0)
        let expected = "一文明".unicodeScalars.reduce(0) { $0 + (cellFont.sourceInk[$1.value] ?? 0) }
        #expect(hanzi.litCount == expected)
        #expect(page.bitmap.litCount > expected, "the A is drawn too")
    }

    @Test func missingSizeFontIsAnEnvironmentError() {
        let files = LEDRaster.FontFiles(wenquanyi12: "/nonexistent/wqy.pcf", outline: "/nonexistent/font.ttf")
        let (fonts, problems) = LEDRaster.loadCellFonts(
            for: [Self.smallFeed(font: 12), Self.smallFeed(font: 24)], files: files)
        #expect(fonts.isEmpty)
        #expect(problems.count == 2 && problems.allSatisfy { $0.code == LEDRaster.missingFontCode })
        #expect(problems.contains { $0.message.contains("xfonts-wqy") })
        #expect(problems.contains { $0.message.contains("fonts-arphic-gbsn00lp") })
        // 16-dot screens need neither: Unifont draws them.
        #expect(LEDRaster.loadCellFonts(for: [Self.smallFeed(font: 16)], files: files).1.isEmpty)
    }

    @Test func siteFeedsForToolsMatchTheBuild() async throws {
        let site = try ledSite(
            messages: """
                messages:
                  - id: civility
                    group: slogans
                    text: 讲文明树新风
                """)
        defer { site.remove() }
        let result = await SiteBuilder.ledFeeds(site.options(write: false))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        let feed = try #require(result.feed(screen: "tiny"))
        #expect(feed.items.map(\.id) == ["civility"])
        #expect(feed.items.first?.pages.map(\.lines) == [["讲文"], ["明树"], ["新风"]])
        let pages = LEDRaster.pages(of: feed, glyphs: UnifontGlyphs())
        #expect(pages.map(\.fileName) == ["page-001.png", "page-002.png", "page-003.png"])
        #expect(pages.allSatisfy { $0.bitmap.width == 32 && $0.bitmap.height == 16 })
    }

    @Test func scrollLeftPagesAreOneStripPerItem() throws {
        let screen = ScreenProfile(
            id: "strip", name: "条屏", width: 32, height: 16, font: 16, lineGap: 0, charset: .gb2312, color: .amber,
            kinsoku: .basic, mode: .scrollLeft, stay: 3, speed: 5, schedule: nil, programs: ["a"], exports: [.png],
            location: SourceLocation(file: "x"))
        let feed = ScreenFeed(
            screen: screen,
            items: [
                LEDProgramItem(group: "a", id: "long", pages: [LEDPage(lines: ["文明城市AB"], stayMilliseconds: 0)]),
                LEDProgramItem(group: "a", id: "short", pages: [LEDPage(lines: ["文"], stayMilliseconds: 0)]),
            ], generated: TestSite.clock)
        let pages = LEDRaster.pages(of: feed, glyphs: UnifontGlyphs())
        #expect(pages.map(\.number) == [1, 2])
        #expect(pages.map(\.bitmap.width) == [80, 32], "as wide as the line, at least the screen")
        #expect(pages.allSatisfy { $0.bitmap.height == 16 })
    }
}
