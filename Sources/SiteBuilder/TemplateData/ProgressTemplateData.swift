import CampaignCore
import Foundation
import ThemeTemplates

/// The progress dashboard's figures. Every object carries `path`, the snake_case key path of the same
/// value in `progress/progress.json`, which templates put in `data-figure` (docs/theme.md).
enum ProgressFigures {
    typealias Report = ProgressReport

    static func unitPath(_ slug: String) -> String { "/progress/units/\(slug)/" }

    /// A day for `<time datetime="{{iso}}" data-figure="{{path}}">{{text}}</time>`.
    struct Day: TemplateModel {
        static let summary = "A day: `iso`, Chinese `text` and `path`."

        var day: ProgressDay
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path in progress.json") { .text($0.path) },
            .init("iso", "`YYYY-MM-DD`") { .text($0.day.description) },
            .init("text", "2026年11月29日") {
                let c = $0.day.components
                return .text("\(c.year)年\(c.month)月\(c.day)日")
            },
        ])
    }

    /// Indicator counts.
    struct Counts: TemplateModel {
        static let summary = "Indicator counts: `total`, `met`, `in_progress`, `unmet`, `percent_text`."

        var counts: Report.IndicatorCounts
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("total", "indicators") { .number($0.counts.total) },
            .init("met", "达标") { .number($0.counts.met) },
            .init("in_progress", "推进中") { .number($0.counts.inProgress) },
            .init("unmet", "未达标") { .number($0.counts.unmet) },
            .init("percent_text", "share met as text") { .text($0.counts.percentText) },
        ])
    }

    /// Problem-ledger counts.
    struct Ledger: TemplateModel {
        static let summary = "Problem-ledger counts: `total`, `open`, `closed`, `overdue`."

        var counts: Report.LedgerCounts
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("total", "problems") { .number($0.counts.total) },
            .init("open", "not closed") { .number($0.counts.open) },
            .init("closed", "closed") { .number($0.counts.closed) },
            .init("overdue", "overdue") { .number($0.counts.overdue) },
            .init("has_overdue", "true when some are overdue") { .bool($0.counts.overdue > 0) },
        ])
    }

    /// One day of the daily inspection summary.
    struct DailyPoint: TemplateModel {
        static let summary = "A day of the daily summary: `checked`, `found`, `fixed`, `units`."

        var point: Report.DailyPoint
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("date", "the day (`Day`)") { .object(Day(day: $0.point.date, path: "\($0.path).date")) },
            .init("checked", "places checked") { .number($0.point.checked) },
            .init("found", "problems found") { .number($0.point.found) },
            .init("fixed", "problems fixed") { .number($0.point.fixed) },
            .init("units", "units reporting") { .number($0.point.units) },
        ])
    }

    /// An indicator of the 测评体系.
    struct IndicatorRow: TemplateModel {
        static let summary = "An indicator: ids, levels, content, methods, unit and status."

        var entry: Report.IndicatorEntry
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("id", "indicator id") { .text($0.entry.id) },
            .init("level1", "一级指标") { .text($0.entry.level1) },
            .init("level2", "二级指标") { .text($0.entry.level2) },
            .init("content", "测评内容") { .text($0.entry.content) },
            .init("methods", "测评方法, joined with 、") { .text($0.entry.methods.joined(separator: "、")) },
            .init("unit", "责任单位") { .text($0.entry.unit) },
            .init("url", "the unit's page") { .text(unitPath($0.entry.unitSlug)) },
            .init("hardware", "true for hardware (硬件) indicators") { .bool($0.entry.hardware) },
            .init("status", "`label`, `symbol`, `class` and `path` of its status") {
                .object(IndicatorStatus(status: $0.entry.status, path: "\($0.path).status_label"))
            },
            .init("updated", "the day last updated (`Day`), when known") { row in
                .object(row.entry.updated.map { Day(day: $0, path: "\(row.path).updated") })
            },
        ])
    }

    /// A status as a word and a symbol, so it never depends on colour.
    struct IndicatorStatus: TemplateModel {
        static let summary = "An indicator's status: `label` (达标 …), `symbol` (✔ ◐ ✘), `class`."

        var status: Indicator.Status
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("label", "达标, 推进中 or 未达标") { .text($0.status.label) },
            .init("symbol", "✔, ◐ or ✘") {
                switch $0.status {
                case .met: .text("✔")
                case .inProgress: .text("◐")
                case .unmet: .text("✘")
                }
            },
            .init("class", "`met`, `in-progress` or `unmet`") {
                switch $0.status {
                case .met: .text("met")
                case .inProgress: .text("in-progress")
                case .unmet: .text("unmet")
                }
            },
        ])
    }

    /// An open problem of a unit's ledger.
    struct Problem: TemplateModel {
        static let summary = "An open problem of the ledger."

        var entry: Report.ProblemEntry
        var path: String

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("id", "problem id") { .text($0.entry.id) },
            .init("found", "day found (`Day`)") { .object(Day(day: $0.entry.found, path: "\($0.path).found")) },
            .init("source", "where found") { .text($0.entry.source) },
            .init("district", "district") { .text($0.entry.district) },
            .init("problem", "the problem, masked") { .text($0.entry.problem) },
            .init("deadline", "deadline (`Day`)") {
                .object(Day(day: $0.entry.deadline, path: "\($0.path).deadline"))
            },
            .init("overdue", "true when past the deadline") { .bool($0.entry.overdue) },
            .init("days_overdue", "days past the deadline") { .number($0.entry.daysOverdue) },
        ])
    }

    /// A chart with its data table.
    struct Chart: TemplateModel {
        static let summary = "A chart: inline `svg`, a text `summary` and the same data as `table`."

        var chart: ProgressCharts.Chart

        static let fields = FieldTable<Self>([
            .init("kind", "the chart's kind") { .text($0.chart.kind.rawValue) },
            .init("title", "its title") { .text($0.chart.title) },
            .init("svg", "the SVG element (use `{{{svg}}}`)") { .text(inlineSVG($0.chart.svg)) },
            .init("summary", "the chart in one sentence") { .text(chartSummary($0.chart.svg)) },
            .init("table", "`caption`, `columns` (`text`, `num`), `rows` (`cells`: `text`, `header`), `is_empty`") {
                let table = $0.chart.table
                let rows = table.rows.map { row -> TemplateValue in
                    let cells = row.enumerated().map { cell -> TemplateValue in
                        .object(["text": .text(cell.element), "header": .bool(cell.offset == 0)])
                    }
                    return .object(["cells": .list(cells)])
                }
                let columns = table.columns.enumerated().map { column -> TemplateValue in
                    .object(["text": .text(column.element), "num": .bool(column.offset > 0)])
                }
                return .object([
                    "caption": .text(table.caption), "columns": .list(columns), "rows": .list(rows),
                    "is_empty": .bool(rows.isEmpty),
                ])
            },
        ])
    }

    /// What both page kinds show: the as-of day and the countdown.
    struct Common: TemplateModel {
        static let summary = "Both progress pages: `campaign_name`, `as_of`, `countdown`."

        var report: Report

        static let fields = FieldTable<Self>([
            .init("campaign_name", "the campaign's name") { .text($0.report.campaignName) },
            .init("as_of", "the day of the figures (`Day`)") { .object(Day(day: $0.report.asOf, path: "as_of")) },
            .init("countdown", "`days`, `date` (`Day`), `passed`, `today`, `ahead`, when an inspection date is set") {
                guard let inspection = $0.report.inspectionDate, let days = $0.report.daysToInspection else {
                    return .null
                }
                return .object([
                    "days": .number(days), "date": .object(Day(day: inspection, path: "inspection_date")),
                    "passed": .bool(days < 0), "today": .bool(days == 0), "ahead": .bool(days > 0),
                ])
            },
        ])
    }

    /// The chart's SVG as an element inside HTML: no XML declaration or doctype, no trailing blank line.
    static func inlineSVG(_ svg: String) -> String {
        var text = Substring(svg)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = text[end.upperBound...] }
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        if text.hasPrefix("<!DOCTYPE"), let end = text.firstIndex(of: ">") { text = text[text.index(after: end)...] }
        return String(text).trimmingWhitespace()
    }

    /// The text summary of a chart: the content of its SVG `<desc>`, unescaped (the template escapes it again).
    static func chartSummary(_ svg: String) -> String {
        guard let open = svg.range(of: "<desc"), let start = svg[open.upperBound...].firstIndex(of: ">"),
            let close = svg.range(of: "</desc>", range: start..<svg.endIndex)
        else { return "" }
        return xmlUnescape(String(svg[svg.index(after: start)..<close.lowerBound]))
    }

    static func xmlUnescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// `progress`: the dashboard.
