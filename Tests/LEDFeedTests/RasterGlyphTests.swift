import Foundation
import Testing

@testable import LEDFeed

/// Unifont lines used across the raster tests: `A` (half width) and `中` (full width), copied from unifont.hex.
enum RasterFixtures {
    static let letterA = "0041:0000000018242442427E424242420000"
    static let zhong = "4E2D:01000100010001003FF8210821082108210821083FF821080100010001000100"
    static let font = UnifontGlyphs(hexText: letterA + "\n" + zhong + "\n")

    /// `A` drawn by hand from its hex rows 00 00 00 00 18 24 24 42 42 7E 42 42 42 42 00 00.
    static let letterAArt = [
        "........", "........", "........", "........",
        "...##...", "..#..#..", "..#..#..", ".#....#.",
        ".#....#.", ".######.", ".#....#.", ".#....#.",
        ".#....#.", ".#....#.", "........", "........",
    ]

    /// `中` drawn by hand from its hex rows 0100×4, 3FF8, 2108×5, 3FF8, 2108, 0100×4.
    static let zhongArt = [
        ".......#........", ".......#........", ".......#........", ".......#........",
        "..###########...", "..#....#....#...", "..#....#....#...", "..#....#....#...",
        "..#....#....#...", "..#....#....#...", "..###########...", "..#....#....#...",
        ".......#........", ".......#........", ".......#........", ".......#........",
    ]
}

@Suite struct RasterGlyphTests {
    @Test func parsesHalfAndFullWidthGlyphs() throws {
        let font = RasterFixtures.font
        #expect(font.count == 2)
        let a = try #require(font.glyph(for: Unicode.Scalar(0x41)!))
        #expect(a.width == 8)
        #expect(a.rows[4] == 0x1800)
        #expect(a.rows[9] == 0x7E00)
        let zhong = try #require(font.glyph(for: Character("中")))
        #expect(zhong.width == 16)
        #expect(zhong.rows[4] == 0x3FF8)
        #expect(zhong.isLit(x: 7, y: 0))
        #expect(!zhong.isLit(x: 6, y: 0))
        #expect(font.glyph(for: Character("文")) == nil)
    }

    @Test func glyphBitsMatchHandDrawnArt() throws {
        let a = try #require(RasterFixtures.font.glyph(for: Character("A")))
        let drawn = (0..<16).map { y in String((0..<8).map { a.isLit(x: $0, y: y) ? "#" : "." }) }
        #expect(drawn == RasterFixtures.letterAArt)
    }

    @Test func acceptsLowercaseCRLFAndLongCodePoints() throws {
        let text = "0041:0000000018242442427e424242420000\r\n1F600:" + String(repeating: "ff", count: 32) + "\r\n"
        let font = UnifontGlyphs(hexText: text)
        #expect(font.malformedLines.isEmpty)
        #expect(try #require(font.glyph(for: Character("A"))).rows[9] == 0x7E00)
        #expect(try #require(font.glyph(for: Unicode.Scalar(0x1F600)!)).rows.allSatisfy { $0 == 0xFFFF })
    }

    @Test func onlyParsesRequestedScalars() {
        let text = RasterFixtures.letterA + "\n" + RasterFixtures.zhong + "\n"
        let font = UnifontGlyphs(hexText: text, only: ["中"])
        #expect(font.count == 1)
        #expect(font.contains("中"))
        #expect(!font.contains("A"))
        let fromData = UnifontGlyphs(hexData: Data(text.utf8), only: ["A"])
        #expect(fromData.glyph(for: Character("A")) == RasterFixtures.font.glyph(for: Character("A")))
    }

    @Test(arguments: [
        ("0041:00000000182424", 1),
        ("zz41:0000000018242442427E424242420000", 1),
        ("0041 0000000018242442427E424242420000", 1),
        ("0041:0000000018242442427E42424242000G", 1),
        ("\n\n0041:", 3),
    ])
    func skipsMalformedLinesWithTheirNumbers(line: String, lineNumber: Int) {
        let font = UnifontGlyphs(hexText: line + "\n" + RasterFixtures.zhong)
        #expect(font.malformedLines == [lineNumber])
        #expect(font.count == 1)
        #expect(font.contains("中"))
    }

    @Test func replacementBoxIsVisibleInBothWidths() {
        let wide = UnifontGlyph.replacementBox(fullWidth: true)
        let narrow = UnifontGlyph.replacementBox(fullWidth: false)
        #expect(wide.width == 16 && narrow.width == 8)
        #expect(wide.isLit(x: 1, y: 2) && wide.isLit(x: 14, y: 13) && !wide.isLit(x: 7, y: 7))
        #expect(narrow.isLit(x: 1, y: 2) && narrow.isLit(x: 6, y: 13) && !narrow.isLit(x: 7, y: 7))
    }
}
