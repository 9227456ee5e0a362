import Foundation

extension ImageProcessor {
    /// A content key for the processed files of one photo: equal inputs give equal keys.
    ///
    /// FNV-1a 64 over the original bytes, the redact boxes, the widths, the quality and
    /// `pipelineVersion`, as 16 lowercase hex digits. Not cryptographic; it only names cache entries.
    public static func cacheKey(
        original: Data, redact: [[Int]], widths: [Int], quality: Int = defaultQuality
    ) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        func mix(_ value: Int) {
            withUnsafeBytes(of: Int64(value).littleEndian) { mix($0) }
        }
        mix(pipelineVersion)
        mix(original.count)
        original.withUnsafeBytes { mix($0) }
        mix(redact.count)
        for box in redact {
            mix(box.count)
            box.forEach(mix)
        }
        mix(widths.count)
        widths.forEach(mix)
        mix(quality)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
