import CampaignCore
import Foundation
import Imaging

/// One photo as published: its resized, redacted, metadata-free variants under `media/`.
struct PublishedPhoto: Sendable {
    /// One encoded size.
    struct Variant: Sendable {
        var width: Int
        var height: Int
        var format: ImageFormat
        /// Path inside Output, e.g. `media/exposures/bg-2026-0101/before-1-480.jpg`.
        var outputPath: String
        /// The cached file holding the bytes, or nil when they are kept in `data` (cache not writable).
        var cacheFile: URL?
        var data: Data?

        /// The site path (`/media/…`).
        var sitePath: String { "/" + outputPath }
    }

    /// Every variant, JPEG and WebP, ascending width.
    var variants: [Variant]

    /// The variants of one format, ascending width.
    func variants(_ format: ImageFormat) -> [Variant] { variants.filter { $0.format == format } }

    /// The key of a notice's photo in `ExposureContent.photos`.
    static func key(_ notice: ExposureNotice, _ file: String) -> String { "\(notice.slug)/\(file)" }
}
