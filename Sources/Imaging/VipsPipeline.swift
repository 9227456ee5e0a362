import CVipsLoader
import Foundation

/// Every libvips call of the project. Each image handle is released with `defer` right where it is
/// made; only Swift values (`Data`, sizes, pixel arrays) leave this file.
enum VipsPipeline {
    /// A `cp_image`: a libvips image.
    private typealias Image = OpaquePointer
    private typealias Output = UnsafeMutablePointer<Image?>

    /// libvips is loaded and started once per process, when the first photo comes (`cp_init`).
    private static var started: Bool { cp_init() == 0 }

    /// Why libvips could not be loaded or started.
    private static var startError: String { String(cString: cp_init_error()) }

    /// Loaders allowed for uploads; anything else (SVG, PDF, raw formats) is refused as not a photo.
    private static let photoLoaders: Set<String> = [
        "jpegload_buffer", "pngload_buffer", "webpload_buffer", "heifload_buffer", "tiffload_buffer",
        "gifload_buffer",
    ]

    private static let formatsHint = "save it as JPEG, PNG or WebP"

    static func process(
        _ original: Data, boxes: [RedactBox], widths: [Int], quality: Int
    ) throws(ImagingError) -> [ProcessedVariant] {
        guard started else {
            throw ImagingError(.processingFailed, "libvips could not start: \(startError)")
        }
        do {
            // libvips reads the caller's bytes in place, so the whole pipeline runs inside this closure.
            return try original.withUnsafeBytes { raw throws -> [ProcessedVariant] in
                try process(raw, boxes: boxes, widths: widths, quality: quality)
            }
        } catch let error as ImagingError {
            throw error
        } catch {
            throw ImagingError(.processingFailed, "photo processing failed: \(error)")
        }
    }

    private static func process(
        _ raw: UnsafeRawBufferPointer, boxes: [RedactBox], widths: [Int], quality: Int
    ) throws(ImagingError) -> [ProcessedVariant] {
        guard let base = raw.baseAddress, !raw.isEmpty else {
            throw ImagingError(.notAnImage, "the photo file is empty; \(formatsHint)")
        }
        guard let loaderName = cp_find_loader_nickname(base, raw.count),
            photoLoaders.contains(String(cString: loaderName))
        else {
            cp_error_clear()
            throw ImagingError(.notAnImage, "the file is not a photo in a supported format; \(formatsHint)")
        }
        guard let loaded = cp_new_from_buffer(base, raw.count) else {
            throw ImagingError(.corrupt, "the photo cannot be read (\(takeVipsError())); \(formatsHint) again")
        }
        defer { cp_unref(loaded) }
        let pixels = Int(cp_width(loaded)) * Int(cp_height(loaded))
        guard pixels <= ImageProcessor.maximumPixels else {
            throw ImagingError(
                .tooLarge,
                "the photo has \(pixels / 1_000_000) megapixels, more than the \(ImageProcessor.maximumPixels / 1_000_000) "
                    + "accepted; scale it down before adding it")
        }

        let rotated = try make(.corrupt, "orient") { cp_autorot(loaded, $0) }
        defer { cp_unref(rotated) }
        let srgb = try make(.corrupt, "convert to sRGB") { cp_to_srgb(rotated, $0) }
        defer { cp_unref(srgb) }
        let clean = try make(.processingFailed, "strip metadata") { cp_copy_without_metadata(srgb, $0) }
        defer { cp_unref(clean) }

        let fullWidth = Int(cp_width(clean))
        let fullHeight = Int(cp_height(clean))
        for box in boxes {
            try box.check(imageWidth: fullWidth, imageHeight: fullHeight)
        }

        var redacted = clean
        cp_ref(redacted)
        defer { cp_unref(redacted) }
        for box in boxes {
            let next = try pixelate(redacted, box)
            cp_unref(redacted)
            redacted = next
        }
        // Decode and redact once; every size is made from this memory copy. Decoding errors of a
        // damaged file surface here, when pixels are first read.
        guard let full = cp_copy_memory(redacted) else {
            throw ImagingError(.corrupt, "the photo is damaged (\(takeVipsError())); \(formatsHint) again")
        }
        defer { cp_unref(full) }

        var variants: [ProcessedVariant] = []
        for width in ImageProcessor.targetWidths(originalWidth: fullWidth, requested: widths) {
            let sized = try resized(full, to: width, from: fullWidth)
            defer { cp_unref(sized) }
            let size = (Int(cp_width(sized)), Int(cp_height(sized)))
            let opaque: Image
            if cp_has_alpha(sized) != 0 {
                opaque = try make(.processingFailed, "flatten transparency") { cp_flatten_white(sized, $0) }
            } else {
                opaque = sized
                cp_ref(opaque)
            }
            defer { cp_unref(opaque) }
            let jpeg = try encode(.jpeg, opaque, quality: quality)
            variants.append(ProcessedVariant(width: size.0, height: size.1, format: .jpeg, data: jpeg))
            guard size.0 <= maximumWebPSide, size.1 <= maximumWebPSide else {
                throw ImagingError(
                    .tooLarge,
                    "照片缩放后为 \(size.0)×\(size.1) 像素，超过 WebP 每边 \(maximumWebPSide) 像素的上限；"
                        + "请把照片裁切或缩小到每边不超过 \(maximumWebPSide) 像素后再放入 "
                        + "(too large for WebP, which allows at most \(maximumWebPSide) px a side: "
                        + "crop or shrink the photo)")
            }
            let webp = try encode(.webp, sized, quality: quality)
            variants.append(ProcessedVariant(width: size.0, height: size.1, format: .webp, data: webp))
        }
        return variants
    }

