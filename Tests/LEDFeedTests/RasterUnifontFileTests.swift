import Foundation
import Testing

@testable import LEDFeed

/// Uses the real font from Debian's `unifont` package when it is installed.
@Suite struct RasterUnifontFileTests {
    static let path = "/usr/share/unifont/unifont.hex"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: path)))
    func rendersWenMingFromTheInstalledFont() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let font = UnifontGlyphs(hexText: text)
        #expect(font.count > 50_000)
        #expect(font.malformedLines.isEmpty)

        let subset = UnifontGlyphs(hexText: text, only: Set("文明".unicodeScalars))
        #expect(subset.count == 2)
        let wen = try #require(font.glyph(for: Character("文")))
        let ming = try #require(font.glyph(for: Character("明")))
        #expect(subset.glyph(for: Character("文")) == wen)
        #expect(wen.width == 16 && ming.width == 16)

        let bitmap = DotMatrixRenderer(glyphs: subset).render(page: ["文明"], width: 32, height: 16)
        #expect(bitmap.litCount > 40)
        for y in 0..<16 {
            for x in 0..<16 {
                #expect(bitmap[x, y] == wen.isLit(x: x, y: y))
                #expect(bitmap[16 + x, y] == ming.isLit(x: x, y: y))
            }
        }
    }
}
