import CampaignCore
import Foundation

/// The progress dashboard: `progress/index.html`, one `progress/units/<slug>/index.html` per unit and
/// `progress/progress.json`.
///
/// Every figure on the pages comes from the one `ProgressReport` that is also written as JSON. Templates
/// mark each figure with `data-figure="<path>"`, the snake_case key path of the same value in
/// `progress.json` (`indicators.met`, `units.3.ledger.open`), so a reader or a test can check the two
/// against each other; the contexts below carry the path of each object as `path`.
extension SiteRenderer {
    /// The dashboard's site path.
    static let progressPath = "/progress/"

    /// A unit page's site path.
    static func progressUnitPath(_ slug: String) -> String { "\(progressPath)units/\(slug)/" }

    /// Renders the dashboard; nothing when the site has no progress data.
    func renderProgress() -> Output {
        guard let report = content.progress else { return Output() }
        var output = Output()
        let source = "\(options.contentDisplay)/progress"
        for template in ["progress", "progress-unit"] where !theme.templateNames.contains(template) {
            output.diagnostics.append(
                .warning(
                    "theme has no template '\(template)', so the progress dashboard is not built; "
                        + "copy templates/\(template).mustache from the default theme", code: "theme.missing",
                    file: options.themeDisplay))
        }
        guard output.diagnostics.isEmpty else { return output }

        do {
            output.merge(write(try ProgressJSON.encode(report), to: "progress/progress.json", source: source))
        } catch {
            output.diagnostics.append(
                .error("cannot encode progress.json: \(error)", code: "output.write", file: source))
        }

        let context = layout.context(
            title: "创建进度", column: "创建进度", path: Self.progressPath,
            extra: ["progress": progressContext(report)])
        var index = emit(
            "progress", context, to: Self.file(for: Self.progressPath), source: source,
            search: SearchEntry(.section, title: "创建进度", path: Self.progressPath))
        index.sitemap.append(SitemapEntry(path: Self.progressPath, lastModified: nil))
        output.merge(index)

        for (offset, unit) in report.units.enumerated() {
            let path = Self.progressUnitPath(unit.slug)
            let unitContext = layout.context(
                title: "\(unit.name) 责任清单", column: "创建进度", path: path,
                extra: ["progress": commonContext(report), "unit": unitContext(unit, offset: offset, report: report)])
            var page = emit(
                "progress-unit", unitContext, to: Self.file(for: path), source: source,
                search: SearchEntry(.section, title: "\(unit.name) 责任清单", path: path))
            page.sitemap.append(SitemapEntry(path: path, lastModified: nil))
            output.merge(page)
        }
        return output
    }

    // MARK: - Contexts

    /// What both page kinds show: the as-of day and the countdown.
    func commonContext(_ report: ProgressReport) -> [String: Any] {
        var context: [String: Any] = [
            "campaign_name": report.campaignName,
            "as_of": dayContext(report.asOf, path: "as_of"),
        ]
        if let inspection = report.inspectionDate, let days = report.daysToInspection {
            context["countdown"] =
                [
                    "days": days, "date": dayContext(inspection, path: "inspection_date"), "passed": days < 0,
                    "today": days == 0, "ahead": days > 0,
                ] as [String: Any]
        }
        return context
    }

    /// The dashboard page's figures.
    func progressContext(_ report: ProgressReport) -> [String: Any] {
        var context = commonContext(report)
        context["indicators"] = countsContext(report.indicators, path: "indicators")
        context["hardware"] = countsContext(report.hardware, path: "hardware")
        context["ledger"] = ledgerContext(report.ledger, path: "ledger")

        if let latest = report.latestDaily {
            context["latest_daily"] =
                [
                    "path": "latest_daily",
                    "totals": dailyPointContext(latest.totals, path: "latest_daily.totals"),
                    "units": latest.units.enumerated().map { offset, row -> [String: Any] in
                        [
                            "path": "latest_daily.units.\(offset)", "unit": row.unit,
                            "url": Self.progressUnitPath(row.unitSlug), "checked": row.checked, "found": row.found,
                            "fixed": row.fixed,
                        ]
                    },
                    "has_units": !latest.units.isEmpty,
                ] as [String: Any]
            context["daily_trend"] = report.dailyTrend.enumerated().map {
                dailyPointContext($0.element, path: "daily_trend.\($0.offset)")
            }
        }

        context["charts"] = ProgressCharts.charts(report).map(chartContext)

        context["hardware_not_met"] = report.hardwareNotMet.enumerated().map {
            indicatorContext($0.element, path: "hardware_not_met.\($0.offset)")
        }
        context["has_hardware_not_met"] = !report.hardwareNotMet.isEmpty
        context["hardware_not_met_count"] = report.hardwareNotMet.count

        context["ranking"] = report.ranking.enumerated().map { offset, entry -> [String: Any] in
            [
                "path": "ranking.\(offset)", "rank": entry.rank, "unit": entry.unit,
                "url": Self.progressUnitPath(entry.unitSlug),
                "counts": countsContext(entry.counts, path: "ranking.\(offset).counts"),
            ]
        }
        context["has_ranking"] = !report.ranking.isEmpty

        context["units"] = report.units.enumerated().map { offset, unit -> [String: Any] in
            [
                "path": "units.\(offset)", "name": unit.name, "url": Self.progressUnitPath(unit.slug),
                "ledger": ledgerContext(unit.ledger, path: "units.\(offset).ledger"),
            ]
        }
        context["districts"] = report.districts.enumerated().map { offset, district -> [String: Any] in
            [
                "path": "districts.\(offset)", "name": district.name,
                "counts": ledgerContext(district.counts, path: "districts.\(offset).counts"),
            ]
        }
        return context
    }