    /// The largest width or height the WebP format can hold.
    static let maximumWebPSide = 16383

    /// A new reference to `image` scaled to `width` (the same image when no scaling is needed).
    private static func resized(_ image: Image, to width: Int, from fullWidth: Int) throws(ImagingError) -> Image {
        if width == fullWidth {
            cp_ref(image)
            return image
        }
        let scale = Double(width) / Double(fullWidth)
        let lazy = try make(.processingFailed, "resize") { cp_resize(image, $0, scale, scale) }
        defer { cp_unref(lazy) }
        // Both encoders read the resized pixels; compute them once.
        guard let memory = cp_copy_memory(lazy) else {
            throw ImagingError(.processingFailed, "resizing the photo failed: \(takeVipsError())")
        }
        return memory
    }

    /// `image` with the box replaced by coarse blocks: averaged down to about 16 blocks along the
    /// longer side (blocks at least 8 px), then enlarged again by pixel replication.
    private static func pixelate(_ image: Image, _ box: RedactBox) throws(ImagingError) -> Image {
        let region = try make(.processingFailed, "cut out a redact box") {
            cp_extract_area(image, $0, Int32(box.x), Int32(box.y), Int32(box.width), Int32(box.height))
        }
        defer { cp_unref(region) }
        let block = max(8, max(box.width, box.height) / 16)
        let columns = max(1, (box.width + block - 1) / block)
        let rows = max(1, (box.height + block - 1) / block)
        let small = try make(.processingFailed, "average a redact box") {
            cp_resize(region, $0, Double(columns) / Double(box.width), Double(rows) / Double(box.height))
        }
        defer { cp_unref(small) }
        let smallWidth = max(1, Int(cp_width(small)))
        let smallHeight = max(1, Int(cp_height(small)))
        let zoomed = try make(.processingFailed, "enlarge a redact box") {
            cp_zoom(
                small, $0, Int32((box.width + smallWidth - 1) / smallWidth),
                Int32((box.height + smallHeight - 1) / smallHeight))
        }
        defer { cp_unref(zoomed) }
        let cropped = try make(.processingFailed, "crop a redact box") {
            cp_extract_area(zoomed, $0, 0, 0, Int32(box.width), Int32(box.height))
        }
        defer { cp_unref(cropped) }
        let cast = try make(.processingFailed, "convert a redact box") { cp_cast_like(cropped, $0, image) }
        defer { cp_unref(cast) }
        return try make(.processingFailed, "paste a redact box") {
            cp_insert(image, cast, $0, Int32(box.x), Int32(box.y))
        }
    }

    private static func encode(_ format: ImageFormat, _ image: Image, quality: Int) throws(ImagingError) -> Data {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32
        switch format {
        case .jpeg: status = cp_jpegsave_buffer(image, &buffer, &length, Int32(quality))
        case .webp: status = cp_webpsave_buffer(image, &buffer, &length, Int32(quality))
        }
        guard status == 0, let buffer else {
            throw ImagingError(.processingFailed, "encoding the photo as \(format.rawValue) failed: \(takeVipsError())")
        }
        defer { cp_free(buffer) }
        let encoded = Data(bytes: buffer, count: length)
        switch format {
        case .jpeg: return try MetadataStripper.strippedJPEG(encoded)
        case .webp: return try MetadataStripper.strippedWebP(encoded)
        }
    }

