import CampaignCore
import Foundation
import Testing

@testable import LEDFeed

/// A small reader for the exported XML: every element with its attributes, in document order.
struct XMLElements {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// Index of the enclosing `<program>`, if any.
        var program: Int?
    }

    var elements: [Element] = []

    init(_ text: String) {
        var program = -1
        var inProgram = false
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                if tag == "/program" { inProgram = false }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" })
            if name == "program" {
                program += 1
                inProgram = true
            }
            var attributes: [String: String] = [:]
            var body = tag.dropFirst(name.count)
            while let eq = body.firstIndex(of: "=") {
                let key = body[..<eq].trimmingCharacters(in: .whitespaces)
                let afterEq = body[body.index(after: eq)...]
                guard afterEq.first == "\"", let end = afterEq.dropFirst().firstIndex(of: "\"") else { break }
                attributes[key] = String(afterEq[afterEq.index(after: afterEq.startIndex)..<end])
                body = afterEq[afterEq.index(after: end)...]
            }
            elements.append(Element(name: name, attributes: attributes, program: inProgram ? program : nil))
        }
    }

    func all(_ name: String, inProgram index: Int? = nil) -> [Element] {
        elements.filter { $0.name == name && (index == nil || $0.program == index) }
    }
}

@Suite struct VendorExportTests {
    static let tz = TimeZone(identifier: "Asia/Shanghai")!
    static func date(_ text: String) -> Date { ContentDate.parse(text, timeZone: tz)! }

    static func feed(
        schedule: LEDSchedule? = LEDSchedule(windows: [LEDSchedule.Window(start: 420, end: 720)], weekdays: []),
        items: [LEDProgramItem], mode: LEDMode = .paged, speed: Int = 5, stay: Int = 5, width: Int = 256
    ) -> ScreenFeed {
        let screen = ScreenProfile(
            id: "board", name: "测试屏", width: width, height: 32, mode: mode, stay: stay, speed: speed,
            schedule: schedule, programs: ["slogans"], exports: [.huidu, .onbon])
        return ScreenFeed(screen: screen, items: items, generated: date("2026-11-29T12:00:00+08:00"))
    }

    static func page(_ lines: [String], stay: Int = 5000) -> LEDPage { LEDPage(lines: lines, stayMilliseconds: stay) }

    static func huidu(_ feed: ScreenFeed) -> XMLElements {
        XMLElements(String(decoding: LEDExporter.huiduXML(feed, timeZone: tz), as: UTF8.self))
    }

    // MARK: - Huidu

    @Test func huiduWeekdaysUseTheSDKTokens() {
        let item = LEDProgramItem(
            group: "slogans", id: "a", schedule: LEDSchedule(weekdays: [1, 2, 3, 4, 5, 6, 7]),
            pages: [Self.page(["文明"])])
        let week = Self.huidu(Self.feed(items: [item])).all("week").first?.attributes["enable"]
        #expect(week == "Mon,Tue,Wed,Thur,Fri,Sat,Sun")
        let thursday = LEDProgramItem(
            group: "slogans", id: "b", schedule: LEDSchedule(weekdays: [4]), pages: [Self.page(["文明"])])
        #expect(Self.huidu(Self.feed(items: [thursday])).all("week").first?.attributes["enable"] == "Thur")
    }

