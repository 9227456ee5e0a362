import Foundation
import Testing

@testable import LEDFeed

/// Every GB2312 hanzi at every cell size: drawn from a font made for that size, never empty, no stroke lost.
///
/// Reads the fonts the Makefile installs (Debian `unifont`, `xfonts-wqy`, `fonts-arphic-gbsn00lp`).
@Suite struct RasterCellFontTests {
    static let wenquanyi12 = "/usr/share/fonts/X11/misc/wenquanyi_9pt.pcf"
    static let outline = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
    static let unifont = "/usr/share/unifont/unifont.hex"

    /// The 6,763 hanzi of GB2312 (rows 0xB0–0xF7), decoded from their codes.
    static let hanzi: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = []
        for high in UInt8(0xB0)...UInt8(0xF7) {
            for low in UInt8(0xA1)...UInt8(0xFE) {
                // Row 0xD7 ends at 0xF9; the five codes after it are not GB2312 characters.
                guard let text = LEDEncoder.decode([high, low], as: .gb2312), text.unicodeScalars.count == 1,
                    let scalar = text.unicodeScalars.first, (0x4E00...0x9FFF).contains(scalar.value)
                else { continue }
                scalars.append(scalar)
            }
        }
        return scalars
    }()

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path), "install the font package for \(path)"))
    }

    /// Draws each character alone in its cell and compares with the font's own bitmap.
    static func check(_ font: CellFont, size: Int) {
        let renderer = DotMatrixRenderer(cellFont: font)
        var empty: [Character] = []
        var lost: [Character] = []
        for scalar in hanzi {
            let character = Character(scalar)
            let bitmap = renderer.render(page: [String(character)], width: size, height: size)
            if bitmap.litCount == 0 { empty.append(character) }
            if bitmap.litCount != font.sourceInk[scalar.value] { lost.append(character) }
        }
        #expect(empty.isEmpty, "\(size) px: \(empty.count) empty glyphs, e.g. \(String(empty.prefix(20)))")
        #expect(lost.isEmpty, "\(size) px: \(lost.count) glyphs lose pixels, e.g. \(String(lost.prefix(20)))")
    }

    @Test func gb2312HasItsHanzi() {
        #expect(Self.hanzi.count == 6763)
    }

    @Test func twelveDotGlyphsComeFromWenQuanYi12px() throws {
        let pcf = try #require(PCFFont(bytes: try Self.bytes(Self.wenquanyi12)))
        #expect(pcf.pixelSize == 12)
        let font = pcf.cellFont(size: 12, scalars: Set(Self.hanzi), source: "wqy")
        #expect(font.count == Self.hanzi.count)
        Self.check(font, size: 12)
        // 一 was empty when 12-dot glyphs were made by dropping rows of the 16-dot font.
        let one = try #require(font.glyph(for: Character("一")))
        #expect(one.litCount >= 8)
    }

    @Test(arguments: [24, 32])
    func largeGlyphsAreRasterisedAtTheirSize(size: Int) throws {
        let font = try #require(
            OutlineFont.cellFont(
                fontBytes: try Self.bytes(Self.outline), size: size, scalars: Set(Self.hanzi), source: "ar"))
        #expect(font.count == Self.hanzi.count)
        Self.check(font, size: size)
        // A hinted glyph at its size: 三 has three separate horizontal strokes at every size.
        let three = try #require(font.glyph(for: Character("三")))
        let strokeRows = three.rows.enumerated().filter { $0.element.nonzeroBitCount > size / 3 }.map { $0.offset }
        var strokes = 0
        for (index, row) in strokeRows.enumerated() where index == 0 || strokeRows[index - 1] != row - 1 {
            strokes += 1
        }
        #expect(strokes == 3, "\(three.rows.map { String($0, radix: 2) })")
    }

    @Test func sixteenDotGlyphsAreUnifontsOwn() throws {
        let text = try #require(String(data: Data(try Self.bytes(Self.unifont)), encoding: .utf8))
        let unifont = UnifontGlyphs(hexText: text, only: Set(Self.hanzi))
        let font = CellFont(unifont: unifont, scalars: Set(Self.hanzi))
        #expect(font.count == Self.hanzi.count)
        Self.check(font, size: 16)
    }

    @Test func onlyTheCharactersAskedForAreDecoded() throws {
        let pcf = try #require(PCFFont(bytes: try Self.bytes(Self.wenquanyi12)))
        let font = pcf.cellFont(size: 12, scalars: ["文", "明", "A"], source: "wqy")
        #expect(font.count == 3)
        #expect(font.glyph(for: Character("城")) == nil)
    }

    @Test func brokenFontBytesAreRejectedWithoutCrashing() throws {
        #expect(PCFFont(bytes: []) == nil)
        #expect(PCFFont(bytes: Array("not a font".utf8)) == nil)
        let real = try Self.bytes(Self.wenquanyi12)
        if let truncated = PCFFont(bytes: Array(real.prefix(4096))) {
            _ = truncated.cellFont(size: 12, scalars: ["文"], source: "cut")
        }
        #expect(OutlineFont.cellFont(fontBytes: Array("nope".utf8), size: 24, scalars: ["文"], source: "x") == nil)
    }
}
