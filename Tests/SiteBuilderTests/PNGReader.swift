import Foundation
import TestSupport
import Testing

/// The size and pixels of a PNG written by the site build, decoded independently of `PNGEncoder`.
struct DecodedPNG {
    var width: Int
    var height: Int
    /// RGB triples, row by row.
    var rgb: [UInt8]

    /// Reads IHDR for the size and inflates IDAT (8-bit RGB, filter 0 rows, as `PNGEncoder` writes them).
    init(_ png: [UInt8]) throws {
        try #require(png.count > 8 && Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var header: [UInt8] = []
        var data: [UInt8] = []
        while offset + 12 <= png.count {
            let length = Int(Self.bigEndian(png, offset))
            try #require(offset + 12 + length <= png.count)
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let body = Array(png[offset + 8..<offset + 8 + length])
            if type == "IHDR" { header = body }
            if type == "IDAT" { data += body }
            offset += 12 + length
        }
        try #require(header.count == 13)
        width = Int(Self.bigEndian(header, 0))
        height = Int(Self.bigEndian(header, 4))
        try #require(Array(header[8...]) == [8, 2, 0, 0, 0], "8-bit RGB")
        let raw = try ZlibReader.inflate(data)
        try #require(raw.count == height * (1 + width * 3))
        var rgb: [UInt8] = []
        rgb.reserveCapacity(width * height * 3)
        for y in 0..<height {
            let row = y * (1 + width * 3)
            try #require(raw[row] == 0, "filter byte of row \(y)")
            rgb += raw[row + 1..<row + 1 + width * 3]
        }
        self.rgb = rgb
    }

    /// Only the size, from IHDR.
    static func size(_ png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24, String(decoding: png[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        return (Int(bigEndian(png, 16)), Int(bigEndian(png, 20)))
    }

    func pixel(_ x: Int, _ y: Int) -> [UInt8] {
        let start = (y * width + x) * 3
        return Array(rgb[start..<start + 3])
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
