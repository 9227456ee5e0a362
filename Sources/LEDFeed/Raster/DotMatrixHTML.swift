import CampaignCore

/// One page of a program as the HTML preview needs it: its pixels and its text.
public struct DotMatrixPage: Sendable, Hashable {
    /// The page drawn at the screen's exact size.
    public var bitmap: Bitmap
    /// The page's text lines, used as the accessible text and visible caption.
    public var lines: [String]

    /// Creates a page.
    public init(bitmap: Bitmap, lines: [String]) {
        self.bitmap = bitmap
        self.lines = lines
    }
}

/// HTML fragments that show LED pages as a realistic dot matrix: round dots on black in the screen colour.
///
/// Each page is a `<figure>` holding one inline SVG at the exact grid size (`viewBox` = width × height LEDs,
/// drawn `scale` CSS pixels per LED). A single `<pattern>` of round dots paints the whole grid faintly (the unlit
/// LEDs) and paints the lit LEDs fully through one `<path>` of rectangles: horizontal runs of lit pixels, merged
/// downwards while the run repeats in the next row. A 480×160 page therefore costs a few KB, not one element per
/// LED. The SVG is `aria-hidden`; the page's lines are in the `<figcaption>`, all text escaped. The output is
/// well-formed XML (XHTML-compatible) and needs no JavaScript: a paged program lists every page, a scrolling
/// program moves with a CSS animation (in whole-LED steps, still under `prefers-reduced-motion`).
/// Include `DotMatrixHTML.stylesheet` once in the page (or `styleElement`) for the frame, layout and animation.
public struct DotMatrixHTML: Sendable {
    /// The colour of lit LEDs (see `RGBColor.screen(_:)`).
    public var color: RGBColor
    /// CSS pixels per LED in the SVG's `width`/`height` (the stylesheet still shrinks it to the available width).
    public var scale: Int
    /// Opacity of unlit LEDs, so the grid stays visible like on a real screen in daylight.
    public var unlitOpacity: Double

    /// Creates a preview style; `scale` below 1 is raised to 1.
    public init(color: RGBColor, scale: Int = 3, unlitOpacity: Double = 0.14) {
        self.color = color
        self.scale = max(1, scale)
        self.unlitOpacity = unlitOpacity
    }

    /// The CSS the fragments rely on: frame, page list, the `led-scroll` keyframes, and the pause switch: a checked
    /// `.led-pause-toggle` checkbox stops every scrolling figure in the `.led-screens` block after it (no JavaScript).
    public static let stylesheet = """
        .led-pages{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
        .led-page{margin:0;display:inline-block;max-width:100%}
        .led-screen{display:block;max-width:100%;height:auto;background:#000;border:6px solid #222;border-radius:4px}
        .led-page figcaption{font-size:.875rem;color:#555;margin-top:.25rem}
        .led-scroll{transform-box:fill-box}
        @keyframes led-scroll{from{transform:translateX(0)}to{transform:translateX(-100%)}}
        @media (prefers-reduced-motion:reduce){.led-scroll{animation:none!important}}
        .led-pause-toggle:checked~.led-screens .led-scroll{animation-play-state:paused!important}
        """

    /// `stylesheet` wrapped in a `<style>` element.
    public static var styleElement: String { "<style>" + stylesheet + "</style>" }

    /// Every page of a paged program as an ordered list of figures, all visible without JavaScript.
    ///
    /// `id` must be unique in the document (e.g. `bus-stop-1-core-values`); page figures get `id-p1`, `id-p2`, …
    public func pagedProgram(_ pages: [DotMatrixPage], id: String) -> String {
        let listID = Self.sanitizedID(id)
        var html = "<ol class=\"led-pages\" id=\"\(listID)\">"
        for (index, page) in pages.enumerated() {
            html += "<li>"
            html += pageFigure(page.bitmap, lines: page.lines, id: "\(listID)-p\(index + 1)")
            html += "</li>"
        }
        return html + "</ol>"
    }

    /// One page as a `<figure>`: the dot-matrix SVG and a caption with the page's lines.
    public func pageFigure(_ bitmap: Bitmap, lines: [String], id: String) -> String {
        let figureID = Self.sanitizedID(id)
        var html = "<figure class=\"led-page\" id=\"\(figureID)\">"
        html += svgOpen(width: bitmap.width, height: bitmap.height, patternID: figureID + "-dot")
        html += "<path fill=\"url(#\(figureID)-dot)\" d=\"\(Self.litPath(bitmap))\"/>"
        html += "</svg>"
        html += caption(lines)
        return html + "</figure>"
    }

