import Foundation
import Testing

@testable import CampaignCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects what the chart tests look at while XMLParser walks an SVG.
private final class SVGProbe: NSObject, XMLParserDelegate {
    var root: (name: String, attributes: [String: String])?
    var elements: [String] = []
    var text = ""
    var colours: Set<String> = []

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = (name, attributes) }
        text += "\n"
        elements.append(name)
        for key in ["fill", "stroke"] {
            if let value = attributes[key], value.hasPrefix("#") { colours.insert(value.lowercased()) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        text += "\n"
    }

    static func parse(_ svg: String) -> (SVGProbe, Bool) {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        let ok = parser.parse()
        return (probe, ok)
    }
}

@Suite struct ProgressChartsTests {
    let report = ProgressFixture.report()

    @Test(arguments: ProgressCharts.Kind.allCases)
    func svgIsWellFormedAndAccessible(kind: ProgressCharts.Kind) throws {
        let (probe, ok) = SVGProbe.parse(ProgressCharts.svg(kind, report: report))
        #expect(ok)
        let root = try #require(probe.root)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
        #expect(probe.elements.contains("title") && probe.elements.contains("desc"))
    }

    @Test(arguments: ProgressCharts.Kind.allCases)
    func coloursHaveContrastAgainstWhite(kind: ProgressCharts.Kind) throws {
        let (probe, _) = SVGProbe.parse(ProgressCharts.svg(kind, report: report))
        let colours = probe.colours.subtracting(["#ffffff"])
        #expect(!colours.isEmpty)
        for colour in colours {
            #expect(try contrastAgainstWhite(colour) >= 4.5, "\(colour)")
        }
    }

    @Test func statusIsNotShownByColourAlone() {
        let svg = ProgressCharts.svg(.level1Bars, report: report)
        #expect(svg.contains("<pattern id=\"cp-level1-hatch\""))
        #expect(svg.contains("url(#cp-level1-hatch)") && svg.contains("url(#cp-level1-cross)"))
        for word in ["已达标", "推进中", "未达标"] { #expect(svg.contains(word)) }
    }

    @Test func level1TableHoldsTheChartNumbers() throws {
        let table = ProgressCharts.table(.level1Bars, report: report)
        #expect(table.columns == ["测评项目", "指标数", "已达标", "推进中", "未达标", "达标率"])
        #expect(table.rows.first == ["政务环境", "3", "1", "1", "1", "33.3%"])
        #expect(table.rows.last == ["合计", "13", "7", "2", "4", "53.8%"])
        let (probe, _) = SVGProbe.parse(ProgressCharts.svg(.level1Bars, report: report))
        for row in table.rows.dropLast() {
            #expect(probe.text.contains("\(row[5])  达标 \(row[2])/\(row[1])"), "\(row)")
            #expect(probe.text.contains("\(row[0])：共 \(row[1]) 项，已达标 \(row[2]) 项，推进中 \(row[3]) 项"))
        }
    }

    @Test func ringTableHoldsTheChartNumbers() throws {
        let table = ProgressCharts.table(.overallRing, report: report)
        #expect(
            table.rows == [
                ["已达标", "7", "53.8%"], ["推进中", "2", "15.4%"], ["未达标", "4", "30.8%"], ["合计", "13", "100.0%"],
            ])
        let (probe, _) = SVGProbe.parse(ProgressCharts.svg(.overallRing, report: report))
        #expect(probe.text.contains("53.8%"))
        #expect(probe.text.contains("已达标 7/13 项"))
    }

    @Test func burnDownTableHoldsTheChartNumbers() throws {
        let table = ProgressCharts.table(.burnDown, report: report)
        #expect(table.rows.count == 10)
        #expect(table.rows[3] == ["2026-11-23", "0", "1", "2"])
        let (probe, _) = SVGProbe.parse(ProgressCharts.svg(.burnDown, report: report))
        #expect(probe.text.contains("11月20日 1 项"))
        #expect(probe.text.contains("11月29日 3 项"))
        #expect(probe.text.contains("11月29日 未销号 3 项"))
        #expect(probe.elements.contains("polyline"))
    }

    @Test func textIsEscaped() throws {
        var odd = report
        odd.level1[0].name = "A&B <C> \"D\" 'E'"
        let svg = ProgressCharts.svg(.level1Bars, report: odd)
        let (probe, ok) = SVGProbe.parse(svg)
        #expect(ok)
        #expect(probe.text.contains("A&B <C> \"D\" 'E'"))
    }

    @Test func emptyReportStillDrawsValidCharts() {
        let empty = ProgressReport.make(
            indicators: [], ledger: [], daily: [], site: ProgressFixture.site, now: ProgressFixture.now)
        for chart in ProgressCharts.charts(empty) {
            #expect(SVGProbe.parse(chart.svg).1, "\(chart.kind)")
        }
    }

    @Test func chartsAreDeterministic() {
        #expect(ProgressCharts.charts(report) == ProgressCharts.charts(ProgressFixture.report()))
    }

    /// WCAG 2 contrast ratio of `#rrggbb` against white.
    private func contrastAgainstWhite(_ hex: String) throws -> Double {
        let value = try #require(Int(hex.dropFirst(), radix: 16))
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return 1.05 / (luminance + 0.05)
    }
}