    @Test(arguments: [(1, 8), (5, 4), (10, 0), (6, 4), (9, 1)])
    func huiduSpeedIsZeroToEightZeroFastest(profile: Int, expected: Int) {
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [Self.page(["文明"])])
        let effects = Self.huidu(Self.feed(items: [item], speed: profile)).all("effect")
        #expect(!effects.isEmpty)
        for effect in effects {
            #expect(effect.attributes["inSpeed"] == String(expected))
            #expect(effect.attributes["outSpeed"] == String(expected))
            #expect((0...8).contains(Int(effect.attributes["inSpeed"] ?? "") ?? -1))
        }
    }

    @Test func huiduFromAndUntilKeepTheirTimes() {
        let item = LEDProgramItem(
            group: "urgent", id: "notice", priority: .urgent, from: Self.date("2026-11-28T08:00:00+08:00"),
            until: Self.date("2026-12-01T20:00:00+08:00"), pages: [Self.page(["通知"])])
        let xml = Self.huidu(Self.feed(schedule: nil, items: [item]))
        let programs = xml.all("program")
        #expect(programs.count == 3)
        // First day from 08:00, the days between all day, the last day until 20:00.
        #expect(xml.all("date", inProgram: 0).first?.attributes == ["start": "2026-11-28", "end": "2026-11-28"])
        #expect(xml.all("time", inProgram: 0).map(\.attributes) == [["start": "08:00:00", "end": "23:59:59"]])
        #expect(xml.all("date", inProgram: 1).first?.attributes == ["start": "2026-11-29", "end": "2026-11-30"])
        #expect(xml.all("time", inProgram: 1).isEmpty)
        #expect(xml.all("date", inProgram: 2).first?.attributes == ["start": "2026-12-01", "end": "2026-12-01"])
        #expect(xml.all("time", inProgram: 2).map(\.attributes) == [["start": "00:00:00", "end": "20:00:00"]])
        #expect(Set(programs.compactMap { $0.attributes["guid"] }).count == 3)
    }

    @Test func huiduItemWindowsAreIntersectedWithTheScreens() {
        // Screen 07:00-12:00; the item asks for 06:00-09:00 and 17:00-20:00: only 07:00-09:00 is left.
        let item = LEDProgramItem(
            group: "slogans", id: "garbage",
            schedule: LEDSchedule(windows: [.init(start: 360, end: 540), .init(start: 1020, end: 1200)]),
            pages: [Self.page(["垃圾分类"])])
        let xml = Self.huidu(Self.feed(items: [item]))
        #expect(xml.all("time").map(\.attributes) == [["start": "07:00:00", "end": "09:00:00"]])
        #expect(xml.all("playControl").first?.attributes["disabled"] == "false")
        // An item entirely outside the screen's hours is disabled, not played at other times.
        let evening = LEDProgramItem(
            group: "slogans", id: "evening", schedule: LEDSchedule(windows: [.init(start: 1080, end: 1200)]),
            pages: [Self.page(["晚间"])])
        #expect(Self.huidu(Self.feed(items: [evening])).all("playControl").first?.attributes["disabled"] == "true")
        // An item without a schedule takes the screen's.
        let plain = LEDProgramItem(group: "slogans", id: "plain", pages: [Self.page(["文明"])])
        #expect(
            Self.huidu(Self.feed(items: [plain])).all("time").map(\.attributes) == [
                ["start": "07:00:00", "end": "12:00:00"]
            ])
    }

    @Test func huiduWindowPastMidnightIsSplit() {
        let screen = LEDSchedule(windows: [.init(start: 1320, end: 120)])
        let item = LEDProgramItem(group: "slogans", id: "night", pages: [Self.page(["夜间"])])
        let times = Self.huidu(Self.feed(schedule: screen, items: [item])).all("time").map(\.attributes)
        #expect(times == [["start": "00:00:00", "end": "02:00:00"], ["start": "22:00:00", "end": "23:59:59"]])
    }

    @Test func huiduScreenHoursAreTheOnOffSchedule() {
        let screen = LEDSchedule(windows: [.init(start: 420, end: 720), .init(start: 840, end: 1290)])
        let feed = Self.feed(schedule: screen, items: [])
        let xml = XMLElements(String(decoding: LEDExporter.huiduSwitchXML(feed), as: UTF8.self))
        #expect(xml.all("in").first?.attributes["method"] == "SetSwitchTime")
        #expect(xml.all("ploy").first?.attributes["enable"] == "true")
        #expect(
            xml.all("item").map(\.attributes) == [
                ["enable": "true", "start": "07:00:00", "end": "12:00:00"],
                ["enable": "true", "start": "14:00:00", "end": "21:30:00"],
            ])
        let always = XMLElements(
            String(decoding: LEDExporter.huiduSwitchXML(Self.feed(schedule: nil, items: [])), as: UTF8.self))
        #expect(always.all("ploy").first?.attributes["enable"] == "false" && always.all("item").isEmpty)
    }

    @Test func huiduTextIsTopLeftLikeTheProofs() {
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [Self.page(["文明", "城市"])])
        let styles = Self.huidu(Self.feed(items: [item])).all("style")
        #expect(styles.count == 1)
        #expect(styles.first?.attributes == ["align": "left", "valign": "top"])
    }

    // MARK: - Onbon

    static func onbonProgram(_ feed: ScreenFeed) throws -> [String: Any] {
        let files = LEDExporter.onbon(feed, timeZone: tz)
        let file = try #require(files.first { $0.relativePath == "onbon/program.json" })
        return try #require(try JSONSerialization.jsonObject(with: file.data) as? [String: Any])
    }

    @Test func onbonProgramFileIsMachineReadable() throws {
        let items = [
            LEDProgramItem(
                group: "urgent", id: "notice", priority: .urgent, from: Self.date("2026-11-28T08:00:00+08:00"),
                until: Self.date("2026-12-01T20:00:00+08:00"), pages: [Self.page(["通知"], stay: 3000)]),
            LEDProgramItem(
                group: "slogans", id: "create", pages: [Self.page(["创建"], stay: 3000), Self.page(["文明"], stay: 3000)]),
        ]
        let json = try Self.onbonProgram(Self.feed(items: items, mode: .scrollLeft, speed: 10, stay: 3))
        let programs = try #require(json["programs"] as? [[String: Any]])
        #expect(programs.count == 2)
        #expect(programs[0]["file"] as? String == "01-notice.txt" && programs[0]["urgent"] as? Bool == true)
        #expect(programs[0]["start"] as? String == "2026-11-28 08:00")
        #expect(programs[0]["end"] as? String == "2026-12-01 20:00")
        #expect(programs[1]["pages"] as? Int == 2)
        for program in programs {
            #expect(program["display_mode"] as? Int == 3)
            #expect(program["speed"] as? Int == 1)
            #expect(program["stay_half_seconds"] as? Int == 6)
        }
    }

    @Test(arguments: [(1, 16), (5, 9), (10, 1)])
    func onbonSpeedIsInTheCardsRange(profile: Int, expected: Int) throws {
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [Self.page(["文明"])])
        let json = try Self.onbonProgram(Self.feed(items: [item], speed: profile))
        let program = try #require((json["programs"] as? [[String: Any]])?.first)
        let speed = try #require(program["speed"] as? Int)
        #expect(speed == expected && (1...16).contains(speed))
    }

    @Test(arguments: [(1, 2), (5, 10), (3600, 255)])
    func onbonStayIsInHalfSeconds(seconds: Int, expected: Int) throws {
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [Self.page(["文明"], stay: seconds * 1000)])
        let json = try Self.onbonProgram(Self.feed(items: [item], stay: seconds))
        let program = try #require((json["programs"] as? [[String: Any]])?.first)
        #expect(program["stay_half_seconds"] as? Int == expected)
    }

    @Test(arguments: [192, 100, 130, 8])
    func onbonAreasAreOnTheEightPixelGrid(width: Int) throws {
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [Self.page(["文明"])])
        let json = try Self.onbonProgram(Self.feed(items: [item], width: width))
        let area = try #require(((json["programs"] as? [[String: Any]])?.first)?["area"] as? [String: Any])
        let x = try #require(area["x"] as? Int)
        let areaWidth = try #require(area["width"] as? Int)
        #expect(x % 8 == 0 && areaWidth % 8 == 0)
        #expect(areaWidth <= max(8, width) && areaWidth > width - 8)
    }

    @Test func onbonTextsAreGB2312Bytes() throws {
        let item = LEDProgramItem(group: "slogans", id: "a", pages: [Self.page(["文明城市", "ABC"])])
        let files = LEDExporter.onbon(Self.feed(items: [item]), timeZone: Self.tz)
        let text = try #require(files.first { $0.relativePath == "onbon/01-a.txt" })
        #expect(
            Array(text.data) == [
                0xCE, 0xC4, 0xC3, 0xF7, 0xB3, 0xC7, 0xCA, 0xD0, 0x0D, 0x0A, 0x41, 0x42, 0x43, 0x0D, 0x0A,
            ])
    }

    @Test(arguments: [LEDCharset.utf8, .gb18030])
    func onbonExportOnAWideCharsetIsAProfileError(charset: LEDCharset) {
        let yaml = """
            screens:
              - id: stop
                name: 站台
                width: 192
                height: 32
                charset: \(charset.rawValue)
                programs: [core-values]
                exports: [txt, onbon]
            """
        let (_, diagnostics) = LEDContent.parseScreens(yaml)
        let error = diagnostics.first { $0.severity == .error && $0.message.contains("onbon") }
        #expect(error != nil, "\(diagnostics)")
        #expect(error?.line == 6)
    }

    @Test func onbonExportOnGB2312IsFine() {
        let yaml = """
            screens:
              - id: stop
                name: 站台
                width: 192
                height: 32
                charset: gbk
                programs: [core-values]
                exports: [txt, onbon]
            """
        let (_, diagnostics) = LEDContent.parseScreens(yaml)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
    }
}
