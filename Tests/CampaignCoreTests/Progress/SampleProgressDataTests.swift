import Foundation
import Testing

@testable import CampaignCore

/// The sample campaign's `Content/progress/` files, read with the sample `Content/site.yml`.
@Suite struct SampleProgressDataTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func load() throws -> (SiteConfig, ProgressData, [Diagnostic]) {
        let (config, siteDiagnostics) = SiteConfig.parse(try read("Content/site.yml"), file: "Content/site.yml")
        let site = try #require(config, "\(siteDiagnostics)")
        let (data, diagnostics) = ProgressData.load(
            indicators: try read("Content/progress/indicators.csv"), ledger: try read("Content/progress/ledger.csv"),
            daily: try read("Content/progress/daily.csv"), site: site)
        return (site, data, diagnostics)
    }

    @Test func sampleLoadsCleanly() throws {
        let (_, data, diagnostics) = try Self.load()
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(5))")
        #expect(data.indicators.count >= 400)
        #expect(data.ledger.count >= 250)
    }

    @Test func sampleFigures() throws {
        let (site, data, _) = try Self.load()
        let now = try #require(ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: site.timeZone))
        let report = data.report(site: site, now: now)
        #expect(report.hardwareNotMet.count == 8)
        #expect(report.hardwareNotMet.allSatisfy { $0.status == .unmet })
        #expect(report.hardware.total > 8)
        #expect((0.6...0.8).contains(report.indicators.share))
        #expect(report.level1.count >= 8)
        #expect(report.daysToInspection == 42)
        #expect(report.ledger.open > 0 && report.ledger.overdue > 0 && report.ledger.closed > report.ledger.open)
        #expect(report.burnDown.first?.date == data.ledger.map(\.found).min())
        #expect(report.burnDown.last?.open == report.ledger.open)
        #expect(report.latestDaily?.totals.date.description == "2026-11-28")
        #expect(report.latestDaily?.units.count == site.units.count)
        for chart in ProgressCharts.charts(report) {
            #expect(chart.svg.hasPrefix("<svg "), "\(chart.kind)")
            #expect(!chart.table.rows.isEmpty)
        }
    }

    @Test func dailyHasEveryUnitEveryDay() throws {
        let (site, data, _) = try Self.load()
        let first = try #require(ProgressDay("2026-10-01"))
        let last = try #require(ProgressDay("2026-11-28"))
        let days = last.dayNumber - first.dayNumber + 1
        #expect(data.daily.count == days * site.units.count)
        let keys = Set(data.daily.map { "\($0.date)|\($0.unit.name)" })
        #expect(keys.count == data.daily.count)
        #expect(data.daily.allSatisfy { $0.date >= first && $0.date <= last })
    }
}
