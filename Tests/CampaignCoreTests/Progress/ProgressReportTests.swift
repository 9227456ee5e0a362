import Foundation
import Testing

@testable import CampaignCore

@Suite struct ProgressReportTests {
    let report = ProgressFixture.report()

    @Test func overallAndLevel1Counts() {
        let c = report.indicators
        #expect((c.total, c.met, c.inProgress, c.unmet) == (13, 7, 2, 4))
        #expect(c.percentText == "53.8%" && c.percent == 53.8)
        #expect(report.level1.map(\.name) == ["政务环境", "生活环境", "创建活动"])
        #expect(report.level1.map(\.counts.met) == [1, 4, 2])
        #expect(report.level1.map(\.counts.inProgress) == [1, 1, 0])
        #expect(report.level1.map(\.counts.unmet) == [1, 1, 2])
        #expect(report.level1.map(\.counts.percentText) == ["33.3%", "66.7%", "50.0%"])
    }

    @Test func perUnitIndicatorsAndLedger() throws {
        #expect(report.units.map(\.slug) == ProgressFixture.site.units.map(\.slug))
        let urban = try #require(report.units.first { $0.name == "市城管委" })
        #expect((urban.indicators.total, urban.indicators.met) == (3, 1))
        #expect(urban.indicatorList.map(\.id) == ["1.1.2", "1.2.1", "2.1.1"])
        #expect((urban.ledger.total, urban.ledger.open, urban.ledger.closed, urban.ledger.overdue) == (3, 1, 2, 1))
        #expect(urban.openProblems.map(\.id) == ["L2"])
        #expect(urban.openProblems.first?.daysOverdue == 1)
        let office = try #require(report.units.first { $0.slug == "civilization-office" })
        #expect(office.openProblems.map(\.overdue) == [false])  // deadline is today: still in time
        let idle = try #require(report.units.first { $0.slug == "civil-affairs" })
        #expect(idle.indicators.total == 0 && idle.rank == nil && idle.ledger.total == 0)
    }

    @Test func hardwareNotMet() {
        #expect(report.hardwareNotMet.map(\.id) == ["1.1.2", "1.2.1"])
        #expect(report.hardwareNotMet.map(\.statusLabel) == ["未达标", "推进中"])
        #expect((report.hardware.total, report.hardware.met) == (3, 1))
    }

    @Test func ledgerOverallAndPerDistrict() {
        let l = report.ledger
        #expect((l.total, l.open, l.closed, l.overdue) == (5, 3, 2, 2))
        #expect(report.districts.map(\.slug) == ["chengguan", "qilihe"])
        #expect(report.districts.map(\.counts.open) == [2, 1])
        #expect(report.districts.map(\.counts.closed) == [1, 1])
        #expect(report.districts.map(\.counts.overdue) == [2, 0])
    }

    @Test func burnDownDayByDay() throws {
        let points = report.burnDown
        #expect(points.first?.date.description == "2026-11-20")
        #expect(points.last?.date.description == "2026-11-29")
        #expect(points.map(\.open) == [1, 2, 3, 2, 3, 3, 3, 3, 3, 3])
        let day22 = try #require(points.first { $0.date.description == "2026-11-22" })
        #expect((day22.found, day22.closed) == (2, 1))
    }

    @Test func latestDailyAndTrend() throws {
        let latest = try #require(report.latestDaily)
        #expect(latest.totals.date.description == "2026-11-28")  // the 11-30 row is in the future
        #expect((latest.totals.checked, latest.totals.found, latest.totals.fixed) == (38, 7, 6))
        #expect(latest.units.map(\.unit) == ["市文明办", "市城管委"])
        #expect(report.dailyTrend.map(\.date.description).first == "2026-11-22")
        #expect(report.dailyTrend.map(\.checked) == [32, 0, 0, 0, 0, 0, 38])
        #expect(report.dailyTrend.map(\.units) == [2, 0, 0, 0, 0, 0, 2])
    }

    @Test(arguments: [
        ("2026-11-29T12:00:00+08:00", 42),
        ("2026-11-29T23:59:00+08:00", 42),
        ("2026-11-29T16:30:00Z", 41),  // already 11-30 in Lanzhou
        ("2027-01-10T08:00:00+08:00", 0),
        ("2027-01-12T08:00:00+08:00", -2),
    ])
    func daysToInspectionInSiteTimeZone(now: String, days: Int) throws {
        let date = try #require(ContentDate.parse(now, timeZone: .gmt))
        let report = ProgressFixture.report(now: date)
        #expect(report.daysToInspection == days)
        #expect(report.ledVariables["days_to_inspection"] == String(days))
    }

    @Test func rankingBreaksTiesByCountThenName() {
        #expect(report.ranking.map(\.unit) == ["市文明办", "市商务局", "市交通委", "市教育局", "市城管委"])
        #expect(report.ranking.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(report.ranking.map(\.counts.percentText) == ["100.0%", "50.0%", "50.0%", "50.0%", "33.3%"])
        #expect(report.units.first { $0.name == "市商务局" }?.rank == 2)
    }

    @Test func ledFigures() {
        #expect(report.indicatorsMet == 7 && report.indicatorsTotal == 13)
        #expect(report.ledVariables == ["days_to_inspection": "42", "indicators_met": "7", "indicators_total": "13"])
    }

    @Test func encodesAsJSONWithPlainDates() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"asOf\":\"2026-11-29\""))
        #expect(try JSONDecoder().decode(ProgressReport.self, from: data) == report)
    }

    @Test(arguments: [(0, 0, 0), (1, 3, 333), (2, 3, 667), (1, 8, 125), (5, 9, 556), (3, 3, 1000)])
    func percentRoundsHalfUp(part: Int, total: Int, tenths: Int) {
        #expect(ProgressReport.tenthsOfPercent(part, of: total) == tenths)
    }
}

@Suite struct ProgressDayTests {
    @Test(arguments: [
        ("2026-11-05", "2026-11-05"), ("2026/11/05", "2026-11-05"), ("2026-11-5", "2026-11-05"),
        ("2026/1/9", "2026-01-09"), ("2024-02-29", "2024-02-29"),
    ])
    func acceptsSpreadsheetForms(text: String, expected: String) throws {
        #expect(try #require(ProgressDay(text)).description == expected)
    }

    @Test(arguments: [
        "2026-11/05", "2026-13-01", "2025-02-29", "26-11-05", "2026-11-05x", "2026-11", "",
        "2026-011-05", "2026--05",
    ])
    func rejectsOtherText(text: String) {
        #expect(ProgressDay(text) == nil)
    }
}
