import CampaignCore
import Foundation
import Testing

@testable import LEDFeed

@Suite struct LEDPlayerTests {
    static let tz = TimeZone(identifier: "Asia/Shanghai")!

    static func feed(_ lines: [String], schedule: LEDSchedule? = nil) -> ScreenFeed {
        let screen = ScreenProfile(
            id: "stop", name: "站台</script>", width: 64, height: 16, schedule: schedule, programs: ["slogans"],
            exports: [.player])
        let item = LEDProgramItem(
            group: "slogans", id: "a", from: ContentDate.parse("2026-11-28T08:00:00+08:00", timeZone: tz),
            pages: [LEDPage(lines: lines, stayMilliseconds: 5000)])
        return ScreenFeed(
            screen: screen, items: [item], generated: ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: tz)!)
    }

    static func renderer() -> DotMatrixRenderer {
        var font = CellFont(size: 16, source: "test")
        font.insert(CellGlyph(width: 16, rows: [UInt32](repeating: 0xFFFF_0000, count: 16)), for: "文")
        font.insert(CellGlyph(width: 8, rows: [0xF000_0000] + [UInt32](repeating: 0, count: 15)), for: "A")
        return DotMatrixRenderer(cellFont: font) { LayoutUnit.isHalfWidth($0) }
    }

    /// The inline data of a player page, parsed back.
    static func data(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "var PLAYER_DATA = "))
        let end = try #require(html.range(of: ";\n(function", range: start.upperBound..<html.endIndex))
        let json = Data(html[start.upperBound..<end.lowerBound].replacingOccurrences(of: "<\\/", with: "</").utf8)
        return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    @Test func glyphBitsAreTheProofRenderersCells() throws {
        let page = LEDPlayer.page(Self.feed(["文A"]), renderer: Self.renderer(), color: .red, timeZone: Self.tz)
        let data = try Self.data(page.html)
        let glyphs = try #require(data["glyphs"] as? [[Any]])
        // 文: 16 columns × 16 rows all lit; A: 8 columns, the first row's left half lit.
        #expect(glyphs.count == 2)
        #expect(glyphs[0][0] as? Int == 16 && glyphs[0][1] as? String == String(repeating: "p", count: 64))
        #expect(glyphs[1][0] as? Int == 8 && glyphs[1][1] as? String == "pa" + String(repeating: "a", count: 30))
        let items = try #require(data["items"] as? [[String: Any]])
        let pages = try #require(items.first?["pages"] as? [[String: Any]])
        #expect(pages.first?["lines"] as? [[Int]] == [[0, 1]])
        #expect(page.html.contains("width=\"64\" height=\"16\""))
    }

    @Test func scheduleClockAndVersionAreInline() throws {
        let schedule = LEDSchedule(windows: [.init(start: 360, end: 1380)], weekdays: [1, 2, 3, 4, 5])
        let page = LEDPlayer.page(
            Self.feed(["文"], schedule: schedule), renderer: Self.renderer(), color: .amber, timeZone: Self.tz)
        let data = try Self.data(page.html)
        let screen = try #require(data["screen"] as? [String: Any])
        #expect(screen["ranges"] as? [[Int]] == [[360, 1380]])
        #expect(screen["weekdays"] as? [Int] == [1, 2, 3, 4, 5])
        #expect(page.html.contains("\"offset\": 480"))
        // 2026-11-28T08:00:00+08:00 = 2026-11-28T00:00:00Z.
        #expect(page.html.contains("\"from\": 1795824000000"))
        #expect(page.html.contains("\"color\": [255, 176, 0]"))
        #expect(page.html.contains("\"version\": \"\(page.version)\""))
        // Same content, same version; other content, another one.
        let again = LEDPlayer.page(
            Self.feed(["文"], schedule: schedule), renderer: Self.renderer(), color: .amber, timeZone: Self.tz)
        #expect(again.version == page.version)
        #expect(
            LEDPlayer.page(Self.feed(["A"]), renderer: Self.renderer(), color: .amber, timeZone: Self.tz).version
                != page.version)
    }

    @Test func nameCannotCloseTheScript() {
        let page = LEDPlayer.page(Self.feed(["文"]), renderer: Self.renderer(), color: .red, timeZone: Self.tz)
        #expect(page.html.components(separatedBy: "</script>").count == 2)
        #expect(page.html.contains("站台&lt;/script&gt;"))
    }
}
