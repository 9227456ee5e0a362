import CampaignCore
import Foundation
import LEDFeed

/// One page of a screen feed drawn as pixels, for the PNG export, the preview page and the terminal preview.
public struct LEDRasterPage: Sendable {
    /// Index of the program item in `ScreenFeed.items`.
    public var itemIndex: Int
    /// 1-based number over the whole feed, in playing order: the `NNN` of `page-NNN.png`.
    public var number: Int
    /// The page's text lines.
    public var lines: [String]
    /// The pixels, one per LED (see `LEDRaster.pages(of:glyphs:)` for the size by mode).
    public var bitmap: Bitmap

    /// Creates a page.
    public init(itemIndex: Int, number: Int, lines: [String], bitmap: Bitmap) {
        self.itemIndex = itemIndex
        self.number = number
        self.lines = lines
        self.bitmap = bitmap
    }

    /// `page-001.png`, `page-002.png`, …: at least three digits, so names sort in playing order.
    public var fileName: String { "page-" + ContentDate.pad(number, 3) + ".png" }
}

/// Draws screen feeds with GNU Unifont: loading the font once, and the page bitmaps of a feed.
public enum LEDRaster {
    /// Where Debian's `unifont` package installs the font.
    public static let unifontPath = "/usr/share/unifont/unifont.hex"

    /// The diagnostic code of a missing font; `campaign` exits with 2 (an environment error) on it.
    public static let missingFontCode = "environment.unifont"

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

    /// Reads the glyphs of `scalars` from `unifont.hex` at `path`: only those are parsed, once per build.
    ///
    /// A missing or unreadable file is an environment error (exit 2) telling the user to install the package.
    public static func loadGlyphs(
        for scalars: Set<Unicode.Scalar>, path: String = unifontPath
    ) -> (UnifontGlyphs?, Diagnostic?) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            let message =
                "cannot read the GNU Unifont font that draws the LED previews and PNG pages: install the Debian "
                + "package unifont (sudo apt-get install unifont)"
            return (nil, .error(message, code: missingFontCode, file: path))
        }
        return (UnifontGlyphs(hexData: data, only: scalars), nil)
    }

    /// Where Debian's `xfonts-wqy` installs WenQuanYi Bitmap Song; its `9pt` strike is the 12 px one.
    public static let wenquanyi12Path = "/usr/share/fonts/X11/misc/wenquanyi_9pt.pcf"
    /// Where Debian's `fonts-arphic-gbsn00lp` installs AR PL SungtiL GB, rasterised for 24 and 32 px screens.
    public static let outlineFontPath = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"

    /// The font files a build reads for the cell sizes other than 16 (which is Unifont's own).
    public struct FontFiles: Sendable {
        public var wenquanyi12: String
        public var outline: String

        public init(wenquanyi12: String = LEDRaster.wenquanyi12Path, outline: String = LEDRaster.outlineFontPath) {
            self.wenquanyi12 = wenquanyi12
            self.outline = outline
        }
    }

    /// Glyphs for every cell size other than 16 that `feeds` use, for only the characters they show: 12 px from
    /// WenQuanYi Bitmap Song (a bitmap font drawn at 12 px), 24 and 32 px from AR PL SungtiL GB rasterised at that
    /// size with hinting. A missing font file is an environment error naming the Debian package.
    public static func loadCellFonts(
        for feeds: [ScreenFeed], files: FontFiles = FontFiles()
    ) -> ([Int: CellFont], [Diagnostic]) {
        var scalarsBySize: [Int: Set<Unicode.Scalar>] = [:]
        for feed in feeds where feed.screen.font != UnifontGlyph.nativeHeight {
            scalarsBySize[feed.screen.font, default: []].formUnion(scalars(of: [feed]))
        }
        var fonts: [Int: CellFont] = [:]
        var problems: [Diagnostic] = []
        for (size, scalars) in scalarsBySize.sorted(by: { $0.key < $1.key }) {
            if size == 12 {
                guard let data = FileManager.default.contents(atPath: files.wenquanyi12), !data.isEmpty,
                    let pcf = PCFFont(bytes: [UInt8](data)), pcf.pixelSize == 12
                else {
                    problems.append(missingFont(files.wenquanyi12, package: "xfonts-wqy", size: size))
                    continue
                }
                fonts[size] = pcf.cellFont(size: size, scalars: scalars, source: "WenQuanYi Bitmap Song 12px")
            } else {
                guard let data = FileManager.default.contents(atPath: files.outline), !data.isEmpty,
                    let font = OutlineFont.cellFont(
                        fontBytes: [UInt8](data), size: size, scalars: scalars,
                        source: "AR PL SungtiL GB \(size)px (FreeType, hinted)")
                else {
                    problems.append(missingFont(files.outline, package: "fonts-arphic-gbsn00lp", size: size))
                    continue
                }
                fonts[size] = font
            }
        }
        return (fonts, problems)
    }

    static func missingFont(_ path: String, package: String, size: Int) -> Diagnostic {
        let message =
            "cannot read the font that draws \(size)-dot LED previews and PNG pages (无法读取 \(size) 点阵字体): "
            + "install the Debian package \(package) (sudo apt-get install \(package))"
        return .error(message, code: missingFontCode, file: path)
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
