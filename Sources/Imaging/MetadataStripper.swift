import Foundation

/// Removes metadata containers from encoded JPEG and WebP files, byte by byte.
///
/// libvips is asked to `strip` on save, but its WebP saver in 8.14 still writes an EXIF chunk rebuilt
/// from the image header (resolution, orientation). Privacy (docs/exposure-notices.md, "Personal data") must not depend on a library
/// version, so every encoded file passes through here: what remains is only what decoding needs.
enum MetadataStripper {
    /// JPEG without APP1–APP13, APP15 (EXIF, XMP, ICC, IPTC, …) and COM segments. APP0 (JFIF) and
    /// APP14 (Adobe colour transform) are kept because decoders read them.
    static func strippedJPEG(_ data: Data) throws(ImagingError) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw malformed("JPEG") }
        var output: [UInt8] = [0xFF, 0xD8]
        output.reserveCapacity(bytes.count)
        var index = 2
        while index + 1 < bytes.count {
            guard bytes[index] == 0xFF else { throw malformed("JPEG") }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte before a marker
                index += 1
                continue
            }
            if marker == 0xDA || marker == 0xD9 {  // start of scan or end of image: copy the rest as is
                output.append(contentsOf: bytes[index...])
                return Data(output)
            }
            guard index + 3 < bytes.count else { throw malformed("JPEG") }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let end = index + 2 + length
            guard length >= 2, end <= bytes.count else { throw malformed("JPEG") }
            let isMetadata = (0xE1...0xED).contains(marker) || marker == 0xEF || marker == 0xFE
            if !isMetadata { output.append(contentsOf: bytes[index..<end]) }
            index = end
        }
        throw malformed("JPEG")
    }

    /// WebP without EXIF, XMP and ICCP chunks, with the matching VP8X flags cleared and the RIFF size fixed.
    static func strippedWebP(_ data: Data) throws(ImagingError) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8)
        else { throw malformed("WebP") }
        let kept: Set<String> = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF"]
        var body: [UInt8] = Array("WEBP".utf8)
        var index = 12
        while index < bytes.count {
            guard index + 8 <= bytes.count else { throw malformed("WebP") }
            let name = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            let size = (0..<4).reduce(0) { $0 | Int(bytes[index + 4 + $1]) << (8 * $1) }
            let end = index + 8 + size + size % 2
            guard end <= bytes.count || (end == bytes.count + 1 && size % 2 == 1) else { throw malformed("WebP") }
            if kept.contains(name) {
                var chunk = Array(bytes[index..<min(end, bytes.count)])
                if chunk.count < end - index { chunk.append(0) }
                if name == "VP8X", chunk.count > 8 {
                    chunk[8] &= ~(0x20 | 0x08 | 0x04)  // ICC, EXIF, XMP present
                }
                body.append(contentsOf: chunk)
            }
            index = end
        }
        let riffSize = UInt32(body.count)
        var output: [UInt8] = Array("RIFF".utf8)
        output.append(contentsOf: (0..<4).map { UInt8((riffSize >> (8 * $0)) & 0xFF) })
        output.append(contentsOf: body)
        return Data(output)
    }

    private static func malformed(_ format: String) -> ImagingError {
        ImagingError(
            .processingFailed, "the encoder produced a malformed \(format) file; metadata could not be checked")
    }
}
