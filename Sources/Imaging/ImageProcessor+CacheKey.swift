import CampaignCore
import Foundation

extension ImageProcessor {
    /// A content key for the processed files of one photo: equal inputs give equal keys.
    ///
    /// FNV-1a 64 over the original bytes, the redact boxes, the widths, the quality and
    /// `pipelineVersion`, as 16 lowercase hex digits. Not cryptographic; it only names cache entries.
    public static func cacheKey(
        original: Data, redact: [[Int]], widths: [Int], quality: Int = defaultQuality
    ) -> String {
        var hasher = FNV1a()
        func mix(_ value: Int) { hasher.combine(value) }
        mix(pipelineVersion)
        mix(original.count)
        original.withUnsafeBytes { hasher.combine($0) }
        mix(redact.count)
        for box in redact {
            mix(box.count)
            box.forEach(mix)
        }
        mix(widths.count)
        widths.forEach(mix)
        mix(quality)
        return hasher.hex()
    }
}