    /// One unit page's figures; `offset` is the unit's place in `report.units`.
    func unitContext(_ unit: ProgressReport.UnitProgress, offset: Int, report: ProgressReport) -> [String: Any] {
        let path = "units.\(offset)"
        var context: [String: Any] = [
            "path": path, "name": unit.name, "slug": unit.slug,
            "indicators": countsContext(unit.indicators, path: "\(path).indicators"),
            "ledger": ledgerContext(unit.ledger, path: "\(path).ledger"),
            "indicator_list": unit.indicatorList.enumerated().map {
                indicatorContext($0.element, path: "\(path).indicator_list.\($0.offset)")
            },
            "has_indicators": !unit.indicatorList.isEmpty,
            "open_problems": unit.openProblems.enumerated().map {
                problemContext($0.element, path: "\(path).open_problems.\($0.offset)")
            },
            "has_open_problems": !unit.openProblems.isEmpty,
        ]
        if let rank = unit.rank {
            context["rank"] = rank
            context["has_rank"] = true
            context["ranking_count"] = report.ranking.count
        }
        return context
    }

    func countsContext(_ counts: ProgressReport.IndicatorCounts, path: String) -> [String: Any] {
        [
            "path": path, "total": counts.total, "met": counts.met, "in_progress": counts.inProgress,
            "unmet": counts.unmet, "percent_text": counts.percentText,
        ]
    }

    func ledgerContext(_ counts: ProgressReport.LedgerCounts, path: String) -> [String: Any] {
        [
            "path": path, "total": counts.total, "open": counts.open, "closed": counts.closed,
            "overdue": counts.overdue, "has_overdue": counts.overdue > 0,
        ]
    }

    func dailyPointContext(_ point: ProgressReport.DailyPoint, path: String) -> [String: Any] {
        [
            "path": path, "date": dayContext(point.date, path: "\(path).date"), "checked": point.checked,
            "found": point.found, "fixed": point.fixed, "units": point.units,
        ]
    }

    /// A day for `<time datetime="{{iso}}" data-figure="{{path}}">{{text}}</time>`.
    func dayContext(_ day: ProgressDay, path: String) -> [String: Any] {
        let c = day.components
        return ["path": path, "iso": day.description, "text": "\(c.year)年\(c.month)月\(c.day)日"]
    }

    func indicatorContext(_ entry: ProgressReport.IndicatorEntry, path: String) -> [String: Any] {
        var context: [String: Any] = [
            "path": path, "id": entry.id, "level1": entry.level1, "level2": entry.level2, "content": entry.content,
            "methods": entry.methods.joined(separator: "、"), "unit": entry.unit,
            "url": Self.progressUnitPath(entry.unitSlug), "hardware": entry.hardware,
            "status": statusContext(entry.status, path: "\(path).status_label"),
        ]
        if let updated = entry.updated { context["updated"] = dayContext(updated, path: "\(path).updated") }
        return context
    }

    /// A status as a word and a symbol, so it never depends on colour.
    func statusContext(_ status: Indicator.Status, path: String) -> [String: Any] {
        let (symbol, name): (String, String)
        switch status {
        case .met: (symbol, name) = ("✔", "met")
        case .inProgress: (symbol, name) = ("◐", "in-progress")
        case .unmet: (symbol, name) = ("✘", "unmet")
        }
        return ["path": path, "label": status.label, "symbol": symbol, "class": name]
    }

    func problemContext(_ entry: ProgressReport.ProblemEntry, path: String) -> [String: Any] {
        [
            "path": path, "id": entry.id, "found": dayContext(entry.found, path: "\(path).found"),
            "source": entry.source, "district": entry.district, "problem": entry.problem,
            "deadline": dayContext(entry.deadline, path: "\(path).deadline"), "overdue": entry.overdue,
            "days_overdue": entry.daysOverdue,
        ]
    }

    func chartContext(_ chart: ProgressCharts.Chart) -> [String: Any] {
        let rows = chart.table.rows.map { row -> [String: Any] in
            let cells = row.enumerated().map { ["text": $0.element, "header": $0.offset == 0] as [String: Any] }
            return ["cells": cells]
        }
        return [
            "kind": chart.kind.rawValue, "title": chart.title, "svg": Self.inlineSVG(chart.svg),
            "summary": Self.chartSummary(chart.svg),
            "table": [
                "caption": chart.table.caption,
                "columns": chart.table.columns.enumerated().map {
                    ["text": $0.element, "num": $0.offset > 0] as [String: Any]
                },
                "rows": rows, "is_empty": rows.isEmpty,
            ] as [String: Any],
        ]
    }

    // MARK: - SVG

    /// The chart's SVG as an element inside HTML: no XML declaration or doctype, no trailing blank line.
    static func inlineSVG(_ svg: String) -> String {
        var text = Substring(svg)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = text[end.upperBound...] }
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        if text.hasPrefix("<!DOCTYPE"), let end = text.firstIndex(of: ">") { text = text[text.index(after: end)...] }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
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
