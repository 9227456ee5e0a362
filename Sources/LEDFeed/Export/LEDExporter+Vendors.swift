import CampaignCore
import Foundation

extension LEDExporter {
    /// Texts for Onbon BX controllers (LedshowTW / LedshowYQ): `onbon/NN-<id>.txt` per program item and
    /// `onbon/playlist.txt`.
    ///
    /// Onbon's font cards show text in their built-in GB2312 fonts and break lines only where the text has a
    /// line break, so each item file holds the laid-out lines (the screen's charset, CRLF, no BOM) one after the
    /// other; a text area as high as the screen shows `lines_per_page` lines at a time, so pages turn exactly where
    /// the layout put them. `playlist.txt` lists the items in playing order with what the operator sets by hand
    /// in the program properties: stay time, effect, speed, priority, dates and time windows.
    public static func onbon(_ feed: ScreenFeed, timeZone: TimeZone) -> [File] {
        let s = feed.screen
        var files: [File] = []
        var playlist: [String] = [
            "屏幕 \(s.id) \(s.name)",
            "尺寸 \(s.width)x\(s.height)  字号 \(s.font)  每屏 \(s.layout.linesPerPage) 行  颜色 \(s.color.rawValue)",
            "显示方式 \(onbonEffect(s.mode))  速度 \(s.speed)  停留 \(s.stay) 秒"
                + (s.schedule.map { "  屏幕定时 \(scheduleText($0))" } ?? ""),
            "",
        ]
        for (index, item) in feed.items.enumerated() {
            let name = "\(pad(index + 1))-\(item.id).txt"
            let lines = item.pages.flatMap(\.lines)
            let text = lines.joined(separator: "\r\n") + "\r\n"
            files.append(("onbon/\(name)", Data(LEDEncoder.encode(text, as: s.charset))))
            var entry = "\(pad(index + 1)) \(name) 分组 \(item.group) 共 \(item.pages.count) 屏"
            if item.priority == .urgent { entry += " 紧急(置顶插播)" }
            if let from = item.from { entry += " 开始 \(ContentDate.minuteString(from, in: timeZone))" }
            if let until = item.until { entry += " 结束 \(ContentDate.minuteString(until, in: timeZone))" }
            if let schedule = item.schedule { entry += " 定时 \(scheduleText(schedule))" }
            playlist.append(entry)
        }
        let text = playlist.joined(separator: "\r\n") + "\r\n"
        files.append(("onbon/playlist.txt", Data(LEDEncoder.encode(text, as: s.charset))))
        return files
    }

    static func onbonEffect(_ mode: LEDMode) -> String {
        switch mode {
        case .paged: "立即显示(翻页)"
        case .scrollLeft: "连续左移"
        case .scrollUp: "连续上移"
        }
    }

