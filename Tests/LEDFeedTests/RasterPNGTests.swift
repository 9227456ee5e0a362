import Foundation
import TestSupport
import Testing

@testable import LEDFeed

@Suite struct RasterPNGTests {
    struct Chunk {
        var type: String
        var data: [UInt8]
        var storedCRC: UInt32
    }

    static func chunks(_ png: [UInt8]) throws -> [Chunk] {
        var chunks: [Chunk] = []
        var offset = 8
        while offset < png.count {
            try #require(offset + 12 <= png.count)
            let length = Int(bigEndian(png, offset))
            try #require(offset + 12 + length <= png.count)
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(png[offset + 8..<offset + 8 + length])
            chunks.append(Chunk(type: type, data: data, storedCRC: bigEndian(png, offset + 8 + length)))
            offset += 12 + length
        }
        return chunks
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Bit-by-bit CRC-32, independent of the table-driven one under test.
    static func referenceCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static let testBitmap = Bitmap(art: ["#..#.", ".##..", "....#"])

    @Test(arguments: [PNGEncoder.Compression.stored, .fixedHuffman])
    func writesAValidRGBImageAtTheExactSize(compression: PNGEncoder.Compression) throws {
        let png = PNGEncoder(compression: compression).encode(Self.testBitmap, lit: .amber)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = try Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        for chunk in chunks {
            #expect(chunk.storedCRC == Self.referenceCRC(Array(chunk.type.utf8) + chunk.data), "CRC of \(chunk.type)")
        }
        let header = chunks[0].data
        #expect(Self.bigEndian(header, 0) == 5)
        #expect(Self.bigEndian(header, 4) == 3)
        #expect(Array(header[8...]) == [8, 2, 0, 0, 0])

        let raw = try ZlibReader.inflate(chunks[1].data)
        try #require(raw.count == 3 * (1 + 5 * 3))
        for y in 0..<3 {
            let row = y * 16
            #expect(raw[row] == 0, "filter byte of row \(y)")
            for x in 0..<5 {
                let pixel = Array(raw[row + 1 + x * 3..<row + 4 + x * 3])
                let expected: [UInt8] = Self.testBitmap[x, y] ? [0xFF, 0xB0, 0x00] : [0, 0, 0]
                #expect(pixel == expected, "pixel \(x),\(y)")
            }
        }
    }

    @Test func checksumsMatchKnownValues() {
        #expect(Checksums.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func largePageCompressesAndRoundTrips() throws {
        let renderer = DotMatrixRenderer(glyphs: RasterFixtures.font, font: 32)
        let bitmap = renderer.render(page: ["中A中", "A中A中A中A中A中A中A"], width: 480, height: 160)
        let stored = PNGEncoder(compression: .stored).encode(bitmap, lit: .red)
        let packed = PNGEncoder().encode(bitmap, lit: .red)
        #expect(packed.count * 10 < stored.count)
        let storedRaw = try ZlibReader.inflate(try Self.chunks(stored)[1].data)
        let packedRaw = try ZlibReader.inflate(try Self.chunks(packed)[1].data)
        #expect(storedRaw == packedRaw)
        let stride = 480 * 3 + 1
        var litPixels = 0
        for y in 0..<160 {
            for x in 0..<480 where packedRaw[y * stride + 1 + x * 3] == 0xFF {
                litPixels += 1
                #expect(bitmap[x, y], "pixel \(x),\(y)")
            }
        }
        #expect(litPixels == bitmap.litCount)
        #expect(PNGEncoder().encode(bitmap, lit: .red) == packed)
    }

    @Test(arguments: [
        ("red", RGBColor.red), ("amber", .amber), ("green", .green), ("white", .white), ("dual", .amber),
        ("full", .white),
    ])
    func screenColours(name: String, color: RGBColor) {
        #expect(RGBColor.screen(name) == color)
    }

    @Test func unknownScreenColourIsNil() {
        #expect(RGBColor.screen("blue") == nil)
        #expect(RGBColor.amber.hex == "#FFB000")
    }
}
