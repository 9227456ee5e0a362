import CampaignCore
import Foundation

/// The exposure notices of a site, ready to render: texts masked, photos processed.
struct ExposureContent: Sendable {
    /// Notices newest first (`ExposureNotice.newestFirstOrder`), every published text masked.
    var notices: [ExposureNotice] = []
    /// Processed photos by `PublishedPhoto.key(_:_:)`.
    var photos: [String: PublishedPhoto] = [:]
    /// Photos run through libvips in this build.
    var processedPhotos = 0
    /// Photos whose variants were taken from the image cache.
    var cachedPhotos = 0
}
