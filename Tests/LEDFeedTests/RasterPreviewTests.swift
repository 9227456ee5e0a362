import Foundation
import Testing

@testable import LEDFeed

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct RasterPreviewTests {
    static let small = Bitmap(art: ["#..", ".#.", "..#"])

    @Test func blocksStyleDrawsOneCharacterPerPixelInAFrame() {
        let text = TerminalPreview(style: .blocks).render(Self.small)
        #expect(text.split(separator: "\n").map(String.init) == ["┌───┐", "│█··│", "│·█·│", "│··█│", "└───┘"])
    }

    @Test func halfBlocksPackTwoRowsPerLine() {
        let text = TerminalPreview().render(Self.small)
        #expect(text.split(separator: "\n").map(String.init) == ["┌───┐", "│▀▄ │", "│  ▀│", "└───┘"])
    }

    @Test(arguments: [(TerminalPreview.Style.blocks, 16 + 2), (.halfBlocks, 8 + 2)])
    func previewOfAScreenHasTheFramedSize(style: TerminalPreview.Style, lines: Int) {
        let bitmap = DotMatrixRenderer(glyphs: RasterFixtures.font).render(page: ["A中"], width: 192, height: 16)
        let rows = TerminalPreview(style: style).render(bitmap).split(separator: "\n")
        #expect(rows.count == lines)
        #expect(rows.allSatisfy { $0.count == 192 + 2 })
    }

    @Test func ansiColourWrapsLitRows() {
        let text = TerminalPreview(style: .blocks, ansiColor: .red).render(Self.small)
        #expect(text.contains("\u{1B}[38;2;255;0;0m█··\u{1B}[0m"))
    }

    @Test func htmlIsWellFormedWithOneFigurePerPage() throws {
        let renderer = DotMatrixRenderer(glyphs: RasterFixtures.font)
        let pages = [["A中", "中A"], ["<A&'\">"]].map {
            DotMatrixPage(bitmap: renderer.render(page: $0, width: 48, height: 32), lines: $0)
        }
        let html = DotMatrixHTML(color: .red).pagedProgram(pages, id: "bus stop/1")
        let summary = try XMLSummary(parsing: "<div>" + DotMatrixHTML.styleElement + html + "</div>")
        #expect(summary.elementCounts["figure"] == 2)
        #expect(summary.elementCounts["svg"] == 2)
        #expect(summary.elementCounts["figcaption"] == 2)
        #expect(summary.ids.count == Set(summary.ids).count)
        #expect(summary.ids.contains("bus-stop-1-p2"))
        #expect(summary.text.contains("<A&'\">"))
        #expect(summary.attributes("svg", "viewBox") == ["0 0 48 32", "0 0 48 32"])
        #expect(summary.attributes("circle", "fill") == ["#FF0000", "#FF0000"])
    }

    @Test func litPathCoversExactlyTheLitPixels() throws {
        let renderer = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 32)
        let bitmap = renderer.render(page: ["A中A", "中"], width: 96, height: 64)
        var redrawn = Bitmap(width: 96, height: 64)
        var area = 0
        for rectangle in DotMatrixHTML.litRectangles(bitmap) {
            for y in rectangle.y..<rectangle.y + rectangle.height {
                for x in rectangle.x..<rectangle.x + rectangle.width { redrawn[x, y] = true }
            }
            area += rectangle.width * rectangle.height
        }
        #expect(redrawn == bitmap)
        #expect(area == bitmap.litCount)
        let path = DotMatrixHTML.litPath(bitmap)
        #expect(path.hasPrefix("M"))
        #expect(path.filter { $0 == "M" }.count == DotMatrixHTML.litRectangles(bitmap).count)
        #expect(DotMatrixHTML.litPath(bitmap) == path)
    }

    @Test func fullScreenPageStaysSmall() {
        let renderer = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 32)
        let lines = Array(repeating: String(repeating: "中A", count: 10), count: 5)
        let bitmap = renderer.render(page: lines, width: 480, height: 160)
        let html = DotMatrixHTML(color: .white).pageFigure(bitmap, lines: lines, id: "big")
        #expect(html.utf8.count < 40_000)
    }

    @Test func scrollingFigureAnimatesTheWideLine() throws {
        let renderer = DotMatrixRenderer(glyphs: RasterFixtures.font)
        let line = renderer.renderScrollLine("中A中A", height: 32)
        let html = DotMatrixHTML(color: .green).scrollingFigure(
            line, text: "中A中A", screenWidth: 192, id: "strip", pixelsPerSecond: 48)
        let summary = try XMLSummary(parsing: html)
        #expect(summary.attributes("svg", "viewBox") == ["0 0 192 32"])
        let style = try #require(summary.attributes("g", "style").first)
        // At rest (animations off) the text sits at the left edge; the animation moves the 240-LED box.
        #expect(style.contains("transform:translateX(-192px)"))
        #expect(summary.attributes("rect", "width").contains("240"))
        #expect(summary.attributes("path", "transform").contains("translate(192 0)"))
        #expect(!DotMatrixHTML.stylesheet.contains("var("))
        #expect(style.contains("led-scroll 5.0s steps(240) infinite"))
        #expect(summary.text == "中A中A")
    }
}

/// Element counts, attributes and text of a well-formed XML document; parsing fails on malformed input.
final class XMLSummary: NSObject, XMLParserDelegate {
    var elementCounts: [String: Int] = [:]
    var attributeValues: [(element: String, name: String, value: String)] = []
    var ids: [String] = []
    var text = ""
    private var captionDepth = 0

    init(parsing xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw ParseFailure(description: parser.parserError.map { "\($0)" } ?? "malformed XML")
        }
    }

    func attributes(_ element: String, _ name: String) -> [String] {
        attributeValues.filter { $0.element == element && $0.name == name }.map(\.value)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elementCounts[elementName, default: 0] += 1
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            attributeValues.append((elementName, name, value))
            if name == "id" { ids.append(value) }
        }
        if elementName == "figcaption" { captionDepth += 1 }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        if elementName == "figcaption" { captionDepth -= 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if captionDepth > 0 { text += string }
    }

    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }
}
