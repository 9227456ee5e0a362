/// Writes a `Bitmap` as an RGB PNG at its exact pixel size, lit LEDs in the screen colour and the rest black.
///
/// Pure Swift and deterministic: the same bitmap and colours always give the same bytes (no time or metadata
/// chunks). The file holds `IHDR` (8-bit RGB, no interlace), one `IDAT` with a zlib stream, and `IEND`.
public struct PNGEncoder: Sendable {
    /// How the zlib stream inside `IDAT` is compressed.
    public enum Compression: Sendable, Hashable {
        /// Uncompressed (stored) DEFLATE blocks: simplest to inspect, about 3 bytes per pixel.
        case stored
        /// One DEFLATE block with the fixed Huffman codes and LZ77 matches; small for mostly-black LED pages.
        case fixedHuffman
    }

    /// The compression used for `IDAT`.
    public var compression: Compression

    /// Creates an encoder; the default compression is `.fixedHuffman`.
    public init(compression: Compression = .fixedHuffman) {
        self.compression = compression
    }

    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes `bitmap` as PNG bytes, lit pixels in `lit` and unlit pixels in `unlit`.
    public func encode(_ bitmap: Bitmap, lit: RGBColor, unlit: RGBColor = .black) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((bitmap.width * 3 + 1) * bitmap.height)
        let litBytes = [lit.red, lit.green, lit.blue]
        let unlitBytes = [unlit.red, unlit.green, unlit.blue]
        for y in 0..<bitmap.height {
            raw.append(0)  // filter type None
            for x in 0..<bitmap.width {
                raw += bitmap[x, y] ? litBytes : unlitBytes
            }
        }

        var zlib: [UInt8] = [0x78, 0x01]  // deflate, 32 KB window, no preset dictionary
        switch compression {
        case .stored: zlib += Deflate.stored(raw)
        case .fixedHuffman: zlib += Deflate.fixedHuffman(raw)
        }
        zlib += Self.bigEndian(Checksums.adler32(raw))

        var header = Self.bigEndian(UInt32(bitmap.width)) + Self.bigEndian(UInt32(bitmap.height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type RGB, deflate, adaptive filtering, no interlace

        var png = Self.signature
        png += Self.chunk("IHDR", header)
        png += Self.chunk("IDAT", zlib)
        png += Self.chunk("IEND", [])
        return png
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var crc = Checksums.crc32(typeBytes)
        crc = Checksums.crc32(data, continuing: crc)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
