import Foundation

/// Why a photo could not be processed; the caller turns it into a `Diagnostic` on the photo's line.
public struct ImagingError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The kind of failure, for callers that pick a diagnostic code.
    public enum Reason: String, Sendable, Hashable {
        /// The bytes are not an image format the build reads (JPEG, PNG, WebP, HEIC/AVIF, TIFF, GIF).
        case notAnImage
        /// The file starts like an image but its pixels cannot be decoded (truncated or damaged).
        case corrupt
        /// The image is larger than the build accepts.
        case tooLarge
        /// A `redact` entry is not four integers `[x, y, width, height]` with positive width and height.
        case invalidBox
        /// A `redact` box reaches outside the photo.
        case boxOutside
        /// A requested width is not positive.
        case invalidWidth
        /// libvips failed while processing or encoding a readable image, or could not start.
        case processingFailed
    }

    public var reason: Reason
    /// A sentence for the editor: what is wrong and how to fix it.
    public var message: String

    /// Creates an error with an editor-facing message.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
