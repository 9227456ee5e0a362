import Foundation
import Testing

@testable import CampaignCore

@Suite struct ContentDateTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test(arguments: [
        ("2016-12-05", "2016-12-05T00:00:00+08:00"),
        ("2016-12-05 09:30", "2016-12-05T09:30:00+08:00"),
        ("2016-12-05T09:30:15", "2016-12-05T09:30:15+08:00"),
        ("2016-12-05T01:30:00Z", "2016-12-05T09:30:00+08:00"),
        ("2016-12-05T09:30:00+08:00", "2016-12-05T09:30:00+08:00"),
        ("2016-02-29", "2016-02-29T00:00:00+08:00"),
    ])
    func parsesAcceptedForms(input: String, expected: String) throws {
        let date = try #require(ContentDate.parse(input, timeZone: shanghai))
        #expect(ContentDate.rfc3339(date, in: shanghai) == expected)
    }

    @Test(arguments: ["2016-13-01", "2015-02-29", "2016-12-5", "yesterday", "2016-12-05 25:00", "2016-12-05x", ""])
    func rejectsBadDates(input: String) {
        #expect(ContentDate.parse(input, timeZone: shanghai) == nil)
    }

    /// The digits written straight into the string agree with Foundation's formatters, in time zones east
    /// and west of UTC, at UTC and at a half-hour offset, over dates from 1949 to 2100.
    @Test(arguments: ["Asia/Shanghai", "UTC", "America/Los_Angeles", "Asia/Kolkata"])
    func formatsAsFoundationDoes(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let iso = ISO8601DateFormatter()
        iso.timeZone = timeZone
        func formatter(_ format: String) -> DateFormatter {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.calendar = Calendar(identifier: .gregorian)
            f.timeZone = timeZone
            f.dateFormat = format
            return f
        }
        let minute = formatter("yyyy-MM-dd HH:mm")
        let day = formatter("yyyy-MM-dd")
        var seconds: Int64 = -662_716_800  // 1949-01-01
        while seconds < 4_133_980_800 {  // 2101-01-01
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(ContentDate.rfc3339(date, in: timeZone) == iso.string(from: date))
            #expect(ContentDate.minuteString(date, in: timeZone) == minute.string(from: date))
            #expect(ContentDate.dayString(date, in: timeZone) == day.string(from: date))
            seconds += 3_600_000 + 7_919  // a little over 41 days, so times of day vary too
        }
    }

    @Test func formatsMinuteAndDays() throws {
        let a = try #require(ContentDate.parse("2016-12-05 23:59", timeZone: shanghai))
        let b = try #require(ContentDate.parse("2016-12-07 00:01", timeZone: shanghai))
        #expect(ContentDate.minuteString(a, in: shanghai) == "2016-12-05 23:59")
        #expect(ContentDate.chineseDayString(a, in: shanghai) == "2016年12月5日")
        #expect(ContentDate.daysBetween(a, b, in: shanghai) == 2)
    }
}

@Suite struct SlugTests {
    @Test(arguments: ["news-1", "a", "2016-mobilisation"])
    func acceptsValidSlugs(slug: String) { #expect(Slug.isValid(slug)) }

    @Test(arguments: ["../../etc", "a/b", "Upper", "中文", "", "a b", "a.b"])
    func rejectsPathsAndOtherCharacters(slug: String) { #expect(!Slug.isValid(slug)) }

    @Test func dropsDatePrefixFromFileName() {
        #expect(Slug.fromFileName("2016-12-05-mobilisation-meeting.md") == "mobilisation-meeting")
        #expect(Slug.fromFileName("about.md") == "about")
    }
}

@Suite struct FieldReaderTests {
    @Test func reportsMissingWrongTypeAndUnknownWithPositions() throws {
        let yaml = """
            title:
              - a list
            date: 2016-12-45
            titel: typo
            """
        let sink = FieldReader.Sink()
        let r = try #require(FieldReader.parse(yaml, file: "x.md", lineOffset: 1, codePrefix: "news", sink: sink))
        _ = r.string("title", required: true)
        _ = r.date("date", required: true, timeZone: .gmt)
        _ = r.string("summary", required: false)
        r.reportUnknownKeys()
        let d = sink.diagnostics
        #expect(d.count == 3)
        #expect(d.contains { $0.code == "news.title" && $0.line == 3 && $0.severity == .error })
        #expect(d.contains { $0.code == "news.date" && $0.line == 4 && $0.column == 7 })
        #expect(d.contains { $0.code == "news.unknown-field" && $0.line == 5 && $0.severity == .warning })
    }

    @Test func brokenYAMLGivesLineAndColumn() {
        let sink = FieldReader.Sink()
        let r = FieldReader.parse(
            "title: \"unclosed\ndate: x\n", file: "x.md", lineOffset: 1, codePrefix: "news",
            sink: sink)
        #expect(r == nil)
        #expect(sink.diagnostics.first?.code == "news.yaml")
        #expect((sink.diagnostics.first?.line ?? 0) >= 2)
    }

    @Test func suggestsCloseNames() {
        #expect(Suggestion.closest(to: "城官区", in: ["城关区", "七里河区"]) == "城关区")
        #expect(Suggestion.closest(to: "完全不同", in: ["城关区"]) == nil)
    }
}

@Suite struct SiteConfigTests {
    @Test func sampleSiteParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Content/site.yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let (config, diagnostics) = SiteConfig.parse(text, file: "Content/site.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let site = try #require(config)
        #expect(site.district(named: "城关区")?.slug == "chengguan")
        #expect(site.domain == "wmcj.lanzhou.example.gov.cn")
        #expect(site.reviewRequired)
    }

    @Test func reportsBadSlugAndMissingSections() {
        let (config, diagnostics) = SiteConfig.parse(
            "title: x\nbase_url: ftp://x\ndistricts:\n  - {name: 城关区, slug: ../x}\n", file: "site.yml")
        #expect(config == nil)
        #expect(diagnostics.contains { $0.code == "site.base_url" })
        #expect(diagnostics.contains { $0.code == "site.slug" && $0.line == 4 })
        #expect(diagnostics.contains { $0.code == "site.campaign" })
    }
}

@Suite struct FrontMatterTests {
    @Test func splitsFencesAndCountsBodyLine() throws {
        let (fm, d) = FrontMatter.split("---\ntitle: 标题\ndate: 2026-11-01\n---\n正文\n", file: "a.md", code: "news")
        let front = try #require(fm)
        #expect(d.isEmpty)
        #expect(front.yaml == "title: 标题\ndate: 2026-11-01\n")
        #expect(front.body == "正文\n")
        #expect(front.bodyStartLine == 5)
    }

    @Test func crlfAndBOMAreAccepted() throws {
        let (fm, _) = FrontMatter.split("\u{FEFF}---\r\ntitle: x\r\n---\r\nbody", file: "a.md", code: "news")
        #expect(try #require(fm).body == "body")
    }

    @Test(arguments: ["no fence\n", "---\ntitle: x\n"])
    func missingOrUnclosedFenceIsAnError(text: String) {
        let (fm, d) = FrontMatter.split(text, file: "a.md", code: "news")
        #expect(fm == nil)
        #expect(d.first?.code == "news.front-matter")
    }
}
