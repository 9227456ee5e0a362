/// The dashboard charts as SVG text, and for each chart the table of the same numbers shown beside it.
///
/// Each SVG is a standalone, well-formed XML document (`role="img"`, `<title>`, `<desc>` with a text
/// summary, a `viewBox` and no fixed size, so CSS scales it). Every colour has at least 4.5:1 contrast
/// against white, and a status is never told by colour alone: met bars are solid, in-progress bars are
/// hatched, unmet bars cross-hatched, with a legend in words and the counts written as text. A page
/// shows `table(kind, report:)` next to `svg(kind, report:)`; both format numbers the same way, so a
/// screen reader or a printout loses nothing. Element ids carry the chart's kind, so all charts can be
/// inlined in one page.
public enum ProgressCharts {
    /// The charts of the dashboard.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A 100% stacked bar per level-1 item: met, in progress, unmet.
        case level1Bars = "level1"
        /// A ring of the overall share of indicators met.
        case overallRing = "overall"
        /// The number of open ledger problems day by day.
        case burnDown = "burndown"
    }

    /// The numbers of a chart as a table: a caption, column headers and rows of cell texts.
    public struct Table: Sendable, Hashable, Codable {
        /// The table caption, the same as the chart title.
        public var caption: String
        /// Column headers.
        public var columns: [String]
        /// Cell texts, row by row, formatted as in the chart.
        public var rows: [[String]]

        /// Creates a table.
        public init(caption: String, columns: [String], rows: [[String]]) {
            self.caption = caption
            self.columns = columns
            self.rows = rows
        }
    }

    /// A chart ready for a page: its kind, title, SVG text and table.
    public struct Chart: Sendable, Hashable, Codable {
        /// Which chart this is.
        public var kind: Kind
        /// The chart heading.
        public var title: String
        /// The SVG document text.
        public var svg: String
        /// The same numbers as a table.
        public var table: Table
    }

    /// All charts of `report`, in page order.
    public static func charts(_ report: ProgressReport) -> [Chart] {
        Kind.allCases.map {
            Chart(kind: $0, title: title($0), svg: svg($0, report: report), table: table($0, report: report))
        }
    }

    /// The heading of a chart.
    public static func title(_ kind: Kind) -> String {
        switch kind {
        case .level1Bars: return "各测评项目指标达标情况"
        case .overallRing: return "测评指标总体达标率"
        case .burnDown: return "问题台账未销号数量走势"
        }
    }

    /// The SVG text of a chart.
    public static func svg(_ kind: Kind, report: ProgressReport) -> String {
        switch kind {
        case .level1Bars: return level1Bars(report)
        case .overallRing: return overallRing(report)
        case .burnDown: return burnDown(report)
        }
    }

    /// The table of a chart's numbers.
    public static func table(_ kind: Kind, report: ProgressReport) -> Table {
        switch kind {
        case .level1Bars:
            var rows = report.level1.map { countRow($0.name, $0.counts) }
            rows.append(countRow("合计", report.indicators))
            return Table(
                caption: title(kind), columns: ["测评项目", "指标数", "已达标", "推进中", "未达标", "达标率"], rows: rows)
        case .overallRing:
            let c = report.indicators
            let rows = Indicator.Status.allCases.map { status -> [String] in
                let n = c.count(status)
                return [status.label, String(n), percent(n, of: c.total)]
            }
            return Table(
                caption: title(kind), columns: ["状态", "指标数", "占比"],
                rows: rows + [["合计", String(c.total), c.total == 0 ? "0.0%" : "100.0%"]])
        case .burnDown:
            let rows = report.burnDown.map {
                [$0.date.description, String($0.found), String($0.closed), String($0.open)]
            }
            return Table(caption: title(kind), columns: ["日期", "当日发现", "当日销号", "未销号"], rows: rows)
        }
    }

    // MARK: - Colours and patterns

    /// Text, axes and outlines (15.4:1 on white).
    static let ink = "#1f2328"
    /// Grid lines and the ring's track (7.0:1).
    static let grey = "#595959"
    /// Met (7.9:1).
    static let green = "#1b5e20"
    /// In progress (6.8:1).
    static let amber = "#8a4b00"
    /// Unmet (6.5:1).
    static let red = "#b3261e"
    /// The burn-down line (8.4:1).
    static let blue = "#0b4f8a"

    static func colour(_ status: Indicator.Status) -> String {
        switch status {
        case .met: return green
        case .inProgress: return amber
        case .unmet: return red
        }
    }

    /// The fill of a status: solid, or a pattern defined by `patterns(prefix:)`.
    static func fill(_ status: Indicator.Status, prefix: String) -> String {
        switch status {
        case .met: return green
        case .inProgress: return "url(#\(prefix)-hatch)"
        case .unmet: return "url(#\(prefix)-cross)"
        }
    }

    static func patterns(prefix: String) -> String {
        """
        <defs>\
        <pattern id="\(prefix)-hatch" width="6" height="6" patternUnits="userSpaceOnUse" \
        patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>\
        <line x1="0" y1="0" x2="0" y2="6" stroke="\(amber)" stroke-width="3"/></pattern>\
        <pattern id="\(prefix)-cross" width="6" height="6" patternUnits="userSpaceOnUse">\
        <rect width="6" height="6" fill="#ffffff"/>\
        <path d="M0,0 L6,6 M6,0 L0,6" stroke="\(red)" stroke-width="1.5"/></pattern>\
        </defs>
        """
    }

    // MARK: - Level-1 bars

    static func level1Bars(_ report: ProgressReport) -> String {
        let prefix = "cp-level1"
        let font = 14
        let longest = report.level1.map { textWidth($0.name, font: font) }.max() ?? 0
        let labelWidth = min(max(longest + 16, 120), 320)
        let barWidth = 360
        let countWidth = 190
        let width = labelWidth + barWidth + countWidth
        let top = 44
        let rowHeight = 32
        let height = top + max(report.level1.count, 1) * rowHeight + 12

        var summary = "共 \(report.level1.count) 个测评项目。"
        summary += report.level1.map { item in
            let c = item.counts
            return "\(item.name)：共 \(c.total) 项，已达标 \(c.met) 项，推进中 \(c.inProgress) 项，"
                + "未达标 \(c.unmet) 项，达标率 \(c.percentText)。"
        }.joined()

        var body = patterns(prefix: prefix)
        body += legend(prefix: prefix, x: labelWidth, y: 12)
        if report.level1.isEmpty {
            body += text("暂无测评指标", x: labelWidth, y: top + 20, size: font)
        }
        for (index, item) in report.level1.enumerated() {
            let y = top + index * rowHeight
            let c = item.counts
            body += "<g>"
            body += text(item.name, x: labelWidth - 8, y: y + 17, size: font, anchor: "end")
            var x = 0.0
            for status in Indicator.Status.allCases {
                let n = c.count(status)
                guard n > 0, c.total > 0 else { continue }
                let w = Double(barWidth) * Double(n) / Double(c.total)
                body += "<rect x=\"\(number(Double(labelWidth) + x))\" y=\"\(y + 4)\" width=\"\(number(w))\" "
                body += "height=\"18\" fill=\"\(fill(status, prefix: prefix))\" stroke=\"\(colour(status))\" "
                body +=
                    "stroke-width=\"1\"><title>\(MarkupEscaping.escape("\(item.name)：\(status.label) \(n) 项"))</title></rect>"
                x += w
            }
            if c.total == 0 {
                body += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"18\" "
                body += "fill=\"none\" stroke=\"\(grey)\" stroke-width=\"1\"/>"
            }
            let counts = "\(c.percentText)  达标 \(c.met)/\(c.total)"
            body += text(counts, x: labelWidth + barWidth + 10, y: y + 17, size: 13)
            body += "</g>"
        }
        return document(
            prefix: prefix, width: width, height: height, title: title(.level1Bars), desc: summary, body: body)
    }

    /// Swatches with words for the three statuses.
    static func legend(prefix: String, x: Int, y: Int) -> String {
        var out = "<g>"
        var cursor = x
        for status in Indicator.Status.allCases {
            out +=
                "<rect x=\"\(cursor)\" y=\"\(y)\" width=\"18\" height=\"14\" fill=\"\(fill(status, prefix: prefix))\" "
            out += "stroke=\"\(colour(status))\" stroke-width=\"1\"/>"
            out += text(status.label, x: cursor + 24, y: y + 12, size: 13)
            cursor += 24 + textWidth(status.label, font: 13) + 20
        }
        return out + "</g>"
    }

    // MARK: - Overall ring

    static func overallRing(_ report: ProgressReport) -> String {
        let prefix = "cp-overall"
        let c = report.indicators
        let radius = 80.0
        let circumference = 2 * Double.pi * radius
        let arc = circumference * c.share
        let summary =
            "测评指标共 \(c.total) 项，已达标 \(c.met) 项，推进中 \(c.inProgress) 项，未达标 \(c.unmet) 项，"
            + "总体达标率 \(c.percentText)。"
        var body = "<circle cx=\"110\" cy=\"110\" r=\"\(number(radius))\" fill=\"none\" stroke=\"\(grey)\" "
        body += "stroke-width=\"2\" stroke-dasharray=\"4 4\"/>"
        if c.met > 0 {
            body += "<circle cx=\"110\" cy=\"110\" r=\"\(number(radius))\" fill=\"none\" stroke=\"\(green)\" "
            body += "stroke-width=\"18\" stroke-dasharray=\"\(number(arc)) \(number(circumference))\" "
            body += "transform=\"rotate(-90 110 110)\"/>"
        }
        body += text(c.percentText, x: 110, y: 112, size: 30, anchor: "middle", bold: true)
        body += text("已达标 \(c.met)/\(c.total) 项", x: 110, y: 138, size: 13, anchor: "middle")
        return document(prefix: prefix, width: 220, height: 220, title: title(.overallRing), desc: summary, body: body)
    }

    // MARK: - Burn-down

    static func burnDown(_ report: ProgressReport) -> String {
        let prefix = "cp-burndown"
        let points = report.burnDown
        let width = 720
        let height = 300
        let left = 56.0
        let right = Double(width) - 24
        let top = 24.0
        let bottom = Double(height) - 48
        let peak = points.map(\.open).max() ?? 0
        let yMax = niceCeiling(max(peak, 1))
        func xAt(_ index: Int) -> Double {
            points.count <= 1 ? left : left + (right - left) * Double(index) / Double(points.count - 1)
        }
        func yAt(_ value: Int) -> Double { bottom - (bottom - top) * Double(value) / Double(yMax) }

        var summary: String
        if let first = points.first, let last = points.last,
            let high = points.max(by: { ($0.open, $1.date) < ($1.open, $0.date) })
        {
            summary =
                "问题台账未销号数量：\(first.date.shortChinese) \(first.open) 项，"
                + "最多为 \(high.date.shortChinese) \(high.open) 项，\(last.date.shortChinese) \(last.open) 项。"
            summary += "累计发现 \(report.ledger.total) 项，已销号 \(report.ledger.closed) 项，"
            summary += "未销号 \(report.ledger.open) 项，其中超期 \(report.ledger.overdue) 项。"
        } else {
            summary = "暂无问题台账数据。"
        }

        var body = "<g>"
        for step in 0...4 {
            let value = yMax * step / 4
            let y = yAt(value)
            body += "<line x1=\"\(number(left))\" y1=\"\(number(y))\" x2=\"\(number(right))\" y2=\"\(number(y))\" "
            body += "stroke=\"\(grey)\" stroke-width=\"\(step == 0 ? 1.5 : 0.5)\"/>"
            body += text(String(value), x: Int(left) - 6, y: Int(y) + 4, size: 12, anchor: "end")
        }
        body += text("未销号（项）", x: Int(left), y: 14, size: 12)
        body += "</g>"
        if !points.isEmpty {
            // Label the first day, the first of each month and the last day, dropping labels that would touch.
            var candidates = [0]
            for (index, point) in points.enumerated() where index > 0 && point.date.components.day == 1 {
                candidates.append(index)
            }
            let lastIndex = points.count - 1
            let lastX = xAt(lastIndex)
            var labelled: [Int] = []
            for index in candidates where index != lastIndex && lastX - xAt(index) >= 60 {
                if let previous = labelled.last, xAt(index) - xAt(previous) < 60 { continue }
                labelled.append(index)
            }
            labelled.append(lastIndex)
            for index in labelled {
                let x = xAt(index)
                body += "<line x1=\"\(number(x))\" y1=\"\(number(bottom))\" x2=\"\(number(x))\" "
                body += "y2=\"\(number(bottom + 5))\" stroke=\"\(ink)\" stroke-width=\"1\"/>"
                body += text(
                    points[index].date.shortChinese, x: Int(x.rounded()), y: Int(bottom) + 20, size: 12,
                    anchor: index == lastIndex && index > 0 ? "end" : "middle")
            }
            let coordinates = points.enumerated().map { "\(number(xAt($0.offset))),\(number(yAt($0.element.open)))" }
            body += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"\(blue)\" "
            body += "stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"
            if let last = points.last {
                let x = xAt(points.count - 1)
                let y = yAt(last.open)
                body += "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"4\" fill=\"\(blue)\"/>"
                // The latest figure sits above the plot, clear of the line.
                body += text(
                    "\(last.date.shortChinese) 未销号 \(last.open) 项", x: Int(right), y: 14, size: 13,
                    anchor: "end", bold: true)
            }
        } else {
            body += text("暂无问题台账数据", x: Int(left) + 10, y: Int(bottom) - 20, size: 14)
        }
        return document(
            prefix: prefix, width: width, height: height, title: title(.burnDown), desc: summary, body: body)
    }

    // MARK: - Helpers

    static func document(prefix: String, width: Int, height: Int, title: String, desc: String, body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" role="img" \
        aria-labelledby="\(prefix)-title \(prefix)-desc" font-family="sans-serif" class="chart chart-\(prefix)">\
        <title id="\(prefix)-title">\(MarkupEscaping.escape(title))</title>\
        <desc id="\(prefix)-desc">\(MarkupEscaping.escape(desc))</desc>\
        <rect width="\(width)" height="\(height)" fill="#ffffff"/>\
        \(body)</svg>

        """
    }

    static func text(
        _ content: String, x: Int, y: Int, size: Int, anchor: String = "start", bold: Bool = false
    ) -> String {
        var out = "<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" fill=\"\(ink)\""
        if anchor != "start" { out += " text-anchor=\"\(anchor)\"" }
        if bold { out += " font-weight=\"bold\"" }
        return out + ">\(MarkupEscaping.escape(content))</text>"
    }

    /// A rough width of `text` in pixels: full width for CJK and other non-ASCII, half for ASCII.
    static func textWidth(_ text: String, font: Int) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? font / 2 + 1 : font) }
    }

    /// A coordinate with at most two decimals, written the same on every machine.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The smallest of 4, 8, 12, 20 × 10ⁿ at least `value`: round numbers whose quarters are whole.
    static func niceCeiling(_ value: Int) -> Int {
        var scale = 1
        while scale < Int.max / 100 {
            for step in [4, 8, 12, 20] where step * scale >= value { return step * scale }
            scale *= 10
        }
        return max(value, 4)
    }

    static func percent(_ part: Int, of total: Int) -> String {
        ProgressReport.percentText(tenths: ProgressReport.tenthsOfPercent(part, of: total))
    }

    static func countRow(_ name: String, _ c: ProgressReport.IndicatorCounts) -> [String] {
        [name, String(c.total), String(c.met), String(c.inProgress), String(c.unmet), c.percentText]
    }
}
