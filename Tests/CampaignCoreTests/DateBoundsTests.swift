import Foundation
import Testing

@testable import CampaignCore

/// Dates outside 1949–2100 are typos: refused with file:line instead of stretching charts and countdowns
/// over centuries; `18:30:60` is not a time.
@Suite struct DateBoundsTests {
    let shanghai = ProgressFixture.shanghai

    @Test(arguments: ["1949-01-01", "2100-12-31 23:59", "2026-11-29T12:00:00+08:00"])
    func datesInsideTheWindowAreAccepted(text: String) throws {
        let date = try #require(ContentDate.parse(text, timeZone: shanghai))
        #expect(ContentDate.isWithinBounds(date, in: shanghai))
    }

    @Test(arguments: ["0001-01-01", "1948-12-31", "2101-01-01", "9999-12-31"])
    func datesOutsideTheWindowAreOutOfBounds(text: String) throws {
        let date = try #require(ContentDate.parse(text, timeZone: shanghai))
        #expect(!ContentDate.isWithinBounds(date, in: shanghai))
    }

    @Test(arguments: ["2026-11-29 18:30:60", "2026-11-29T23:59:60Z"])
    func sixtySecondsIsNotATime(text: String) {
        #expect(ContentDate.parse(text, timeZone: shanghai) == nil)
    }

    @Test func aNewsDateInYearOneIsAnErrorOnItsLine() throws {
        let text = "---\ntitle: 标题\ndate: 0001-01-01\n---\n正文\n"
        let (item, _, diagnostics) = NewsItem.parse(
            text, file: "Content/news/a.md", fileName: "a.md", site: ProgressFixture.site)
        #expect(item == nil)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.code == "news.date")
        #expect(error.line == 3)
        #expect(error.message.contains("1949"))
    }

    @Test func aLedgerRowInYearOneIsAnErrorOnItsLine() throws {
        let text = """
            id,found,source,district,unit,problem,deadline,status,closed
            L1,0001-01-01,督查,城关区,市城管委,背街小巷垃圾堆放,2026-11-25,open,
            L2,2026-11-21,暗访,城关区,市城管委,占道经营,2026-11-28,open,

            """
        let (rows, diagnostics) = LedgerProblem.load(csv: text, file: "ledger.csv", site: ProgressFixture.site)
        #expect(rows.map(\.id) == ["L2"])
        let error = try #require(diagnostics.first)
        #expect(error.line == 2)
        #expect(error.file == "ledger.csv")
        #expect(error.message.contains("超出允许范围"))
    }

    @Test func theBurnDownCoversAtMostThreeYearsAndKeepsItsTotals() throws {
        let (data, _) = ProgressFixture.data()
        var ledger = data.ledger
        var old = try #require(ledger.first)
        old.id = "L0"
        old.found = try #require(ProgressDay("1950-01-01"))
        old.status = .open
        old.closed = nil
        ledger.append(old)
        let report = ProgressReport.make(
            indicators: [], ledger: ledger, daily: [], site: ProgressFixture.site, now: ProgressFixture.now)
        #expect(report.burnDown.count == ProgressReport.maximumBurnDownDays)
        // The open figure of the last day is still every open problem, the old one included.
        #expect(report.burnDown.last?.open == ledger.filter { $0.status == .open }.count)
        #expect(report.burnDown.first?.open == 1)
    }
}