    static func scheduleText(_ schedule: LEDSchedule) -> String {
        var parts: [String] = []
        if !schedule.windows.isEmpty { parts.append(schedule.windows.map(\.description).joined(separator: ",")) }
        if !schedule.weekdays.isEmpty { parts.append("星期" + schedule.weekdays.map(String.init).joined(separator: ",")) }
        return parts.isEmpty ? "全天" : parts.joined(separator: " ")
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A program list for Huidu controllers (HDPlayer and the Huidu SDK), UTF-8 XML.
    ///
    /// Modelled on the `AddProgram` request of the Huidu Gen6 SDK: one `<program>` per item in playing order
    /// (urgent first), a full-screen `<area>`, one `<text>` per page with its lines, the font size and colour of
    /// the profile and an effect (0 immediate for paged, 21 continuous left scroll, 23 continuous up scroll);
    /// `duration` is in tenths of a second. Dates, time windows and weekdays go into `<playControl>`; an item
    /// without its own schedule takes the screen's. GUIDs are derived from the screen and item ids, so the file
    /// is the same in every build.
    public static func huiduXML(_ feed: ScreenFeed, timeZone: TimeZone) -> Data {
        let s = feed.screen
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<sdk guid=\"##GUID\">\n  <in method=\"AddProgram\">\n    <screen>\n"
        for (index, item) in feed.items.enumerated() {
            let key = "\(s.id)/\(item.group)/\(item.id)"
            let name = (item.priority == .urgent ? "urgent " : "") + "\(item.group) \(item.id)"
            x += "      <program type=\"normal\" id=\"\(index)\" guid=\"\(guid(key))\" name=\"\(xml(name))\">\n"
            x += "        <playControl count=\"1\" disabled=\"false\""
            let schedule = item.schedule ?? s.schedule
            var controls: [String] = []
            if item.from != nil || item.until != nil {
                let start = item.from.map { ContentDate.dayString($0, in: timeZone) } ?? "2000-01-01"
                let end = item.until.map { ContentDate.dayString($0, in: timeZone) } ?? "2099-12-31"
                controls.append("<date start=\"\(start)\" end=\"\(end)\"/>")
            }
            for window in schedule?.windows ?? [] {
                let start = LEDSchedule.Window.format(window.start) + ":00"
                let end = LEDSchedule.Window.format(window.end) + ":00"
                controls.append("<time start=\"\(start)\" end=\"\(end)\"/>")
            }
            if let days = schedule?.weekdays, !days.isEmpty {
                let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                controls.append("<week enable=\"\(days.sorted().map { names[$0 - 1] }.joined(separator: ","))\"/>")
            }
            if controls.isEmpty {
                x += "/>\n"
            } else {
                x += ">\n" + controls.map { "          \($0)\n" }.joined() + "        </playControl>\n"
            }
            x += "        <area guid=\"\(guid(key + "/area"))\" name=\"text\" alpha=\"255\">\n"
            x += "          <rectangle x=\"0\" y=\"0\" width=\"\(s.width)\" height=\"\(s.height)\"/>\n"
            x += "          <resources>\n"
            let effect: Int
            switch s.mode {
            case .paged: effect = 0
            case .scrollLeft: effect = 21
            case .scrollUp: effect = 23
            }
            for (number, page) in item.pages.enumerated() {
                let single = s.mode == .scrollLeft ? "true" : "false"
                x +=
                    "            <text guid=\"\(guid(key + "/\(number)"))\" name=\"page-\(number + 1)\" "
                    + "singleLine=\"\(single)\">\n"
                x += "              <style align=\"center\" valign=\"middle\"/>\n"
                x += "              <string>\(xml(page.lines.joined(separator: "\n")))</string>\n"
                x +=
                    "              <font name=\"宋体\" size=\"\(s.font)\" color=\"\(huiduColor(s.color))\" "
                    + "bold=\"false\" italic=\"false\" underline=\"false\"/>\n"
                x +=
                    "              <effect in=\"\(effect)\" inSpeed=\"\(s.speed)\" out=\"0\" outSpeed=\"\(s.speed)\" "
                    + "duration=\"\(page.stayMilliseconds / 100)\"/>\n"
                x += "            </text>\n"
            }
            x += "          </resources>\n        </area>\n      </program>\n"
        }
        x += "    </screen>\n  </in>\n</sdk>\n"
        return Data(x.utf8)
    }

    /// The text colour Huidu software uses for a panel colour (a red/green panel shows amber as red + green).
    static func huiduColor(_ color: LEDColor) -> String {
        switch color {
        case .red: "#ff0000"
        case .green: "#00ff00"
        case .amber, .dual: "#ffff00"
        case .white, .full: "#ffffff"
        }
    }

    /// Text escaped for the Huidu program XML.
    static func xml(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A GUID-shaped id from two FNV-1a hashes of `key`: stable across builds.
    static func guid(_ key: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h = seed
            for b in key.utf8 {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01b3
            }
            return h
        }
        func hex16(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        let h = Array(hex16(fnv(0xcbf2_9ce4_8422_2325)) + hex16(fnv(0x8422_2325_cbf2_9ce4)))
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
