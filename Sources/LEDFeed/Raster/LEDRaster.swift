import CampaignCore

/// Draws screen feeds as dot-matrix pages: the renderer of a screen and the page bitmaps of a feed. The fonts
/// are read from disk in `LEDRaster+FileSystem.swift`.
public enum LEDRaster {
    /// Every Unicode scalar the pages of `feeds` show.
    public static func scalars(of feeds: [ScreenFeed]) -> Set<Unicode.Scalar> {
        var scalars = Set<Unicode.Scalar>()
        for feed in feeds {
            for item in feed.items {
                for page in item.pages {
                    for line in page.lines { scalars.formUnion(line.unicodeScalars) }
                }
            }
        }
        return scalars
    }

    /// The renderer of a screen: its font size and line gap, and the layout engine's width rule, so the pixels
    /// match the widths the lines were broken by. A `CellFont` of the screen's size is used when there is one.
    public static func renderer(
        for screen: ScreenProfile, glyphs: UnifontGlyphs, fonts: [Int: CellFont] = [:]
    ) -> DotMatrixRenderer {
        if let cellFont = fonts[screen.font] {
            return DotMatrixRenderer(cellFont: cellFont, lineGap: screen.lineGap) { LayoutUnit.isHalfWidth($0) }
        }
        return DotMatrixRenderer(glyphs: glyphs, font: screen.font, lineGap: screen.lineGap) {
            LayoutUnit.isHalfWidth($0)
        }
    }

    /// The pages of `feed` as bitmaps, numbered 1… over all program items in playing order.
    ///
    /// Sizes by mode: `paged` pages are exactly the screen's width × height. A `scroll-left` item is one page
    /// holding its joined line: the bitmap is the screen's height and as wide as the line (at least the screen
    /// width), the strip the controller slides through the screen. A `scroll-up` item is one page with all its
    /// lines: the screen's width, and as tall as the lines (at least the screen height).
    public static func pages(
        of feed: ScreenFeed, glyphs: UnifontGlyphs, fonts: [Int: CellFont] = [:]
    ) -> [LEDRasterPage] {
        let screen = feed.screen
        let renderer = renderer(for: screen, glyphs: glyphs, fonts: fonts)
        var result: [LEDRasterPage] = []
        for (itemIndex, item) in feed.items.enumerated() {
            for page in item.pages {
                let bitmap: Bitmap
                switch screen.mode {
                case .paged:
                    bitmap = renderer.render(page: page.lines, width: screen.width, height: screen.height)
                case .scrollLeft:
                    let width = max(screen.width, page.lines.map { renderer.width(of: $0) }.max() ?? 0)
                    bitmap = renderer.render(page: page.lines, width: width, height: screen.height)
                case .scrollUp:
                    let pitch = screen.font + screen.lineGap
                    let height = max(screen.height, page.lines.count * pitch - screen.lineGap)
                    bitmap = renderer.render(page: page.lines, width: screen.width, height: height)
                }
                result.append(
                    LEDRasterPage(itemIndex: itemIndex, number: result.count + 1, lines: page.lines, bitmap: bitmap))
            }
        }
        return result
    }
}