struct ProgressPage: PageModel {
    static let summary = "`progress`: the dashboard, under `progress` (also every field of `ProgressFigures.Common`)."

    var chrome: PageChrome
    var report: ProgressReport

    static let fields = FieldTable<Self>([
        .init("progress", "the dashboard's figures (`ProgressPage.Dashboard`)") {
            .object(Dashboard(report: $0.report))
        }
    ])

    struct Dashboard: TemplateModel {
        static let summary = "`progress` on the dashboard: every figure (also the fields of `ProgressFigures.Common`)."

        var report: ProgressReport

        var inherited: (any TemplateObject)? { ProgressFigures.Common(report: report) }

        typealias F = ProgressFigures

        static let fields = FieldTable<Self>([
            .init("indicators", "all indicators (`Counts`)") {
                .object(F.Counts(counts: $0.report.indicators, path: "indicators"))
            },
            .init("hardware", "hardware indicators (`Counts`)") {
                .object(F.Counts(counts: $0.report.hardware, path: "hardware"))
            },
            .init("ledger", "the problem ledger (`Ledger`)") {
                .object(F.Ledger(counts: $0.report.ledger, path: "ledger"))
            },
            .init(
                "latest_daily",
                "the latest daily summary: `path`, `totals`, `units` (`path`, `unit`, `url`, `checked`, `found`, `fixed`), `has_units`"
            ) {
                guard let latest = $0.report.latestDaily else { return .null }
                let units = latest.units.enumerated().map { offset, row -> TemplateValue in
                    .object([
                        "path": .text("latest_daily.units.\(offset)"), "unit": .text(row.unit),
                        "url": .text(F.unitPath(row.unitSlug)), "checked": .number(row.checked),
                        "found": .number(row.found), "fixed": .number(row.fixed),
                    ])
                }
                return .object([
                    "path": .text("latest_daily"),
                    "totals": .object(F.DailyPoint(point: latest.totals, path: "latest_daily.totals")),
                    "units": .list(units), "has_units": .bool(!units.isEmpty),
                ])
            },
            .init("daily_trend", "the daily summary's recent days (`DailyPoint`), when there is one") {
                guard $0.report.latestDaily != nil else { return .null }
                return .list(
                    $0.report.dailyTrend.enumerated().map {
                        F.DailyPoint(point: $0.element, path: "daily_trend.\($0.offset)")
                    })
            },
            .init("charts", "the charts (`Chart`)") { .list(ProgressCharts.charts($0.report).map(F.Chart.init)) },
            .init("hardware_not_met", "hardware indicators not met (`IndicatorRow`)") {
                .list(
                    $0.report.hardwareNotMet.enumerated().map {
                        F.IndicatorRow(entry: $0.element, path: "hardware_not_met.\($0.offset)")
                    })
            },
            .init("has_hardware_not_met", "true when some are not met") { .bool(!$0.report.hardwareNotMet.isEmpty) },
            .init("hardware_not_met_count", "how many") { .number($0.report.hardwareNotMet.count) },
            .init("ranking", "units ranked: `path`, `rank`, `unit`, `url`, `counts` (`Counts`)") {
                .list(
                    $0.report.ranking.enumerated().map { offset, entry -> TemplateValue in
                        .object([
                            "path": .text("ranking.\(offset)"), "rank": .number(entry.rank), "unit": .text(entry.unit),
                            "url": .text(F.unitPath(entry.unitSlug)),
                            "counts": .object(F.Counts(counts: entry.counts, path: "ranking.\(offset).counts")),
                        ])
                    })
            },
            .init("has_ranking", "true when there is a ranking") { .bool(!$0.report.ranking.isEmpty) },
            .init("units", "every unit: `path`, `name`, `url`, `ledger` (`Ledger`)") {
                .list(
                    $0.report.units.enumerated().map { offset, unit -> TemplateValue in
                        .object([
                            "path": .text("units.\(offset)"), "name": .text(unit.name),
                            "url": .text(F.unitPath(unit.slug)),
                            "ledger": .object(F.Ledger(counts: unit.ledger, path: "units.\(offset).ledger")),
                        ])
                    })
            },
            .init("districts", "every district: `path`, `name`, `counts` (`Ledger`)") {
                .list(
                    $0.report.districts.enumerated().map { offset, district -> TemplateValue in
                        .object([
                            "path": .text("districts.\(offset)"), "name": .text(district.name),
                            "counts": .object(F.Ledger(counts: district.counts, path: "districts.\(offset).counts")),
                        ])
                    })
            },
        ])
    }
}

