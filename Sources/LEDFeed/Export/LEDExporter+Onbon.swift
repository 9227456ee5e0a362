import CampaignCore
import Foundation

extension LEDExporter {
    /// The charsets an Onbon font card can show: its built-in fonts are GB2312 (GBK on some cards).
    public static let onbonCharsets: Set<LEDCharset> = [.gb2312, .gbk]

    /// Onbon cards count stay time in half seconds, one byte: 1…255 (0.5 s … 127.5 s).
    public static func onbonStayHalfSeconds(milliseconds: Int) -> Int {
        min(255, max(1, Int((Double(milliseconds) / 500).rounded())))
    }

    /// The Onbon speed level (1 fastest … 16 slowest) of a profile speed (1 slow … 10 fast).
    public static func onbonSpeed(_ speed: Int) -> Int {
        let clamped = min(10, max(1, speed))
        return 1 + Int((Double(10 - clamped) * 15 / 9).rounded())
    }

    /// The BX-5/6 display mode (显示方式) of a layout mode: 1 静止显示, 3 向左移动 (continuous left), 5 向上移动.
    public static func onbonDisplayMode(_ mode: LEDMode) -> Int {
        switch mode {
        case .paged: 1
        case .scrollLeft: 3
        case .scrollUp: 5
        }
    }

    /// An area on the card's grid: BX cards address x and width in bytes of 8 pixels, so both are multiples of 8.
    public static func onbonArea(width: Int, height: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        (0, 0, max(8, width / 8 * 8), height)
    }

