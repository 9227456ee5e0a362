import CampaignCore
import Foundation

/// Writes a screen's feed in the formats its profile asks for, as files relative to `Output/led/<screen>/`.
///
/// `png` pages are drawn by the rasterizer (Raster/) and are not produced here.
public enum LEDExporter {
    /// A file to write: its path under the screen's folder and its bytes.
    public typealias File = (relativePath: String, data: Data)

    /// Every export of `feed.screen.exports` except `png`, in a fixed order.
    public static func files(for feed: ScreenFeed, timeZone: TimeZone) -> [File] {
        var files: [File] = []
        let exports = feed.screen.exports
        if exports.contains(.json) { files.append(("feed.json", feedJSON(feed, timeZone: timeZone))) }
        if exports.contains(.txt) { files += groupTexts(feed) }
        if exports.contains(.onbon) { files += onbon(feed, timeZone: timeZone) }
        if exports.contains(.huidu) {
            files.append(("huidu.xml", huiduXML(feed, timeZone: timeZone)))
            files.append(("huidu-switch.xml", huiduSwitchXML(feed)))
        }
        return files
    }

    /// `feed.json` (docs/led-guide.md), keys in a fixed order.
    public static func feedJSON(_ feed: ScreenFeed, timeZone: TimeZone) -> Data {
        let s = feed.screen
        func date(_ d: Date?) -> JSONText { d.map { .string(ContentDate.rfc3339($0, in: timeZone)) } ?? .null }
        let screen: JSONText = .object([
            ("id", .string(s.id)), ("name", .string(s.name)), ("width", .int(s.width)), ("height", .int(s.height)),
            ("font", .int(s.font)), ("line_gap", .int(s.lineGap)), ("lines_per_page", .int(s.layout.linesPerPage)),
            ("charset", .string(s.charset.rawValue)), ("color", .string(s.color.rawValue)),
            ("kinsoku", .string(s.kinsoku.rawValue)), ("mode", .string(s.mode.rawValue)), ("stay", .int(s.stay)),
            ("speed", .int(s.speed)), ("schedule", scheduleJSON(s.schedule)),
            ("programs", .array(s.programs.map { .string($0) })),
            ("exports", .array(s.exports.map { .string($0.rawValue) })),
        ])
        let programs: [JSONText] = feed.items.map { item in
            .object([
                ("group", .string(item.group)), ("id", .string(item.id)), ("priority", .string(item.priority.rawValue)),
                ("from", date(item.from)), ("until", date(item.until)), ("schedule", scheduleJSON(item.schedule)),
                (
                    "pages",
                    .array(
                        item.pages.map {
                            .object([
                                ("lines", .array($0.lines.map { .string($0) })), ("stay_ms", .int($0.stayMilliseconds)),
                            ])
                        })
                ),
            ])
        }
        let root: JSONText = .object([
            ("screen", screen), ("generated", .string(ContentDate.rfc3339(feed.generated, in: timeZone))),
            ("programs", .array(programs)),
        ])
        return Data(root.rendered.utf8)
    }

    static func scheduleJSON(_ schedule: LEDSchedule?) -> JSONText {
        guard let schedule else { return .null }
        return .object([
            ("windows", .array(schedule.windows.map { .string($0.description) })),
            ("weekdays", .array(schedule.weekdays.map { .int($0) })),
        ])
    }

    /// `<group>.txt` per group: the screen's charset, CRLF, no BOM, one screen line per text line, pages
    /// separated by an empty line.
    public static func groupTexts(_ feed: ScreenFeed) -> [File] {
        feed.groups.map { group in
            let pages = feed.items.filter { $0.group == group }.flatMap(\.pages)
            let text = pages.map { $0.lines.joined(separator: "\r\n") + "\r\n" }.joined(separator: "\r\n")
            return ("\(group).txt", Data(LEDEncoder.encode(text, as: feed.screen.charset)))
        }
    }

    /// Texts of `txt` exports decoded back into pages, for checks: the inverse of `groupTexts`.
    public static func pages(fromGroupText data: Data, charset: LEDCharset) -> [[String]]? {
        guard let text = LEDEncoder.decode(Array(data), as: charset) else { return nil }
        var pages: [[String]] = []
        var current: [String] = []
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast() {
            if line.isEmpty {
                pages.append(current)
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { pages.append(current) }
        return pages
    }
}
