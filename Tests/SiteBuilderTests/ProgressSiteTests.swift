import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The progress dashboard built from the sample's Content/progress/: pages, progress.json and the
/// agreement of every figure shown with the one in the JSON.
@Suite struct ProgressSiteTests {
    // MARK: - Sample dashboard

    @Test func sampleBuildsDashboardJSONAndOnePagePerUnit() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let files = Set(site.tree().keys)
        #expect(files.contains("progress/index.html"))
        #expect(files.contains("progress/progress.json"))
        let config = try siteConfig(site)
        #expect(config.units.count > 10)
        for unit in config.units {
            #expect(files.contains("progress/units/\(unit.slug)/index.html"), "no page for \(unit.name)")
        }
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("/progress/</loc>"))
        #expect(sitemap.contains("/progress/units/\(try #require(config.units.first).slug)/</loc>"))
    }

    @Test func progressJSONIsTheReportOfTheCSVFilesAtTheBuildClock() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        _ = await site.build()
        let data = try Data(contentsOf: site.output.appendingPathComponent("progress/progress.json"))
        let decoded = try ProgressJSON.decode(data)
        let config = try siteConfig(site)
        let folder = site.content.appendingPathComponent("progress")
        func text(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        let (loaded, diagnostics) = ProgressData.load(
            indicators: try text("indicators.csv"), ledger: try text("ledger.csv"), daily: try text("daily.csv"),
            site: config)
        #expect(!diagnostics.hasErrors)
        #expect(decoded == loaded.report(site: config, now: TestSite.clock))
        #expect(decoded.asOf.description == "2026-11-29")
        #expect(decoded.daysToInspection == 42)
        // Snake-case keys, the names LED templates use, and days as plain dates.
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"days_to_inspection\" : 42"))
        #expect(json.contains("\"as_of\" : \"2026-11-29\""))
        // A second build writes the same bytes.
        let second = site.root.appendingPathComponent("Output2")
        _ = await site.build(output: second)
        #expect(try Data(contentsOf: second.appendingPathComponent("progress/progress.json")) == data)
        #expect(
            try Data(contentsOf: second.appendingPathComponent("progress/index.html"))
                == Data(contentsOf: site.output.appendingPathComponent("progress/index.html")))
    }

    @Test func everyFigureOnTheDashboardEqualsTheJSON() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        _ = await site.build()
        let json = try loadJSON(site)
        let html = try site.read("progress/index.html")
        let figures = Self.figures(in: html)
        let paths = Set(figures.map(\.path))
        // The headline figures are there, each where it belongs.
        for required in [
            "as_of", "inspection_date", "days_to_inspection", "indicators.met", "indicators.total",
            "indicators.percent_text", "indicators.in_progress", "indicators.unmet", "hardware.met", "hardware.total",
            "ledger.total", "ledger.open", "ledger.closed", "ledger.overdue", "latest_daily.totals.date",
            "latest_daily.totals.checked", "latest_daily.totals.found", "latest_daily.totals.fixed",
            "daily_trend.0.date", "daily_trend.6.found", "hardware_not_met.count", "hardware_not_met.0.id",
            "ranking.0.rank", "ranking.0.counts.percent_text", "units.0.ledger.open", "districts.0.counts.overdue",
        ] {
            #expect(paths.contains(required), "no figure \(required) on the dashboard")
        }
        for figure in figures {
            let expected = try #require(Self.value(at: figure.path, in: json), "no \(figure.path) in progress.json")
            #expect(figure.value == expected, "\(figure.path): page shows '\(figure.value)', JSON has '\(expected)'")
        }
        // Every row of the lists is shown.
        let report = try ProgressJSON.decode(
            Data(
                contentsOf: site.output.appendingPathComponent(
                    "progress/progress.json")))
        #expect(report.hardwareNotMet.count > 0)
        #expect(Self.count(paths, matching: #"^hardware_not_met\.\d+\.id$"#) == report.hardwareNotMet.count)
        #expect(Self.count(paths, matching: #"^ranking\.\d+\.rank$"#) == report.ranking.count)
        #expect(Self.count(paths, matching: #"^units\.\d+\.ledger\.open$"#) == report.units.count)
        #expect(Self.count(paths, matching: #"^districts\.\d+\.counts\.total$"#) == report.districts.count)
        #expect(Self.count(paths, matching: #"^daily_trend\.\d+\.checked$"#) == 7)
        // Nothing else on the page is a number: charts and chart tables are checked in their own test.
        let rest = Self.textOutsideFigures(html)
        #expect(!Self.hasDigit(rest), "unmarked number in: \(Self.digitContext(rest))")
        // Every unit named in the ranking links to its page.
        for entry in report.ranking {
            #expect(html.contains("<a href=\"/progress/units/\(entry.unitSlug)/\">\(entry.unit)</a>"))
        }
    }

    @Test func everyFigureOnEachUnitPageEqualsTheJSON() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        _ = await site.build()
        let json = try loadJSON(site)
        let report = try ProgressJSON.decode(
            Data(contentsOf: site.output.appendingPathComponent("progress/progress.json")))
        var overdueSeen = 0
        for (offset, unit) in report.units.enumerated() {
            let html = try site.read("progress/units/\(unit.slug)/index.html")
            #expect(html.contains("<h1>\(unit.name) 责任清单</h1>"))
            let figures = Self.figures(in: html)
            let paths = Set(figures.map(\.path))
            for required in ["as_of", "indicators.total", "indicators.met", "ledger.open", "ledger.overdue"] {
                #expect(paths.contains("units.\(offset).\(required)") || paths.contains(required), "\(unit.slug)")
            }
            for figure in figures {
                #expect(
                    figure.path == "as_of" || figure.path == "ranking.count"
                        || figure.path.hasPrefix("units.\(offset)."), "\(unit.slug) shows another unit's \(figure.path)"
                )
                let expected = try #require(Self.value(at: figure.path, in: json), "no \(figure.path) in JSON")
                #expect(figure.value == expected, "\(unit.slug) \(figure.path): '\(figure.value)' ≠ '\(expected)'")
            }
            let prefix = #"^units\.\#(offset)\."#
            #expect(Self.count(paths, matching: prefix + #"indicator_list\.\d+\.id$"#) == unit.indicatorList.count)
            #expect(
                Self.count(paths, matching: prefix + #"indicator_list\.\d+\.status_label$"#)
                    == unit.indicatorList.count)
            #expect(Self.count(paths, matching: prefix + #"open_problems\.\d+\.deadline$"#) == unit.openProblems.count)
            #expect((unit.rank != nil) == paths.contains("units.\(offset).rank"))
            // Overdue items say so in words, with their days past the deadline.
            let overdue = unit.openProblems.filter(\.overdue).count
            #expect(Self.count(paths, matching: prefix + #"open_problems\.\d+\.days_overdue$"#) == overdue)
            #expect(html.components(separatedBy: "class=\"row-overdue\"").count - 1 == overdue)
            overdueSeen += overdue
            // A status is a symbol and a word, never colour alone.
            for (index, entry) in unit.indicatorList.enumerated() {
                let symbol = ["met": "✔", "in_progress": "◐", "unmet": "✘"][entry.status.rawValue] ?? "?"
                let path = "units.\(offset).indicator_list.\(index).status_label"
                let mark = "<span aria-hidden=\"true\">\(symbol)</span> "
                #expect(
                    html.contains(mark + "<span data-figure=\"\(path)\">\(entry.statusLabel)</span>"),
                    "\(unit.slug) \(entry.id)")
            }
            let rest = Self.textOutsideFigures(html)
            #expect(!Self.hasDigit(rest), "\(unit.slug): \(Self.digitContext(rest))")
        }
        #expect(overdueSeen == report.ledger.overdue)
        #expect(report.ledger.overdue > 0, "the sample has overdue problems to show")
    }

    @Test func chartsAreWellFormedSVGWithTheirNumbersInTables() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        _ = await site.build()
        let html = try site.read("progress/index.html")
        let report = try ProgressJSON.decode(
            Data(contentsOf: site.output.appendingPathComponent("progress/progress.json")))
        let svgs = Self.elements("svg", in: html)
        #expect(svgs.count == ProgressCharts.Kind.allCases.count)
        for svg in svgs {
            #expect(!svg.contains("<?xml") && !svg.contains("<!DOCTYPE"))
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
            #expect(svg.contains("<title id="))
        }
        for chart in ProgressCharts.charts(report) {
            // The chart drawn from the JSON's figures is the chart on the page.
            #expect(
                html.contains(ProgressFigures.inlineSVG(chart.svg)), "\(chart.kind) differs from the JSON's figures")
            let summary = ProgressFigures.chartSummary(chart.svg)
            #expect(!summary.isEmpty)
            #expect(html.contains("<figcaption>\(Self.escape(summary))</figcaption>"))
            let table = try #require(Self.chartTable(chart.kind, in: html), "no table for \(chart.kind)")
            #expect(table.first == chart.table.columns)
            #expect(Array(table.dropFirst()) == chart.table.rows)
        }
        // The tables hold the report's numbers.
        let level1 = try #require(Self.chartTable(.level1Bars, in: html))
        for (index, item) in report.level1.enumerated() {
            let c = item.counts
            #expect(
                level1[index + 1]
                    == [item.name, "\(c.total)", "\(c.met)", "\(c.inProgress)", "\(c.unmet)", c.percentText])
        }
        let ring = try #require(Self.chartTable(.overallRing, in: html))
        #expect(ring[1] == ["已达标", "\(report.indicators.met)", report.indicators.percentText])
        let burnDown = try #require(Self.chartTable(.burnDown, in: html))
        #expect(burnDown.count - 1 == report.burnDown.count)
        let last = try #require(report.burnDown.last)
        #expect(burnDown.last == [last.date.description, "\(last.found)", "\(last.closed)", "\(last.open)"])
        #expect(last.open == report.ledger.open)
    }

    @Test func homeShowsTheShareOfIndicatorsMetWithALink() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        _ = await site.build()
        let report = try ProgressJSON.decode(
            Data(contentsOf: site.output.appendingPathComponent("progress/progress.json")))
        let home = try site.read("index.html")
        let c = report.indicators
        #expect(home.contains("测评指标达标 <strong>\(c.met)/\(c.total)</strong>（\(c.percentText)）"))
        #expect(home.contains("<a href=\"/progress/\">"))
        // The home countdown and the dashboard count the same days.
        #expect(home.contains("还有 <strong>\(try #require(report.daysToInspection))</strong> 天"))
    }

    // MARK: - Problems in the CSV files

    @Test func badRowFailsTheBuildWithItsLineButTheGoodRowsStillCount() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        // Excel style: a BOM and CRLF line ends; then one row with a misspelt district.
        let path = "Content/progress/ledger.csv"
        let original = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let goodRows = lines.count - 1
        lines.append("TZ-2026-9999,2026-11-20,督查,城官区,市城管委,人行道破损,2026-11-30,open,")
        try site.write("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n", to: path)
        let badLine = lines.count

        let report = await site.build()
        #expect(!report.published)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.file == path)
        #expect(error.line == badLine)
        #expect(error.column > 0)
        #expect(error.message.contains("城官区"))
        #expect(error.message.contains("城关区"), "suggests the right name: \(error.message)")
        #expect(report.diagnostics.filter { $0.severity == .error }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("progress").path))

        // The dashboard itself is computed from the good rows.
        let context = try #require(LoadedSite.loadSite(site.options()).0)
        var loader = ProgressLoader()
        await loader.loadAll(context)
        let (progress, diagnostics) = loader.report(context)
        #expect(diagnostics.map(\.line) == [badLine])
        #expect(try #require(progress).ledger.total == goodRows)
    }

    @Test func warningRowStillPublishesTheDashboard() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let path = "Content/progress/ledger.csv"
        var text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        let line = text.split(separator: "\n").count + 1
        // An open problem with a closed date: the date is ignored, with a warning.
        text += "TZ-2026-9998,2026-11-20,督查,城关区,市城管委,人行道破损,2026-12-30,open,2026-11-25\n"
        try site.write(text, to: path)
        let report = await site.build()
        #expect(report.published, "\(report.diagnostics)")
        let warning = try #require(report.diagnostics.first { $0.file == path })
        #expect(warning.severity == .warning)
        #expect(warning.line == line)
        let json = try ProgressJSON.decode(
            Data(contentsOf: site.output.appendingPathComponent("progress/progress.json")))
        #expect(json.ledger.total == 301)
        #expect(json.units.contains { $0.openProblems.contains { $0.id == "TZ-2026-9998" } })
    }

    @Test func csvInGBKAsExcelSavesItIsReadWithANoteSuggestingUTF8() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        // "date,unit,…" then 市委宣传部 in GBK bytes.
        var bytes = Data("date,unit,checked,found,fixed\n2026-11-01,".utf8)
        bytes.append(contentsOf: [0xCA, 0xD0, 0xCE, 0xAF, 0xD0, 0xFB, 0xB4, 0xAB, 0xB2, 0xBF])
        bytes.append(contentsOf: Data(",1,1,1\n".utf8))
        try bytes.write(to: site.root.appendingPathComponent("Content/progress/daily.csv"))
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let note = try #require(report.diagnostics.first { $0.code == "progress.encoding" })
        #expect(note.severity == .warning)
        #expect(note.file == "Content/progress/daily.csv")
        #expect(note.message.contains("UTF-8"))
        #expect(try site.read("progress/progress.json").contains("市委宣传部"))
    }

    @Test func csvThatIsNeitherUTF8NorGBKIsAnErrorNamingTheFileAndLine() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        var bytes = Data("date,unit,checked,found,fixed\n2026-11-01,".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0xFF])
        bytes.append(contentsOf: Data(",1,1,1\n".utf8))
        try bytes.write(to: site.root.appendingPathComponent("Content/progress/daily.csv"))
        let report = await site.build()
        #expect(!report.published)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.file == "Content/progress/daily.csv")
        #expect(error.line == 2)
        #expect(error.code == "progress.encoding")
    }

    @Test func aTableAsBothCSVAndXLSXIsAnError() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        try Data().write(to: site.root.appendingPathComponent("Content/progress/ledger.xlsx"))
        let report = await site.build()
        #expect(!report.published)
        let error = try #require(report.diagnostics.first { $0.code == "progress.duplicate" })
        #expect(error.message.contains("ledger.csv") && error.message.contains("ledger.xlsx"))
    }

    @Test func siteWithoutProgressFilesHasNoDashboardAndNoComplaint() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("progress"))
        let report = await site.build()
        #expect(report.published)
        #expect(!report.diagnostics.contains { $0.file.hasPrefix("Content/progress") })
        // Articles that link to the dashboard say their link is dead, as a warning.
        let deadLinks = report.diagnostics.filter { $0.message.contains("'/progress/'") }
        #expect(deadLinks.allSatisfy { $0.code == "link.section" && $0.severity == .warning })
        #expect(!site.tree().keys.contains { $0.hasPrefix("progress/") })
        #expect(!(try site.read("index.html")).contains("测评指标达标"))
    }

    @Test func oneMissingFileLeavesItsPartEmpty() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("progress/daily.csv"))
        let report = await site.build()
        #expect(report.published, "\(report.diagnostics)")
        let json = try ProgressJSON.decode(
            Data(contentsOf: site.output.appendingPathComponent("progress/progress.json")))
        #expect(json.latestDaily == nil)
        #expect(json.indicators.total > 0)
        let html = try site.read("progress/index.html")
        #expect(!html.contains("id=\"daily-title\""))
        #expect(html.contains("测评指标达标"))
    }

    // MARK: - Helpers

    func siteConfig(_ site: TestSite) throws -> SiteConfig {
        let text = try String(contentsOf: site.content.appendingPathComponent("site.yml"), encoding: .utf8)
        return try #require(SiteConfig.parse(text, file: "Content/site.yml").0)
    }

    func loadJSON(_ site: TestSite) throws -> Any {
        try JSONSerialization.jsonObject(
            with: Data(contentsOf: site.output.appendingPathComponent("progress/progress.json")))
    }

    /// A figure marked on a page: its JSON path and the value shown (a `<time>`'s `datetime`).
    struct Figure {
        var path: String
        var value: String
    }

    static let figurePattern = try! NSRegularExpression(
        pattern: #"<([a-z]+)((?:\s[^>]*)?)\sdata-figure="([^"]*)"([^>]*)>([^<]*)</\1>"#)

    static let cellPattern = try! NSRegularExpression(pattern: #"<t[hd][^>]*>([^<]*)</t[hd]>"#)

    /// Every element with a `data-figure` attribute; such elements hold text only.
    static func figures(in html: String) -> [Figure] {
        let ns = html as NSString
        return figurePattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { match in
            let tag = ns.substring(with: match.range(at: 1))
            let attributes = ns.substring(with: match.range(at: 2)) + ns.substring(with: match.range(at: 4))
            let path = ns.substring(with: match.range(at: 3))
            var value = unescape(ns.substring(with: match.range(at: 5)))
            if tag == "time", let datetime = attribute("datetime", in: attributes) { value = datetime }
            return Figure(path: path, value: value)
        }
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let start = attributes.range(of: "\(name)=\"") else { return nil }
        let rest = attributes[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The JSON value at a dotted path (`units.3.ledger.open`, `ranking.count` for an array's length) as text.
    static func value(at path: String, in json: Any) -> String? {
        var current: Any = json
        for key in path.split(separator: ".").map(String.init) {
            if let object = current as? [String: Any], let next = object[key] {
                current = next
            } else if let array = current as? [Any] {
                if key == "count" {
                    current = array.count
                } else if let index = Int(key), array.indices.contains(index) {
                    current = array[index]
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        if let text = current as? String { return text }
        if let number = current as? Int { return String(number) }
        return nil
    }

    static func count(_ paths: Set<String>, matching pattern: String) -> Int {
        paths.filter { $0.range(of: pattern, options: .regularExpression) != nil }.count
    }

    /// The text of `<main>` without the marked figures, the charts and their tables, and without tags.
    static func textOutsideFigures(_ html: String) -> String {
        var text = html
        if let start = text.range(of: "<main"), let end = text.range(of: "</main>") {
            text = String(text[start.lowerBound..<end.upperBound])
        }
        for pattern in [
            #"<svg[\s\S]*?</svg>"#, #"<figcaption>[\s\S]*?</figcaption>"#,
            #"<table class="data-table chart-table"[\s\S]*?</table>"#,
        ] {
            text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        let ns = text as NSString
        text = figurePattern.stringByReplacingMatches(
            in: text, range: NSRange(location: 0, length: ns.length), withTemplate: "")
        return text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    static func hasDigit(_ text: String) -> Bool { text.contains(where: \.isASCIIDigit) }

    static func digitContext(_ text: String) -> String {
        guard let index = text.firstIndex(where: \.isASCIIDigit) else { return "" }
        let start = text.index(index, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(index, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }

    /// The outer HTML of every `<name …>…</name>` (not nested).
    static func elements(_ name: String, in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<\(name) "),
            let end = rest.range(of: "</\(name)>", range: start.upperBound..<rest.endIndex)
        {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// The cell texts of a chart's table, header row first.
    static func chartTable(_ kind: ProgressCharts.Kind, in html: String) -> [[String]]? {
        guard let start = html.range(of: "data-chart=\"\(kind.rawValue)\""),
            let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex)
        else { return nil }
        let table = String(html[start.upperBound..<end.lowerBound])
        return elements("tr", in: table.replacingOccurrences(of: "<tr>", with: "<tr >")).map { row in
            let ns = row as NSString
            return cellPattern.matches(in: row, range: NSRange(location: 0, length: ns.length)).map {
                unescape(ns.substring(with: $0.range(at: 1)))
            }
        }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Escapes as the templates do.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