    /// Runs one libvips operation that writes a new image to its output argument.
    private static func make(
        _ reason: ImagingError.Reason, _ step: String, _ operation: (Output) -> Int32
    ) throws(ImagingError) -> Image {
        var output: Image?
        let status = operation(&output)
        guard status == 0, let image = output else {
            if let output { cp_unref(output) }
            let detail = takeVipsError()
            let message =
                reason == .corrupt
                ? "the photo is damaged, libvips could not \(step) it (\(detail)); \(formatsHint) again"
                : "photo processing failed to \(step): \(detail)"
            throw ImagingError(reason, message)
        }
        return image
    }

    /// The first line of libvips' error buffer, which is then cleared.
    private static func takeVipsError() -> String {
        guard let copy = cp_error_copy() else { return "unknown libvips error" }
        defer { cp_free(copy) }
        let text = String(cString: copy).trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        return firstLine.isEmpty ? "unknown libvips error" : firstLine
    }
}

// MARK: - Test support

/// Decoded 8-bit pixels, row by row, `bands` bytes per pixel.
struct DecodedPixels: Sendable, Equatable {
    var width: Int
    var height: Int
    var bands: Int
    var bytes: [UInt8]

    /// The byte of `band` at (x, y).
    subscript(x: Int, y: Int, band: Int) -> UInt8 { bytes[(y * width + x) * bands + band] }
}

extension VipsPipeline {
    /// Decodes an encoded image as stored (no orientation applied) into 8-bit pixels.
    static func decode(_ data: Data) throws(ImagingError) -> DecodedPixels {
        guard started else { throw ImagingError(.processingFailed, "libvips could not start: \(startError)") }
        let result: Result<DecodedPixels, ImagingError> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let image = cp_new_from_buffer(base, raw.count) else {
                return .failure(ImagingError(.notAnImage, "cannot decode: \(takeVipsError())"))
            }
            defer { cp_unref(image) }
            var size = 0
            guard cp_is_uchar(image) != 0, let memory = cp_write_to_memory(image, &size)
            else {
                return .failure(ImagingError(.corrupt, "cannot decode to 8-bit pixels: \(takeVipsError())"))
            }
            defer { cp_free(memory) }
            let bytes = Array(UnsafeRawBufferPointer(start: memory, count: size))
            return .success(
                DecodedPixels(
                    width: Int(cp_width(image)), height: Int(cp_height(image)),
                    bands: Int(cp_bands(image)), bytes: bytes))
        }
        return try result.get()
    }

    /// Encodes 8-bit pixels as a JPEG (quality 95, metadata kept) or PNG, attaching the given metadata.
    static func encodeForTest(
        _ pixels: DecodedPixels, png: Bool = false, exif: [UInt8]? = nil, xmp: [UInt8]? = nil,
        orientation: Int? = nil
    ) throws(ImagingError) -> Data {
        guard started else { throw ImagingError(.processingFailed, "libvips could not start: \(startError)") }
        let made = pixels.bytes.withUnsafeBytes { raw in
            cp_new_from_pixels(
                raw.baseAddress, raw.count, Int32(pixels.width), Int32(pixels.height), Int32(pixels.bands))
        }
        guard let image = made else { throw ImagingError(.processingFailed, "cannot build: \(takeVipsError())") }
        defer { cp_unref(image) }
        if let exif {
            exif.withUnsafeBytes { cp_set_blob(image, "exif-data", $0.baseAddress, $0.count) }
        }
        if let xmp {
            xmp.withUnsafeBytes { cp_set_blob(image, "xmp-data", $0.baseAddress, $0.count) }
        }
        if let orientation { cp_set_int(image, "orientation", Int32(orientation)) }
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status =
            png ? cp_pngsave_buffer(image, &buffer, &length) : cp_jpegsave_buffer_keep(image, &buffer, &length)
        guard status == 0, let buffer else {
            throw ImagingError(.processingFailed, "cannot encode: \(takeVipsError())")
        }
        defer { cp_free(buffer) }
        return Data(bytes: buffer, count: length)
    }
}
