import CampaignCore
import Foundation

/// Reading the fonts that draw the pages: the only file of LEDFeed that reads the file system.
extension LEDRaster {
    /// Where Debian's `unifont` package installs the font.
    public static let unifontPath = "/usr/share/unifont/unifont.hex"

    /// The diagnostic code of a missing font; `campaign` exits with 2 (an environment error) on it.
    public static let missingFontCode = "environment.unifont"

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
}
