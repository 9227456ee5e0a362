import CampaignCore
import Foundation
import Testing

@testable import LEDFeed

@Suite struct LEDFeedTests {
    static let tz = TimeZone(identifier: "Asia/Shanghai")!
    static let now = ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: tz)!
    static let variables = LEDVariables(
        daysToInspection: 42, indicatorsMet: 87, indicatorsTotal: 120, exposuresOpen: 14, exposuresClosed: 203,
        latestHeadline: "全市启动迎检百日攻坚行动")
    static let headlines = [
        LEDHeadline(id: "older", text: "城关区完成背街小巷改造", date: ContentDate.parse("2026-11-20", timeZone: tz)!),
        LEDHeadline(id: "newer", text: "全市启动迎检百日攻坚行动", date: ContentDate.parse("2026-11-27", timeZone: tz)!),
    ]

    static func sampleFeeds() throws -> ([ScreenFeed], [Diagnostic]) {
        let (content, _) = try SampleContent.load()
        return LEDFeedBuilder.feeds(content: content, headlines: headlines, variables: variables, now: now)
    }

    @Test func sampleFeedsBuildWithoutErrors() throws {
        let (feeds, diagnostics) = try Self.sampleFeeds()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(feeds.count == 4)
        for feed in feeds { #expect(!feed.items.isEmpty) }
    }

    @Test func urgentFirstAndExpiredLeftOut() throws {
        let (feeds, _) = try Self.sampleFeeds()
        let stop = try #require(feeds.first { $0.screen.id == "bus-stop" })
        #expect(stop.items.first?.id == "urgent-cleanup")
        #expect(stop.items.first?.priority == .urgent)
        #expect(!stop.items.contains { $0.id == "urgent-snow" })
    }

    @Test func templatesAreFilledAndHeadlinesAreNewestFirst() throws {
        let (feeds, _) = try Self.sampleFeeds()
        let board = try #require(feeds.first { $0.screen.id == "building-board" })
        let countdown = try #require(board.items.first { $0.id == "countdown-inspection" })
        #expect(countdown.pages.flatMap(\.lines).joined().contains("还有42天"))
        #expect(board.items.filter { $0.group == "headlines" }.map(\.id) == ["newer", "older"])
    }

    @Test func coreValuesAreTheTwelveTerms() throws {
        #expect(BuiltinGroup.coreValueTerms.joined() == "富强民主文明和谐自由平等公正法治爱国敬业诚信友善")
        #expect(BuiltinGroup.coreValueTerms.joined().count == 24)
        let (feeds, _) = try Self.sampleFeeds()
        let stop = try #require(feeds.first { $0.screen.id == "bus-stop" })
        let item = try #require(stop.items.first { $0.group == "core-values" })
        #expect(item.pages.map(\.lines) == [["富强民主文明和谐自由平等", "公正法治爱国敬业诚信友善"]])
    }

    @Test func txtExportsDecodeAndFitTheScreen() throws {
        let (feeds, _) = try Self.sampleFeeds()
        for feed in feeds {
            let files = LEDExporter.files(for: feed, timeZone: Self.tz)
            let texts = files.filter { !$0.relativePath.contains("/") && $0.relativePath.hasSuffix(".txt") }
            #expect(Set(texts.map(\.relativePath)) == Set(feed.groups.map { "\($0).txt" }))
            for file in texts {
                #expect(!file.data.starts(with: [0xEF, 0xBB, 0xBF]))
                let pages = try #require(LEDExporter.pages(fromGroupText: file.data, charset: feed.screen.charset))
                let group = String(file.relativePath.dropLast(4))
                #expect(pages == feed.items.filter { $0.group == group }.flatMap(\.pages).map(\.lines))
                #expect(LEDEncoder.unencodable(in: pages.flatMap { $0 }.joined(), charset: feed.screen.charset).isEmpty)
                for page in pages {
                    #expect(page.count <= feed.screen.layout.linesPerPage || feed.screen.mode == .scrollUp)
                    for line in page where feed.screen.mode != .scrollLeft {
                        #expect(LayoutUnit.width(of: line, font: feed.screen.font) <= feed.screen.width, "\(line)")
                    }
                }
                // CRLF only: every LF is preceded by CR.
                let bytes = Array(file.data)
                #expect(bytes.suffix(2) == [0x0D, 0x0A])
                for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
            }
        }
    }

    @Test func txtSeparatesPagesWithAnEmptyLine() {
        let screen = ScreenProfile(id: "s", name: "s", width: 64, height: 16, programs: ["g"])
        let item = LEDProgramItem(
            group: "g", id: "a",
            pages: [LEDPage(lines: ["文明"], stayMilliseconds: 5000), LEDPage(lines: ["城市"], stayMilliseconds: 5000)])
        let feed = ScreenFeed(screen: screen, items: [item], generated: Self.now)
        let file = LEDExporter.groupTexts(feed)
        #expect(file.first?.relativePath == "g.txt")
        #expect(file.first.map { Array($0.data) } == LEDEncoder.encode("文明\r\n\r\n城市\r\n", as: .gb2312))
    }

    @Test func feedJSONHasTheContractShape() throws {
        let (feeds, _) = try Self.sampleFeeds()
        let stop = try #require(feeds.first { $0.screen.id == "bus-stop" })
        let data = LEDExporter.feedJSON(stop, timeZone: Self.tz)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["generated"] as? String == "2026-11-29T12:00:00+08:00")
        let screen = try #require(json["screen"] as? [String: Any])
        #expect(screen["id"] as? String == "bus-stop" && screen["width"] as? Int == 192)
        let programs = try #require(json["programs"] as? [[String: Any]])
        let urgent = try #require(programs.first)
        #expect(urgent["priority"] as? String == "urgent")
        #expect(urgent["until"] as? String == "2026-12-01T20:00:00+08:00")
        let pages = try #require(urgent["pages"] as? [[String: Any]])
        #expect(pages.first?["stay_ms"] as? Int == 5000)
        #expect((pages.first?["lines"] as? [String])?.count == 2)
        let garbage = try #require(programs.first { $0["id"] as? String == "slogan-garbage" })
        let schedule = try #require(garbage["schedule"] as? [String: Any])
        #expect(schedule["windows"] as? [String] == ["06:00-09:00", "17:00-20:00"])
        // Deterministic: same input, same bytes; keys in contract order.
        #expect(LEDExporter.feedJSON(stop, timeZone: Self.tz) == data)
        let text = String(decoding: data, as: UTF8.self)
        let order = ["\n  \"screen\"", "\n  \"generated\"", "\n  \"programs\": ["].compactMap {
            text.range(of: $0)?.lowerBound
        }
        #expect(order.count == 3 && order == order.sorted())
    }

    @Test func vendorExportsCarryScheduleAndPriority() throws {
        let (feeds, _) = try Self.sampleFeeds()
        let board = try #require(feeds.first { $0.screen.id == "building-board" })
        let xml = String(decoding: LEDExporter.huiduXML(board, timeZone: Self.tz), as: UTF8.self)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
        #expect(xml.contains("name=\"urgent urgent urgent-cleanup (1/3)\""))
        #expect(xml.contains("size=\"16\" color=\"#ffff00\""))
        #expect(!xml.contains("urgent-snow"))
        #expect(xml == String(decoding: LEDExporter.huiduXML(board, timeZone: Self.tz), as: UTF8.self))

        let stop = try #require(feeds.first { $0.screen.id == "bus-stop" })
        let onbon = LEDExporter.onbon(stop, timeZone: Self.tz)
        #expect(onbon.first?.relativePath == "onbon/01-urgent-cleanup.txt")
        let playlist = try #require(onbon.first { $0.relativePath == "onbon/playlist.txt" })
        let text = try #require(LEDEncoder.decode(Array(playlist.data), as: .gb2312))
        #expect(text.contains("紧急") && text.contains("2026-12-01 20:00") && text.contains("06:00-09:00"))
    }

    @Test func scrollLeftScreenGetsOneLinePerMessage() throws {
        let (feeds, _) = try Self.sampleFeeds()
        let strip = try #require(feeds.first { $0.screen.id == "bus-strip" })
        for item in strip.items {
            #expect(item.pages.count == 1 && item.pages[0].lines.count == 1)
        }
    }

    @Test func characterOutsideTheCharsetIsAnErrorWithItsPlace() throws {
        let screens = """
            screens:
              - {id: a, name: A, width: 192, height: 32, charset: gb2312, programs: [s]}
              - {id: b, name: B, width: 64, height: 32, charset: gb2312, programs: [s]}
              - {id: c, name: C, width: 64, height: 32, charset: gb18030, programs: [s]}
            """
        let messages = "messages:\n  - id: m\n    group: s\n    text: 朱镕基同志😀\n"
        let (content, parse) = LEDContent.parse(screens: screens, messages: messages, timeZone: Self.tz)
        #expect(parse.isEmpty)
        let (_, diagnostics) = LEDFeedBuilder.feeds(
            content: content, headlines: [], variables: Self.variables, now: Self.now)
        #expect(diagnostics.count == 2)
        let first = try #require(diagnostics.first)
        #expect(first.severity == .error && first.code == "led.charset")
        #expect(first.file == LEDContent.messagesFile && first.line == 4 && first.column == 12)
        #expect(first.message.contains("'镕' (U+9555)"))
        #expect(first.message.contains("screens 'a', 'b'"))
        #expect(first.message.contains("charset to gbk"))
        #expect(diagnostics.last?.message.contains("U+1F600") == true)
        #expect(diagnostics.last?.message.contains("gb18030") == true)
    }

    @Test func characterFromAVariableNamesTheVariable() throws {
        let screens = "screens:\n  - {id: a, name: A, width: 192, height: 32, programs: [s]}\n"
        let messages = "messages:\n  - id: m\n    group: s\n    template: 最新：{latest_headline}\n"
        let (content, _) = LEDContent.parse(screens: screens, messages: messages, timeZone: Self.tz)
        var variables = Self.variables
        variables.latestHeadline = "朱镕基"
        let (_, diagnostics) = LEDFeedBuilder.feeds(
            content: content, headlines: [], variables: variables, now: Self.now)
        #expect(diagnostics.first?.message.contains("{latest_headline}") == true)
        #expect(diagnostics.first?.column == 18)
    }

    @Test func fitReportsTheColumn() {
        let settings = LayoutSettings(width: 64, height: 32)
        let (pages, diagnostics) = LEDFeedBuilder.fit("文明A镕", settings: settings, charset: .gb2312)
        #expect(pages == [["文明A镕"]] || pages.first?.first == "文明A")
        #expect(diagnostics.first?.description.hasPrefix("<text>:1:4: error: character '镕' (U+9555)") == true)
    }
}
