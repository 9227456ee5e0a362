import CampaignCore
import Foundation
import LEDFeed
import SiteBuilder

/// The LED preview of the editor: a message laid out by the build's line layout (docs/led-guide.md) and
/// drawn as a dot matrix (`DotMatrixHTML`, the same drawing as the site's `led/` preview page) for
/// each screen of `screens.yml` that plays its group; only the text when there is no screen or no
/// font to draw with.
struct LEDPreview {
    var screens: [ScreenProfile]
    var now: Date

    /// The HTML of the preview of message `id` of `group` showing `text` (a template already filled).
    func html(text: String, group: String, id: String) -> String {
        let plain = "<p class=\"led-text\">\(DeskPage.escape(text))</p>"
        guard !text.isEmpty else { return "<p>（还没有文字）</p>" }
        guard !screens.isEmpty else {
            return "<p>没有 Content/led/screens.yml 中的屏幕，只显示文字：</p>" + plain
        }
        var note = ""
        var playing = screens.filter { $0.programs.contains(group) }
        if playing.isEmpty {
            note =
                "<p>没有屏幕播放分组“\(DeskPage.escape(group))”（screens.yml 中各屏幕的 programs），"
                + "以下按全部屏幕预览。</p>"
            playing = screens
        }
        let feeds = playing.map { screen in
            let pages = LineLayout.pages(text, settings: screen.layout).map {
                LEDPage(lines: $0, stayMilliseconds: screen.stay * 1000)
            }
            return ScreenFeed(
                screen: screen, items: [LEDProgramItem(group: group, id: id, pages: pages)], generated: now)
        }
        let glyphs = LEDRaster.loadGlyphs(for: LEDRaster.scalars(of: feeds)).0
        let (fonts, fontProblems) = LEDRaster.loadCellFonts(for: feeds)
        guard let glyphs, fontProblems.isEmpty else {
            return note + "<p>无法读取点阵字体，只显示文字：</p>" + plain
        }
        var html = note
        for (index, feed) in feeds.enumerated() {
            html += screenSection(feed, text: text, glyphs: glyphs, fonts: fonts, number: index + 1)
        }
        return html
    }

    func screenSection(
        _ feed: ScreenFeed, text: String, glyphs: UnifontGlyphs, fonts: [Int: CellFont], number: Int
    ) -> String {
        let screen = feed.screen
        let pages = LEDRaster.pages(of: feed, glyphs: glyphs, fonts: fonts)
        let drawing = DotMatrixHTML(
            color: RGBColor.screen(screen.color.rawValue) ?? .red, scale: max(1, min(4, 640 / max(1, screen.width))))
        let figureID = "led-preview-\(number)-\(screen.id)"
        let figures: String
        switch screen.mode {
        case .scrollLeft:
            figures = pages.map { page in
                drawing.scrollingFigure(
                    page.bitmap, text: page.lines.joined(), screenWidth: screen.width, id: figureID,
                    pixelsPerSecond: Double(16 * min(10, max(1, screen.speed))))
            }.joined()
        case .paged, .scrollUp:
            figures = drawing.pagedProgram(
                pages.map { DotMatrixPage(bitmap: $0.bitmap, lines: $0.lines) }, id: figureID)
        }
        var problems = ""
        let bad = LEDEncoder.unencodable(in: text, charset: screen.charset)
        if !bad.isEmpty {
            let characters = bad.map { "“\(DeskPage.escape(String($0.character)))”" }.joined(separator: "、")
            problems =
                "<p class=\"field-message\">这块屏的字符集 \(screen.charset.rawValue.uppercased()) 中没有 \(characters)，"
                + "无法显示。</p>"
        }
        let pageCount = feed.items.first?.pages.count ?? 0
        return """
            <section class="led-screen-preview" aria-labelledby="\(figureID)-title">
            <h3 id="\(figureID)-title">\(DeskPage.escape(screen.name))（\(DeskPage.escape(screen.id))，\
            \(screen.width)×\(screen.height) 点，\(screen.font) 点字，\(Self.modeName(screen.mode))，共 \(pageCount) 屏）</h3>
            \(problems)\(figures)
            </section>
            """
    }

    static func modeName(_ mode: LEDMode) -> String {
        switch mode {
        case .paged: return "翻页"
        case .scrollLeft: return "左移"
        case .scrollUp: return "上移"
        }
    }

    /// The figures that fill templates in the preview: the days to the inspection and the exposure
    /// counts as the build computes them; the indicator figures stay 0 (the build fills them).
    static func variables(site: SiteConfig, now: Date, notices: [ExposureNotice]) -> LEDVariables {
        var variables = LEDVariables()
        if let inspection = site.campaign.inspectionDate {
            variables.daysToInspection = max(0, ContentDate.daysBetween(now, inspection, in: site.timeZone))
        }
        variables.exposuresOpen = notices.filter(\.isOpen).count
        variables.exposuresClosed = notices.count - variables.exposuresOpen
        return variables
    }
}