    /// Texts and a program file for Onbon BX-5/6 font cards (LedshowTW / LedshowZK): `onbon/NN-<id>.txt` per
    /// program item, `onbon/playlist.txt` for people and `onbon/program.json` for tools.
    ///
    /// Onbon's font cards show text in their built-in GB2312 fonts and break lines only where the text has a line
    /// break, so each item file holds the laid-out lines (GB2312/GBK bytes, CRLF, no BOM) one after the other; a
    /// text area as high as the screen shows `lines_per_page` lines at a time, so pages turn exactly where the
    /// layout put them. Stay times are in the card's half seconds, speeds in its levels 1–16, areas on its
    /// 8-pixel grid. A screen whose charset is not GB2312/GBK is a profile error (checked when loading), so this
    /// writes GB bytes only.
    public static func onbon(_ feed: ScreenFeed, timeZone: TimeZone) -> [File] {
        let s = feed.screen
        let area = onbonArea(width: s.width, height: s.height)
        let speed = onbonSpeed(s.speed)
        let stay = onbonStayHalfSeconds(milliseconds: s.stay * 1000)
        let mode = onbonDisplayMode(s.mode)
        let charset: LEDCharset = onbonCharsets.contains(s.charset) ? s.charset : .gb2312
        var files: [File] = []
        var playlist: [String] = [
            "屏幕 \(s.id) \(s.name)",
            "尺寸 \(s.width)x\(s.height)  区域 X\(area.x) Y\(area.y) 宽\(area.width) 高\(area.height)  字号 \(s.font)  "
                + "每屏 \(s.layout.linesPerPage) 行  颜色 \(s.color.rawValue)",
            "显示方式 \(mode) \(onbonEffect(s.mode))  速度 \(speed) (1 最快, 16 最慢)  停留 \(stay) × 0.5 秒"
                + (s.schedule.map { "  屏幕定时 \(scheduleText($0))" } ?? ""),
            "",
        ]
        var programs: [JSONText] = []
        for (index, item) in feed.items.enumerated() {
            let name = "\(pad(index + 1))-\(item.id).txt"
            let lines = item.pages.flatMap(\.lines)
            let text = lines.joined(separator: "\r\n") + "\r\n"
            files.append(("onbon/\(name)", Data(LEDEncoder.encode(text, as: charset))))
            var entry = "\(pad(index + 1)) \(name) 分组 \(item.group) 共 \(item.pages.count) 屏"
            if item.priority == .urgent { entry += " 紧急(置顶插播)" }
            let from = item.from.map { ContentDate.minuteString($0, in: timeZone) }
            let until = item.until.map { ContentDate.minuteString($0, in: timeZone) }
            if let from { entry += " 开始 \(from)" }
            if let until { entry += " 结束 \(until)" }
            let windows = PlayWindows(s.schedule).intersected(with: PlayWindows(item.schedule))
            if item.schedule != nil { entry += " 定时 \(scheduleText(windows))" }
            if windows.isNever { entry += " 不在屏幕播放时段内(不会播放)" }
            playlist.append(entry)
            let start: JSONText = from.map { JSONText.string($0) } ?? .null
            let end: JSONText = until.map { JSONText.string($0) } ?? .null
            let areaJSON: JSONText = .object([
                ("x", .int(area.x)), ("y", .int(area.y)), ("width", .int(area.width)), ("height", .int(area.height)),
            ])
            let itemStay = onbonStayHalfSeconds(milliseconds: item.pages.first?.stayMilliseconds ?? s.stay * 1000)
            programs.append(
                .object([
                    ("number", .int(index + 1)), ("file", .string(name)), ("id", .string(item.id)),
                    ("group", .string(item.group)), ("urgent", .bool(item.priority == .urgent)),
                    ("area", areaJSON),
                    ("font_size", .int(s.font)), ("lines_per_page", .int(s.layout.linesPerPage)),
                    ("pages", .int(item.pages.count)), ("display_mode", .int(mode)), ("speed", .int(speed)),
                    ("stay_half_seconds", .int(itemStay)),
                    ("start", start), ("end", end),
                    ("windows", windowsJSON(windows)), ("weekdays", .array(windows.weekdays.map { .int($0) })),
                    ("plays", .bool(!windows.isNever)),
                ]))
        }
        let text = playlist.joined(separator: "\r\n") + "\r\n"
        files.append(("onbon/playlist.txt", Data(LEDEncoder.encode(text, as: charset))))
        let program: JSONText = .object([
            ("format", .string("campaignpress-onbon-1")),
            (
                "screen",
                .object([
                    ("id", .string(s.id)), ("width", .int(s.width)), ("height", .int(s.height)),
                    ("color", .string(s.color.rawValue)), ("charset", .string(charset.rawValue)),
                    ("font_size", .int(s.font)),
                    ("on", windowsJSON(PlayWindows(s.schedule))),
                ])
            ),
            ("programs", .array(programs)),
        ])
        files.append(("onbon/program.json", Data(program.rendered.utf8)))
        return files
    }

    static func windowsJSON(_ windows: PlayWindows) -> JSONText {
        guard let ranges = windows.ranges else { return .null }
        return .array(
            ranges.map {
                .string(LEDSchedule.Window.format($0.lowerBound) + "-" + LEDSchedule.Window.format($0.upperBound))
            })
    }

    static func onbonEffect(_ mode: LEDMode) -> String {
        switch mode {
        case .paged: "静止显示(翻页)"
        case .scrollLeft: "连续左移"
        case .scrollUp: "连续上移"
        }
    }

    static func scheduleText(_ schedule: LEDSchedule) -> String {
        scheduleText(PlayWindows(schedule))
    }

    static func scheduleText(_ windows: PlayWindows) -> String {
        var parts: [String] = []
        if let ranges = windows.ranges {
            parts.append(
                ranges.map { LEDSchedule.Window.format($0.lowerBound) + "-" + LEDSchedule.Window.format($0.upperBound) }
                    .joined(separator: ","))
        }
        if !windows.weekdays.isEmpty { parts.append("星期" + windows.weekdays.map(String.init).joined(separator: ",")) }
        return parts.isEmpty ? "全天" : parts.joined(separator: " ")
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
