import Foundation

@testable import Imaging

/// Synthetic photos and byte-level inspection of encoded files, built at test time.
enum TestImages {
    /// A black-and-white checkerboard of `square`-pixel squares, with a coloured tint so chroma is not flat.
    static func checkerboard(width: Int, height: Int, square: Int = 4, bands: Int = 3) -> DecodedPixels {
        var bytes = [UInt8](repeating: 0, count: width * height * bands)
        for y in 0..<height {
            for x in 0..<width {
                let light = ((x / square) + (y / square)) % 2 == 0
                let base = (y * width + x) * bands
                for band in 0..<bands {
                    bytes[base + band] = band == 3 ? 255 : (light ? 240 : UInt8(20 + band * 10))
                }
            }
        }
        return DecodedPixels(width: width, height: height, bands: bands, bytes: bytes)
    }

    /// A smooth gradient, so resized variants are easy to encode.
    static func gradient(width: Int, height: Int) -> DecodedPixels {
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let base = (y * width + x) * 3
                bytes[base] = UInt8(x * 255 / max(1, width - 1))
                bytes[base + 1] = UInt8(y * 255 / max(1, height - 1))
                bytes[base + 2] = 128
            }
        }
        return DecodedPixels(width: width, height: height, bands: 3, bytes: bytes)
    }

    /// A minimal little-endian EXIF block (with the `Exif\0\0` header) holding an orientation and a GPS
    /// position (36°3'N 103°50'E, Lanzhou).
    static func exifWithGPS(orientation: UInt16 = 1) -> [UInt8] {
        var bytes: [UInt8] = Array("Exif".utf8) + [0, 0]
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]
        func u16(_ value: UInt16) { tiff += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func u32(_ value: UInt32) { tiff += (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        func entry(_ tag: UInt16, _ type: UInt16, _ count: UInt32, _ value: [UInt8]) {
            u16(tag)
            u16(type)
            u32(count)
            tiff += value + [UInt8](repeating: 0, count: 4 - value.count)
        }
        func offset(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        // IFD0 at 8: Orientation, GPS IFD pointer (IFD0 is 2 + 2×12 + 4 = 30 bytes, GPS IFD at 38).
        u16(2)
        entry(0x0112, 3, 1, [UInt8(orientation & 0xFF), UInt8(orientation >> 8)])
        entry(0x8825, 4, 1, offset(38))
        u32(0)
        // GPS IFD at 38: 5 entries (2 + 60 + 4 = 66 bytes), rationals at 104 and 128.
        u16(5)
        entry(0x0000, 1, 4, [2, 3, 0, 0])
        entry(0x0001, 2, 2, Array("N".utf8) + [0])
        entry(0x0002, 5, 3, offset(104))
        entry(0x0003, 2, 2, Array("E".utf8) + [0])
        entry(0x0004, 5, 3, offset(128))
        u32(0)
        for value: UInt32 in [36, 1, 3, 1, 0, 1, 103, 1, 50, 1, 0, 1] { u32(value) }
        bytes += tiff
        return bytes
    }

    static let xmp = Array(
        """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">\
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description \
        xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="36,3.0N"/></rdf:RDF></x:xmpmeta>\
        <?xpacket end="w"?>
        """.utf8)

    /// The JPEG marker segments before the image data, as (marker, payload).
    static func jpegSegments(_ data: Data) -> [(marker: UInt8, payload: [UInt8])] {
        let bytes = [UInt8](data)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return [] }
        var segments: [(UInt8, [UInt8])] = []
        var index = 2
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if marker == 0xDA { break }  // start of scan: metadata only comes before it
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let end = min(bytes.count, index + 2 + length)
            segments.append((marker, Array(bytes[(index + 4)..<end])))
            index = end
        }
        return segments
    }

    /// The RIFF chunk names of a WebP file, e.g. `["VP8 "]`.
    static func webpChunks(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, String(decoding: bytes[8..<12], as: UTF8.self) == "WEBP" else { return [] }
        var chunks: [String] = []
        var index = 12
        while index + 8 <= bytes.count {
            chunks.append(String(decoding: bytes[index..<(index + 4)], as: UTF8.self))
            let size = (0..<4).reduce(0) { $0 | Int(bytes[index + 4 + $1]) << (8 * $1) }
            index += 8 + size + (size % 2)
        }
        return chunks
    }

    static func contains(_ data: Data, _ text: String) -> Bool {
        data.range(of: Data(text.utf8)) != nil
    }

    /// Mean absolute difference of all bands over the pixels of `rect` for which `include` holds.
    static func meanDifference(
        _ a: DecodedPixels, _ b: DecodedPixels, where include: (Int, Int) -> Bool
    ) -> Double {
        var total = 0
        var count = 0
        for y in 0..<min(a.height, b.height) {
            for x in 0..<min(a.width, b.width) where include(x, y) {
                for band in 0..<min(a.bands, b.bands) {
                    total += abs(Int(a[x, y, band]) - Int(b[x, y, band]))
                    count += 1
                }
            }
        }
        return count == 0 ? 0 : Double(total) / Double(count)
    }
}
