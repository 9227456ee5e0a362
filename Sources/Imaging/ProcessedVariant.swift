import Foundation

/// The encodings written for every published photo.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg
    case webp

    /// File name extension without the dot, e.g. `jpg`.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }

    /// MIME type for `<source type="…">`.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }
}

/// One encoded size of a processed photo: oriented, redacted, stripped of metadata, resized.
public struct ProcessedVariant: Sendable, Hashable {
    /// Pixel width of the encoded image (for `srcset` `w` descriptors and the `width` attribute).
    public var width: Int
    /// Pixel height of the encoded image.
    public var height: Int
    public var format: ImageFormat
    /// The encoded file, ready to write under `Output/media/`.
    public var data: Data

    /// Creates a variant; `ImageProcessor` makes these.
    public init(width: Int, height: Int, format: ImageFormat, data: Data) {
        self.width = width
        self.height = height
        self.format = format
        self.data = data
    }
}
