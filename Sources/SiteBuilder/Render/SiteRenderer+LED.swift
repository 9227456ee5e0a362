import CampaignCore
import Foundation
import LEDFeed

/// `led/<screen>/…` exports and PNG pages, and the dot-matrix preview page `led/index.html`.
extension SiteRenderer {
    /// What one screen produced: its files, and the HTML pieces and links of its preview section.
    struct LEDScreenResult: Sendable {
        var output = Output()
        /// Per program item: the preview HTML (figures) and the PNG page names.
        var itemFigures: [String] = []
        var itemPNGs: [[String]] = []
        /// Export files written, relative to `led/<screen>/` (without the PNG pages).
        var exportFiles: [String] = []
    }

    /// Renders every screen's exports (in parallel) and the preview page. No `Content/led/`: nothing.
    func renderLED() async -> Output {
        guard content.led != nil else { return Output() }
        var output = Output()
        let (feeds, feedDiagnostics) = content.ledFeeds()
        output.diagnostics += feedDiagnostics
        var glyphs = UnifontGlyphs()
        if !feeds.isEmpty {
            // Every screen appears on the preview page, so the font is needed as soon as there is a screen.
            let scalars = LEDRaster.scalars(of: feeds)
            let (loaded, problem) = memoized("led-glyphs") {
                $0.combine(scalars)
            } render: { _ in
                LEDRaster.loadGlyphs(for: scalars)
            }
            guard let loaded else {
                if let problem { output.diagnostics.append(problem) }
                return output
            }
            glyphs = loaded
        }
        let (cellFonts, fontProblems) = memoized("led-fonts") { hasher in
            for feed in feeds {
                hasher.combine(feed.screen.font)
                hasher.combine(LEDRaster.scalars(of: [feed]))
            }
        } render: { _ in
            LEDRaster.loadCellFonts(for: feeds)
        }
        guard fontProblems.isEmpty else {
            output.diagnostics += fontProblems
            return output
        }
        let font = glyphs
        let results = await concurrentMap(feeds, jobs: options.jobs) { feed in
            self.memoized("led:" + feed.screen.id) { hasher in
                hasher.combine(feed)
            } render: {
                $0.renderScreen(feed, glyphs: font, fonts: cellFonts)
            }
        }
        for result in results { output.merge(result.output) }
        let screens = zip(feeds, results).map { ledScreen($0, $1) }
        let preview = LEDPage.Preview(
            screens: screens, hasScrolling: feeds.contains { $0.screen.mode == .scrollLeft && !$0.items.isEmpty },
            generated: layout.dateFields(content.now))
        let page = LEDPage(chrome: layout.chrome(title: "LED 屏播放预览", column: "LED 播放", path: "/led/"), led: preview)
        var index = emit("led", page, to: "led/index.html", source: options.contentDisplay + "/led")
        index.sitemap.append(SitemapEntry(path: "/led/", lastModified: nil))
        output.merge(index)
        return output
    }

    /// Writes one screen's export files and PNG pages and draws its preview figures.
    func renderScreen(_ feed: ScreenFeed, glyphs: UnifontGlyphs, fonts: [Int: CellFont]) -> LEDScreenResult {
        let screen = feed.screen
        let folder = "led/\(screen.id)/"
        let source = screen.location.file
        var result = LEDScreenResult()
        for file in LEDExporter.files(for: feed, timeZone: content.site.timeZone) {
            result.output.merge(writeBytes(file.data, to: folder + file.relativePath, source: source))
            result.exportFiles.append(file.relativePath)
        }
        let pages = LEDRaster.pages(of: feed, glyphs: glyphs, fonts: fonts)
        let color = RGBColor.screen(screen.color.rawValue) ?? .red
        if screen.exports.contains(.png) {
            let encoder = PNGEncoder()
            for page in pages {
                let png = encoder.encode(page.bitmap, lit: color)
                result.output.merge(writeBytes(png, to: folder + page.fileName, source: source))
            }
        }
        if screen.exports.contains(.player) {
            let renderer = LEDRaster.renderer(for: screen, glyphs: glyphs, fonts: fonts)
            let site = content.site
            let player = LEDPlayer.page(
                feed, renderer: renderer, color: color, timeZone: site.timeZone,
                meta: [
                    ("SiteName", site.title), ("SiteDomain", site.domain),
                    ("SiteIDCode", site.registration.siteIDCode), ("ColumnName", "LED 播放"),
                ],
                footer: [
                    "主办单位：\(site.organization.sponsor)", site.registration.icp, site.registration.police,
                    "网站标识码：\(site.registration.siteIDCode)",
                ])
            result.output.merge(writeBytes(Array(player.html.utf8), to: folder + "player.html", source: source))
            result.output.merge(
                writeBytes(Array((player.version + "\n").utf8), to: folder + "player-version.txt", source: source))
            result.exportFiles += ["player.html", "player-version.txt"]
        }
        let html = DotMatrixHTML(color: color, scale: Self.previewScale(screen))
        for (index, item) in feed.items.enumerated() {
            let itemPages = pages.filter { $0.itemIndex == index }
            let id = "\(screen.id)-\(index + 1)-\(item.id)"
            switch screen.mode {
            case .scrollLeft:
                let figures = itemPages.map { page in
                    html.scrollingFigure(
                        page.bitmap, text: page.lines.joined(), screenWidth: screen.width, id: id,
                        pixelsPerSecond: Self.scrollSpeed(screen))
                }
                result.itemFigures.append(figures.joined())
            case .paged, .scrollUp:
                let dotPages = itemPages.map { DotMatrixPage(bitmap: $0.bitmap, lines: $0.lines) }
                result.itemFigures.append(html.pagedProgram(dotPages, id: id))
            }
            result.itemPNGs.append(screen.exports.contains(.png) ? itemPages.map(\.fileName) : [])
        }
        return result
    }

