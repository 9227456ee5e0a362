import CampaignCore
import Foundation

extension LEDExporter {
    /// Weekday tokens of the Huidu SDK's `<week enable>`, Monday first. The SDK reads `Thur` (not `Thu`); an
    /// unknown token falls back to Monday on the controller.
    public static let huiduWeekdays = ["Mon", "Tue", "Wed", "Thur", "Fri", "Sat", "Sun"]

    /// The Huidu speed (0 fastest … 8 slowest) of a profile speed (1 slow … 10 fast).
    public static func huiduSpeed(_ speed: Int) -> Int {
        let clamped = min(10, max(1, speed))
        return Int((Double(10 - clamped) * 8 / 9).rounded())
    }

    /// A program list for Huidu controllers (HDPlayer and the Huidu Gen6 SDK): the `AddProgram` request, UTF-8.
    ///
    /// One `<program>` per item in playing order (urgent first), a full-screen `<area>`, one `<text>` per page with
    /// its lines, top-left aligned like the proofs, the font size and colour of the profile, an effect (0 immediate
    /// for paged, 21 continuous left scroll, 23 continuous up scroll) and the SDK's speed 0–8 (0 fastest);
    /// `duration` is in tenths of a second. `<playControl>` holds when the item plays: its own windows and
    /// weekdays intersected with the screen's, and `from`/`until` with their times. The SDK's `<date>` only knows
    /// whole days, so an item whose `from` or `until` falls inside a day is written as up to three programs with
    /// the same content: the first day from `from`'s time, the days between, the last day until `until`'s time.
    /// An item that can never play within the screen's hours is written `disabled="true"`, so the operator sees
    /// why it does not show. GUIDs are derived from the screen and item ids, so the file is the same in every
    /// build.
    public static func huiduXML(_ feed: ScreenFeed, timeZone: TimeZone) -> Data {
        let s = feed.screen
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<sdk guid=\"##GUID\">\n  <in method=\"AddProgram\">\n    <screen>\n"
        let screenWindows = PlayWindows(s.schedule)
        var programIndex = 0
        for item in feed.items {
            let key = "\(s.id)/\(item.group)/\(item.id)"
            let windows = screenWindows.intersected(with: PlayWindows(item.schedule))
            let spans = PlayWindows.daySpans(from: item.from, until: item.until, timeZone: timeZone)
            let parts: [PlayWindows.DaySpan?] = spans.isEmpty ? [nil] : spans
            for (partIndex, span) in parts.enumerated() {
                var partWindows = windows
                if let minutes = span?.minutes {
                    partWindows = partWindows.intersected(with: PlayWindows(ranges: [minutes]))
                }
                var name = (item.priority == .urgent ? "urgent " : "") + "\(item.group) \(item.id)"
                var partKey = key
                if parts.count > 1 {
                    name += " (\(partIndex + 1)/\(parts.count))"
                    partKey += "#\(partIndex + 1)"
                }
                x += "      <program type=\"normal\" id=\"\(programIndex)\" guid=\"\(guid(partKey))\" "
                x += "name=\"\(xml(name))\">\n"
                programIndex += 1
                x += huiduPlayControl(span: span, windows: partWindows)
                x += huiduArea(feed, item: item, key: partKey)
                x += "      </program>\n"
            }
        }
        x += "    </screen>\n  </in>\n</sdk>\n"
        return Data(x.utf8)
    }

    static func huiduPlayControl(span: PlayWindows.DaySpan?, windows: PlayWindows) -> String {
        var controls: [String] = []
        if let span { controls.append("<date start=\"\(span.first)\" end=\"\(span.last)\"/>") }
        for range in windows.ranges ?? [] where !range.isEmpty {
            controls.append("<time start=\"\(clock(range.lowerBound))\" end=\"\(clock(range.upperBound))\"/>")
        }
        if !windows.weekdays.isEmpty && !windows.neverOnWeekdays {
            let days = windows.weekdays.filter { (1...7).contains($0) }.map { huiduWeekdays[$0 - 1] }
            controls.append("<week enable=\"\(days.joined(separator: ","))\"/>")
        }
        let disabled = windows.isNever || span?.minutes?.isEmpty == true
        var x = "        <playControl count=\"1\" disabled=\"\(disabled)\""
        if controls.isEmpty { return x + "/>\n" }
        x += ">\n" + controls.map { "          \($0)\n" }.joined() + "        </playControl>\n"
        return x
    }

    static func huiduArea(_ feed: ScreenFeed, item: LEDProgramItem, key: String) -> String {
        let s = feed.screen
        let effect: Int
        switch s.mode {
        case .paged: effect = 0
        case .scrollLeft: effect = 21
        case .scrollUp: effect = 23
        }
        let speed = huiduSpeed(s.speed)
        var x = "        <area guid=\"\(guid(key + "/area"))\" name=\"text\" alpha=\"255\">\n"
        x += "          <rectangle x=\"0\" y=\"0\" width=\"\(s.width)\" height=\"\(s.height)\"/>\n"
        x += "          <resources>\n"
        for (number, page) in item.pages.enumerated() {
            let single = s.mode == .scrollLeft ? "true" : "false"
            x += "            <text guid=\"\(guid(key + "/\(number)"))\" name=\"page-\(number + 1)\" "
            x += "singleLine=\"\(single)\">\n"
            x += "              <style align=\"left\" valign=\"top\"/>\n"
            x += "              <string>\(xml(page.lines.joined(separator: "\n")))</string>\n"
            x += "              <font name=\"宋体\" size=\"\(s.font)\" color=\"\(huiduColor(s.color))\" "
            x += "bold=\"false\" italic=\"false\" underline=\"false\"/>\n"
            x += "              <effect in=\"\(effect)\" inSpeed=\"\(speed)\" out=\"0\" outSpeed=\"\(speed)\" "
            x += "duration=\"\(page.stayMilliseconds / 100)\"/>\n"
            x += "            </text>\n"
        }
        x += "          </resources>\n        </area>\n"
        return x
    }

    /// The screen's hours as the controller's on/off schedule: the SDK's `SetSwitchTime` request. Without
    /// windows the screen stays on (`ploy enable="false"`). Weekdays cannot be given here; they are in every
    /// program's `<week>`.
    public static func huiduSwitchXML(_ feed: ScreenFeed) -> Data {
        let ranges = PlayWindows(feed.screen.schedule).ranges ?? []
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<sdk guid=\"##GUID\">\n  <in method=\"SetSwitchTime\">\n    <open enable=\"true\"/>\n"
        x += "    <ploy enable=\"\(!ranges.isEmpty)\">\n"
        for range in ranges {
            x +=
                "      <item enable=\"true\" start=\"\(clock(range.lowerBound))\" end=\"\(clock(range.upperBound))\"/>\n"
        }
        x += "    </ploy>\n  </in>\n</sdk>\n"
        return Data(x.utf8)
    }

    /// `hh:mm:ss` of a minute of the day; the end of the day is `23:59:59`, as the SDK has no `24:00:00`.
    static func clock(_ minutes: Int) -> String {
        if minutes >= 1440 { return "23:59:59" }
        return LEDSchedule.Window.format(minutes) + ":00"
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
        var first = FNV1a()
        var second = FNV1a(seed: 0x8422_2325_cbf2_9ce4)
        first.combine(key)
        second.combine(key)
        let h = Array(first.hex() + second.hex())
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }
}
