import CampaignCore
import Foundation
import LEDFeed

/// The identities and content hashes that signed reviews are made over.
extension SiteBuilder {
    /// The content hash of an exposure notice: its text without the review and its photos' bytes.
    ///
    /// Only photos that exist in the bundle (`files`) are read, by `read` with their path in the bundle (the
    /// parser reports the others).
    static func noticeContentHash(
        _ text: String, notice: ExposureNotice, files: Set<String>, read: (String) -> Data?
    ) -> String {
        let photos = notice.photos + (notice.rectification?.photos ?? [])
        let contents = photos.map { photo -> ReviewContent.Photo in
            guard files.contains(photo.file), let data = read(photo.file)
            else { return ReviewContent.Photo(file: photo.file, bytes: []) }
            return ReviewContent.Photo(file: photo.file, bytes: [UInt8](data))
        }
        return ReviewContent.markdownHash(text, photos: contents)
    }

    /// The id of a news item in signatures and in the desk: its file name without the extension.
    static func newsID(fileName: String) -> String {
        ContentPath.deletingExtension(fileName)
    }
}

extension SiteBuilder {
    /// `load` for callers that do not print the review report (`ledFeeds`).
    static func load(_ options: BuildOptions, diagnostics: inout [Diagnostic]) async -> SiteContent? {
        var reviewItems: [ReviewReport.Item] = []
        return await load(options, diagnostics: &diagnostics, reviewItems: &reviewItems)
    }

}

extension ReviewReport.Item {
    /// A news item for the review report.
    init(news item: NewsItem) {
        self.init(kind: .news, file: item.file, title: item.title, review: item.review)
    }

    /// An exposure notice for the review report.
    init(notice: ExposureNotice) {
        self.init(kind: .exposure, file: notice.file, title: notice.title, review: notice.review)
    }

    /// An LED message for the review report, titled by its id.
    init(message: LEDMessage) {
        self.init(kind: .led, file: message.location.file, title: message.id, review: message.review)
    }
}