    /// CSS pixels per LED on the preview page: small screens drawn larger, so every screen is about as wide.
    static func previewScale(_ screen: ScreenProfile) -> Int {
        max(1, min(4, 640 / max(1, screen.width)))
    }

    /// The preview's scrolling speed: `speed` 1–10 as 16–160 LEDs per second.
    static func scrollSpeed(_ screen: ScreenProfile) -> Double {
        Double(16 * min(10, max(1, screen.speed)))
    }

    func writeBytes(_ bytes: some Collection<UInt8>, to path: String, source: String) -> Output {
        var output = Output()
        do {
            try sink.write(bytes, to: path)
            output.fileCount = 1
        } catch {
            output.diagnostics.append(.error("cannot write \(path): \(error)", code: "output.write", file: source))
        }
        return output
    }

    // MARK: - Preview page context

    func ledScreen(_ feed: ScreenFeed, _ result: LEDScreenResult) -> LEDPage.Screen {
        let screen = feed.screen
        let base = "/led/\(screen.id)/"
        let items = feed.items.enumerated().map { index, item in
            LEDPage.Item(
                group: item.group, id: item.id, urgent: item.priority == .urgent, pageCount: item.pages.count,
                figures: result.itemFigures[index], from: item.from.map(layout.dateFields),
                until: item.until.map(layout.dateFields),
                schedule: item.schedule.map { Self.scheduleText($0, whenNone: "") },
                pngs: result.itemPNGs[index].enumerated().map {
                    LinkItem(title: "第\($0.offset + 1)页", url: base + $0.element)
                })
        }
        return LEDPage.Screen(
            id: screen.id, name: screen.name, width: screen.width, height: screen.height, font: screen.font,
            lineGap: screen.lineGap, linesPerPage: screen.layout.linesPerPage,
            charset: screen.charset.rawValue.uppercased(), color: Self.colorName(screen.color),
            colorHex: (RGBColor.screen(screen.color.rawValue) ?? .red).hex, mode: Self.modeName(screen.mode),
            kinsoku: screen.kinsoku.rawValue, stay: screen.stay, speed: screen.speed,
            schedule: Self.scheduleText(screen.schedule, whenNone: "全天，每天"),
            programs: screen.programs.joined(separator: "、"),
            exports: result.exportFiles.map { LinkItem(title: $0, url: base + $0) }, items: items)
    }

    static func colorName(_ color: LEDColor) -> String {
        switch color {
        case .red: "单红色"
        case .amber: "琥珀色"
        case .green: "单绿色"
        case .white: "白色"
        case .dual: "双基色（红绿）"
        case .full: "全彩"
        }
    }

    static func modeName(_ mode: LEDMode) -> String {
        switch mode {
        case .paged: "翻页（paged）"
        case .scrollLeft: "连续左移（scroll-left）"
        case .scrollUp: "连续上移（scroll-up）"
        }
    }

    /// `07:00-12:00、14:00-21:30，周一至周五` style text of a schedule.
    static func scheduleText(_ schedule: LEDSchedule?, whenNone: String) -> String {
        guard let schedule else { return whenNone }
        let names = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        let windows = schedule.windows.isEmpty ? "全天" : schedule.windows.map(\.description).joined(separator: "、")
        let days = Set(schedule.weekdays)
        let weekdays: String
        if days.isEmpty || days == Set(1...7) {
            weekdays = "每天"
        } else {
            weekdays = days.sorted().compactMap { (1...7).contains($0) ? names[$0 - 1] : nil }.joined(separator: "、")
        }
        return windows + "，" + weekdays
    }
}
