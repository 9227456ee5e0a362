import Foundation

/// Turns an uploaded photo into the published variants: auto-oriented, redacted, metadata-free, resized.
///
/// Pipeline (docs/exposure-notices.md, "Personal data"): decode → apply the EXIF orientation → convert to sRGB → drop every metadata
/// field → pixelate each `redact` box at full resolution → resize to each width (never up) → encode JPEG
/// and WebP with `strip`. Originals are never returned or copied.
///
/// Redact boxes are `[x, y, width, height]` in pixels of the full-size photo **as it is displayed**,
/// that is after auto-orientation: an editor draws the box on the picture as any viewer shows it, and
/// a phone photo stored sideways with an EXIF orientation tag is shown upright everywhere.
///
/// Safe to call from many tasks at once: every call owns its libvips images, and libvips starts once.
public enum ImageProcessor {
    /// The widths every photo is published at (`srcset`), when the original is wide enough.
    public static let standardWidths = [480, 960, 1600]
    /// Default encoder quality for JPEG and WebP.
    public static let defaultQuality = 80
    /// Bumped whenever the output of the same input would change, so cached files are not reused.
    public static let pipelineVersion = 1
    /// Photos with more pixels than this are refused rather than risking memory exhaustion.
    public static let maximumPixels = 100_000_000

    /// Processes one photo into a JPEG and a WebP per target width, smallest width first.
    ///
    /// - Parameters:
    ///   - original: the uploaded file's bytes (JPEG, PNG, WebP, HEIC/AVIF, TIFF or GIF).
    ///   - redact: boxes `[x, y, width, height]` in displayed (auto-oriented) full-size pixels.
    ///   - widths: requested widths; see `targetWidths(originalWidth:requested:)`.
    /// - Throws: `ImagingError` for unreadable input, a bad or outside box, or a non-positive width.
    public static func process(
        original: Data, redact: [[Int]] = [], widths: [Int] = standardWidths, quality: Int = defaultQuality
    ) throws(ImagingError) -> [ProcessedVariant] {
        var boxes: [RedactBox] = []
        for (index, entry) in redact.enumerated() {
            boxes.append(try RedactBox(entry, index: index))
        }
        for width in widths where width <= 0 {
            throw ImagingError(.invalidWidth, "image width \(width) is not positive")
        }
        return try VipsPipeline.process(
            original, boxes: boxes, widths: widths, quality: min(100, max(1, quality)))
    }

    /// The widths actually produced: each requested width not wider than the original, without
    /// duplicates, ascending; a photo narrower than every requested width gets one variant at its own width.
    public static func targetWidths(originalWidth: Int, requested: [Int]) -> [Int] {
        let fitting = Set(requested.filter { $0 > 0 && $0 <= originalWidth }).sorted()
        return fitting.isEmpty ? [originalWidth] : fitting
    }
}

/// A validated `redact` entry.
struct RedactBox: Sendable, Hashable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    /// Position in the `redact` list, for messages (0-based).
    var index: Int

    init(_ entry: [Int], index: Int) throws(ImagingError) {
        guard entry.count == 4, entry[0] >= 0, entry[1] >= 0, entry[2] > 0, entry[3] > 0 else {
            throw ImagingError(
                .invalidBox,
                "redact box \(index + 1) \(entry) is not [x, y, width, height] with x, y ≥ 0 and width, height > 0")
        }
        x = entry[0]
        y = entry[1]
        width = entry[2]
        height = entry[3]
        self.index = index
    }

    /// Throws unless the box lies inside a `imageWidth` × `imageHeight` photo.
    func check(imageWidth: Int, imageHeight: Int) throws(ImagingError) {
        // Compared without adding: `x + width` of a box typed with huge numbers would overflow and trap.
        guard x <= imageWidth, width <= imageWidth - x, y <= imageHeight, height <= imageHeight - y else {
            throw ImagingError(
                .boxOutside,
                "redact box \(index + 1) [\(x), \(y), \(width), \(height)] reaches outside the photo, which is "
                    + "\(imageWidth)×\(imageHeight) pixels as displayed; x + width must be ≤ \(imageWidth) and "
                    + "y + height ≤ \(imageHeight)")
        }
    }
}