/// `progress-unit`: one unit's 责任清单.
struct ProgressUnitPage: PageModel {
    static let summary = "`progress-unit`: a unit's page, under `unit`, with `progress` (`ProgressFigures.Common`)."

    var chrome: PageChrome
    var report: ProgressReport
    var unit: ProgressReport.UnitProgress
    var offset: Int

    static let fields = FieldTable<Self>([
        .init("progress", "`campaign_name`, `as_of`, `countdown` (`ProgressFigures.Common`)") {
            .object(ProgressFigures.Common(report: $0.report))
        },
        .init("unit", "the unit (`ProgressUnitPage.Unit`)") {
            .object(Unit(unit: $0.unit, path: "units.\($0.offset)", rankingCount: $0.report.ranking.count))
        },
    ])

    struct Unit: TemplateModel {
        static let summary = "`unit`: a unit's indicators and open problems."

        var unit: ProgressReport.UnitProgress
        var path: String
        var rankingCount: Int

        typealias F = ProgressFigures

        static let fields = FieldTable<Self>([
            .init("path", "its key path") { .text($0.path) },
            .init("name", "the unit") { .text($0.unit.name) },
            .init("slug", "its slug") { .text($0.unit.slug) },
            .init("indicators", "its indicator counts (`Counts`)") {
                .object(F.Counts(counts: $0.unit.indicators, path: "\($0.path).indicators"))
            },
            .init("ledger", "its problem counts (`Ledger`)") {
                .object(F.Ledger(counts: $0.unit.ledger, path: "\($0.path).ledger"))
            },
            .init("indicator_list", "its indicators (`IndicatorRow`)") {
                let path = $0.path
                return .list(
                    $0.unit.indicatorList.enumerated().map {
                        F.IndicatorRow(entry: $0.element, path: "\(path).indicator_list.\($0.offset)")
                    })
            },
            .init("has_indicators", "true when it has indicators") { .bool(!$0.unit.indicatorList.isEmpty) },
            .init("open_problems", "its open problems (`Problem`)") {
                let path = $0.path
                return .list(
                    $0.unit.openProblems.enumerated().map {
                        F.Problem(entry: $0.element, path: "\(path).open_problems.\($0.offset)")
                    })
            },
            .init("has_open_problems", "true when it has some") { .bool(!$0.unit.openProblems.isEmpty) },
            .init("rank", "its place in the ranking, when ranked") { $0.unit.rank.map { .number($0) } ?? .null },
            .init("has_rank", "true when ranked") { $0.unit.rank == nil ? .null : .bool(true) },
            .init("ranking_count", "units ranked, when ranked") {
                $0.unit.rank == nil ? .null : .number($0.rankingCount)
            },
        ])
    }
}