    /// A `scroll-left` program: a `screenWidth`-wide window in which `line` (drawn by
    /// `DotMatrixRenderer.renderScrollLine`) moves from right to left at `pixelsPerSecond`, forever.
    ///
    /// The moving group spans `screenWidth + line.width` LEDs (an unpainted rectangle fixes its box) with the
    /// text starting just right of the window; the shared `led-scroll` keyframes move it by `-100%` of that
    /// box (`transform-box: fill-box`), so one stylesheet serves every width without CSS variables, which the
    /// W3C CSS validator rejects inside `transform`. The inline `transform` is the resting place used when
    /// animations are off (reduced motion): the text at the left edge. The caption always holds the whole `text`.
    public func scrollingFigure(
        _ line: Bitmap, text: String, screenWidth: Int, id: String, pixelsPerSecond: Double = 32
    ) -> String {
        let figureID = Self.sanitizedID(id)
        let width = max(1, screenWidth)
        let distance = width + line.width
        let seconds = Double(distance) / max(1, pixelsPerSecond)
        let duration = (seconds * 100).rounded() / 100
        var html = "<figure class=\"led-page led-scrolling\" id=\"\(figureID)\">"
        html += svgOpen(width: width, height: line.height, patternID: figureID + "-dot")
        html += "<g class=\"led-scroll\" style=\"transform:translateX(-\(width)px);"
        html += "animation:led-scroll \(duration)s steps(\(distance)) infinite\">"
        html += "<rect width=\"\(distance)\" height=\"\(line.height)\" fill=\"none\"/>"
        html += "<path transform=\"translate(\(width) 0)\" fill=\"url(#\(figureID)-dot)\" d=\"\(Self.litPath(line))\"/>"
        html += "</g></svg>"
        html += caption([text])
        return html + "</figure>"
    }

    private func svgOpen(width: Int, height: Int, patternID: String) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"led-screen\" viewBox=\"0 0 \(width) \(height)\""
        svg += " width=\"\(width * scale)\" height=\"\(height * scale)\" aria-hidden=\"true\" focusable=\"false\">"
        svg += "<defs><pattern id=\"\(patternID)\" width=\"1\" height=\"1\" patternUnits=\"userSpaceOnUse\">"
        svg += "<circle cx=\"0.5\" cy=\"0.5\" r=\"0.42\" fill=\"\(color.hex)\"/></pattern></defs>"
        svg += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#000\"/>"
        svg += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"url(#\(patternID))\" opacity=\"\(unlitOpacity)\"/>"
        return svg
    }

    private func caption(_ lines: [String]) -> String {
        "<figcaption>" + lines.map(MarkupEscaping.escape).joined(separator: "<br/>") + "</figcaption>"
    }

    /// The lit pixels as one SVG path of rectangles (`M x y h w v h h -w z`), in a deterministic order.
    static func litPath(_ bitmap: Bitmap) -> String {
        var rectangles = litRectangles(bitmap)
        rectangles.sort { ($0.y, $0.x) < ($1.y, $1.x) }
        return rectangles.map { "M\($0.x) \($0.y)h\($0.width)v\($0.height)h-\($0.width)z" }.joined()
    }

    /// Lit runs per row, merged downwards while the same run repeats in the next row.
    static func litRectangles(_ bitmap: Bitmap) -> [(x: Int, y: Int, width: Int, height: Int)] {
        var result: [(x: Int, y: Int, width: Int, height: Int)] = []
        var open: [Range<Int>: Int] = [:]
        for y in 0...bitmap.height {
            let runs = y < bitmap.height ? bitmap.litRuns(inRow: y) : []
            var next: [Range<Int>: Int] = [:]
            for run in runs { next[run] = open[run] ?? y }
            for (run, top) in open where next[run] == nil {
                result.append((x: run.lowerBound, y: top, width: run.count, height: y - top))
            }
            open = next
        }
        return result
    }

    /// `id` reduced to `[A-Za-z0-9_-]`, starting with a letter, so it is a valid XML id and URL fragment.
    static func sanitizedID(_ id: String) -> String {
        let cleaned = String(
            id.unicodeScalars.map { scalar -> Character in
                let allowed =
                    scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || scalar == "-" || scalar == "_")
                return allowed ? Character(scalar) : "-"
            })
        guard let first = cleaned.unicodeScalars.first, first.properties.isAlphabetic else { return "led-" + cleaned }
        return cleaned
    }
}
