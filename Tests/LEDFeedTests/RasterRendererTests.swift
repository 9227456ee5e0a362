import Foundation
import Testing

@testable import LEDFeed

@Suite struct RasterRendererTests {
    let renderer = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 16)

    @Test func litPixelsOfAZhongEqualTheGlyphBits() {
        let bitmap = renderer.render(page: ["A中"], width: 24, height: 16)
        let expected = zip(RasterFixtures.letterAArt, RasterFixtures.zhongArt).map { $0 + $1 }
        #expect(bitmap.art == expected)
        #expect(bitmap == Bitmap(art: expected))
    }

    @Test func widthsFollowTheSingleByteRule() {
        #expect(renderer.width(of: "A中") == 24)
        #expect(renderer.width(of: "2026年") == 4 * 8 + 16)
        #expect(renderer.width(of: "，") == 16)
        #expect(DotMatrixRenderer.isSingleByteInGB18030("a"))
        #expect(!DotMatrixRenderer.isSingleByteInGB18030("é"))
    }

    @Test func narrowGlyphIsCentredInAFullWidthCell() {
        let fullWidthA = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 16, isHalfWidth: { _ in false })
        let bitmap = fullWidthA.render(page: ["A"], width: 16, height: 16)
        #expect(bitmap.art == RasterFixtures.letterAArt.map { "...." + $0 + "...." })
    }

    @Test(arguments: [(24, false, 6), (24, true, 0), (32, false, 8), (12, false, 3)])
    func narrowGlyphOffsetAtScaledSizes(font: Int, halfWidth: Bool, offset: Int) {
        let scaled = DotMatrixRenderer(glyphs: RasterFixtures.font, font: font, isHalfWidth: { _ in halfWidth })
        let bitmap = scaled.render(page: ["A"], width: font, height: font)
        let litColumns = (0..<bitmap.width).filter { x in (0..<bitmap.height).contains { bitmap[x, $0] } }
        // The same glyph in a half-width cell at this size fills its cell, so it is the uncentred reference.
        let unshifted = DotMatrixRenderer(glyphs: RasterFixtures.font, font: font, isHalfWidth: { _ in true })
            .render(page: ["A"], width: font, height: font)
        let unshiftedColumns = (0..<unshifted.width).filter { x in (0..<font).contains { unshifted[x, $0] } }
        #expect(litColumns == unshiftedColumns.map { $0 + offset })
    }

    @Test func thirtyTwoPixelsDoublesEveryPixel() {
        let small = renderer.render(page: ["A中"], width: 24, height: 16)
        let big = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 32).render(page: ["A中"], width: 48, height: 32)
        for y in 0..<32 {
            for x in 0..<48 {
                #expect(big[x, y] == small[x / 2, y / 2], "pixel \(x),\(y)")
            }
        }
        #expect(big.litCount == small.litCount * 4)
    }

    @Test func linesStackTopDownWithTheGap() {
        let gapped = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 16, lineGap: 2)
        let bitmap = gapped.render(page: ["中", "中"], width: 16, height: 34)
        let single = renderer.render(page: ["中"], width: 16, height: 16)
        for y in 0..<16 {
            for x in 0..<16 {
                #expect(bitmap[x, y] == single[x, y])
                #expect(bitmap[x, y + 18] == single[x, y])
            }
        }
        #expect(!(0..<16).contains { bitmap[$0, 16] || bitmap[$0, 17] })
    }

    @Test func textPastTheEdgeIsClipped() {
        let bitmap = renderer.render(page: ["中中中", "中"], width: 20, height: 20)
        #expect(bitmap.width == 20 && bitmap.height == 20)
        #expect(bitmap[18, 4])  // second 中's top bar reaches into the picture
    }

    @Test func missingGlyphDrawsAReplacementBox() {
        let empty = DotMatrixRenderer(glyphs: UnifontGlyphs(), font: 16)
        let bitmap = empty.render(page: ["镕x"], width: 24, height: 16)
        #expect(bitmap[1, 2] && bitmap[14, 13])
        #expect(bitmap[16 + 1, 2] && bitmap[16 + 6, 13])
        #expect(!bitmap[7, 7])
    }

    @Test func scrollLineIsAsWideAsTheText() {
        let bitmap = renderer.renderScrollLine("中A中", height: 32)
        #expect(bitmap.width == 40 && bitmap.height == 32)
        #expect(bitmap.litCount == 2 * RasterFixtures.font.litPixels("中") + RasterFixtures.font.litPixels("A"))
        #expect(!(0..<40).contains { x in (16..<32).contains { bitmap[x, $0] } })
    }
}

extension UnifontGlyphs {
    /// Lit pixels of a character's native glyph (0 when missing).
    func litPixels(_ character: Character) -> Int {
        guard let glyph = glyph(for: character) else { return 0 }
        return glyph.rows.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
