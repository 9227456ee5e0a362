import Foundation
import Testing

@testable import Imaging

@Suite struct ImageProcessorTests {
    // MARK: Metadata

    @Test func exifGPSAndXMPAreStrippedFromEveryVariant() throws {
        let original = try VipsPipeline.encodeForTest(
            TestImages.gradient(width: 1000, height: 750), exif: TestImages.exifWithGPS(), xmp: TestImages.xmp)
        // The fixture really carries the metadata the pipeline must remove.
        #expect(TestImages.contains(original, "Exif\0\0"))
        #expect(TestImages.contains(original, "http://ns.adobe.com/xap/1.0/"))
        #expect(TestImages.jpegSegments(original).contains { $0.marker == 0xE1 })

        let variants = try ImageProcessor.process(original: original)
        #expect(variants.map(\.width) == [480, 480, 960, 960])
        #expect(variants.map(\.format) == [.jpeg, .webp, .jpeg, .webp])
        for variant in variants {
            #expect(!TestImages.contains(variant.data, "Exif"))
            #expect(!TestImages.contains(variant.data, "xmpmeta"))
            #expect(!TestImages.contains(variant.data, "GPS"))
            #expect(!TestImages.contains(variant.data, "Photoshop 3.0"))
            switch variant.format {
            case .jpeg:
                let markers = TestImages.jpegSegments(variant.data).map(\.marker)
                #expect(!markers.isEmpty)
                #expect(!markers.contains(0xE1), "APP1 (EXIF/XMP)")
                #expect(!markers.contains(0xE2), "APP2 (ICC)")
                #expect(!markers.contains(0xED), "APP13 (IPTC)")
            case .webp:
                let chunks = TestImages.webpChunks(variant.data)
                #expect(!chunks.isEmpty)
                #expect(chunks.allSatisfy { ["VP8 ", "VP8L", "VP8X", "ALPH"].contains($0) }, "\(chunks)")
            }
        }
    }

    // MARK: Redaction

    @Test func pixelsInsideTheBoxChangeAndOutsideStayTheSame() throws {
        let width = 640
        let height = 480
        let original = try VipsPipeline.encodeForTest(TestImages.checkerboard(width: width, height: height), png: true)
        let box = [96, 80, 160, 128]
        let redacted = try ImageProcessor.process(original: original, redact: [box], widths: [width])
        let plain = try ImageProcessor.process(original: original, redact: [], widths: [width])
        try #require(redacted.count == 2 && plain.count == 2)

        func inside(_ x: Int, _ y: Int) -> Bool { x >= 96 && x < 256 && y >= 80 && y < 208 }
        // JPEG works in 16×16 blocks and smooths colour across one block: skip a 16 px margin.
        func farOutside(_ x: Int, _ y: Int) -> Bool { x < 80 || x >= 272 || y < 64 || y >= 224 }

        for (redactedVariant, plainVariant) in zip(redacted, plain) {
            #expect(redactedVariant.width == width && redactedVariant.height == height)
            let a = try VipsPipeline.decode(redactedVariant.data)
            let b = try VipsPipeline.decode(plainVariant.data)
            let source = TestImages.checkerboard(width: width, height: height)
            #expect(TestImages.meanDifference(a, source, where: inside) > 60, "\(redactedVariant.format)")
            #expect(TestImages.meanDifference(b, source, where: inside) < 40, "\(plainVariant.format)")
            switch redactedVariant.format {
            case .jpeg:
                // Identical pixels outside: only the box was touched.
                #expect(TestImages.meanDifference(a, b, where: farOutside) == 0)
            case .webp:
                // WebP predicts blocks from their neighbours, so allow quantisation noise.
                #expect(TestImages.meanDifference(a, b, where: farOutside) < 3)
            }
        }
    }

    @Test func boxesAreInDisplayedCoordinatesOfAnAutoOrientedPhoto() throws {
        // Stored 320×240 sideways; EXIF orientation 6 shows it upright as 240×320.
        let original = try VipsPipeline.encodeForTest(
            TestImages.checkerboard(width: 320, height: 240), exif: TestImages.exifWithGPS(orientation: 6),
            orientation: 6)
        let plain = try ImageProcessor.process(original: original, widths: [480])
        #expect(plain.map(\.width) == [240, 240])
        #expect(plain.map(\.height) == [320, 320])

        let redacted = try ImageProcessor.process(original: original, redact: [[0, 0, 240, 80]], widths: [480])
        let a = try VipsPipeline.decode(redacted[0].data)
        let b = try VipsPipeline.decode(plain[0].data)
        #expect(TestImages.meanDifference(a, b, where: { _, y in y < 80 }) > 30)
        #expect(TestImages.meanDifference(a, b, where: { _, y in y >= 96 }) == 0)

        // The same box in stored coordinates (320 wide) is outside the displayed photo.
        #expect(throws: ImagingError.self) {
            try ImageProcessor.process(original: original, redact: [[0, 0, 320, 80]], widths: [480])
        }
    }

    // MARK: Sizes

    struct SizeCase: Sendable, CustomTestStringConvertible {
        var width: Int
        var height: Int
        var expected: [Int]
        var testDescription: String { "\(width)×\(height) → \(expected)" }
    }

    @Test(arguments: [
        SizeCase(width: 300, height: 200, expected: [300]),
        SizeCase(width: 480, height: 360, expected: [480]),
        SizeCase(width: 800, height: 600, expected: [480]),
        SizeCase(width: 1000, height: 1500, expected: [480, 960]),
        SizeCase(width: 2000, height: 1000, expected: [480, 960, 1600]),
    ])
    func widthsAreNeverUpscaled(_ size: SizeCase) throws {
        let original = try VipsPipeline.encodeForTest(TestImages.gradient(width: size.width, height: size.height))
        let variants = try ImageProcessor.process(original: original)
        #expect(variants.filter { $0.format == .jpeg }.map(\.width) == size.expected)
        #expect(variants.filter { $0.format == .webp }.map(\.width) == size.expected)
        for variant in variants {
            let decoded = try VipsPipeline.decode(variant.data)
            #expect(decoded.width == variant.width && decoded.height == variant.height)
            let expectedHeight = Double(size.height) * Double(variant.width) / Double(size.width)
            #expect(abs(Double(variant.height) - expectedHeight) <= 1)
            #expect(variant.width <= size.width)
        }
    }

    @Test func targetWidthsSortAndDeduplicate() {
        #expect(ImageProcessor.targetWidths(originalWidth: 1000, requested: [960, 480, 960, 1600]) == [480, 960])
        #expect(ImageProcessor.targetWidths(originalWidth: 200, requested: [480, 960]) == [200])
        #expect(
            ImageProcessor.targetWidths(originalWidth: 1600, requested: ImageProcessor.standardWidths)
                == [480, 960, 1600])
    }

    @Test func transparentPNGBecomesOpaqueJPEG() throws {
        let original = try VipsPipeline.encodeForTest(
            TestImages.checkerboard(width: 500, height: 300, bands: 4), png: true)
        let variants = try ImageProcessor.process(original: original, redact: [[10, 10, 50, 50]])
        let jpeg = try #require(variants.first { $0.format == .jpeg })
        #expect(try VipsPipeline.decode(jpeg.data).bands == 3)
    }

    // MARK: Errors

    static let unreadable: [(String, Data)] = [
        ("empty", Data()),
        ("text", Data("这不是图片 not an image".utf8)),
        ("svg", Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#.utf8)),
        ("png signature only", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])),
        ("jpeg header only", Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0])),
    ]

    @Test(arguments: unreadable.map(\.0))
    func unreadableInputIsAnError(_ name: String) throws {
        let data = try #require(Self.unreadable.first { $0.0 == name }?.1)
        let error = try #require(throws: ImagingError.self) { try ImageProcessor.process(original: data) }
        #expect([.notAnImage, .corrupt].contains(error.reason))
        #expect(!error.message.isEmpty)
    }

    @Test func truncatedJPEGIsAnError() throws {
        let original = try VipsPipeline.encodeForTest(TestImages.checkerboard(width: 400, height: 300))
        let truncated = original.prefix(original.count / 2)
        let error = try #require(throws: ImagingError.self) { try ImageProcessor.process(original: Data(truncated)) }
        #expect(error.reason == .corrupt)
    }

    struct BoxCase: Sendable, CustomTestStringConvertible {
        var box: [Int]
        var reason: ImagingError.Reason
        var testDescription: String { "\(box)" }
    }

    @Test(arguments: [
        BoxCase(box: [1, 2, 3], reason: .invalidBox),
        BoxCase(box: [-1, 0, 10, 10], reason: .invalidBox),
        BoxCase(box: [0, 0, 0, 10], reason: .invalidBox),
        BoxCase(box: [600, 0, 100, 10], reason: .boxOutside),
        BoxCase(box: [0, 400, 10, 81], reason: .boxOutside),
        // Huge numbers once overflowed `x + width` and crashed the build.
        BoxCase(box: [Int.max, 0, Int.max, 10], reason: .boxOutside),
        BoxCase(box: [1, Int.max - 1, 10, Int.max], reason: .boxOutside),
    ])
    func badBoxesAreErrors(_ testCase: BoxCase) throws {
        let original = try VipsPipeline.encodeForTest(TestImages.gradient(width: 640, height: 480))
        let error = try #require(throws: ImagingError.self) {
            try ImageProcessor.process(original: original, redact: [[0, 0, 10, 10], testCase.box])
        }
        #expect(error.reason == testCase.reason)
        #expect(error.message.contains("redact box 2"))
        if testCase.reason == .boxOutside { #expect(error.message.contains("640×480")) }
    }

    @Test func aPhotoTooTallForWebPSaysSoAndWhatToDo() throws {
        // 20 × 17,000: narrower than every standard width, so it keeps its size, taller than WebP allows.
        let original = try VipsPipeline.encodeForTest(TestImages.gradient(width: 20, height: 17_000))
        let error = try #require(throws: ImagingError.self) { try ImageProcessor.process(original: original) }
        #expect(error.reason == .tooLarge)
        #expect(error.message.contains("WebP"))
        #expect(error.message.contains("16383"))
        #expect(error.message.contains("裁切或缩小"))
    }

    // MARK: Concurrency and cache

    @Test func concurrentCallsGiveTheSameBytes() async throws {
        let original = try VipsPipeline.encodeForTest(TestImages.checkerboard(width: 1000, height: 600))
        let boxes = [[100, 100, 200, 150]]
        let expected = try ImageProcessor.process(original: original, redact: boxes)
        let results = try await withThrowingTaskGroup(of: [ProcessedVariant].self) { group in
            for _ in 0..<6 {
                group.addTask { try ImageProcessor.process(original: original, redact: boxes) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func cacheKeyChangesWithEveryInput() {
        let photo = Data([1, 2, 3, 4])
        let key = ImageProcessor.cacheKey(original: photo, redact: [[1, 2, 3, 4]], widths: [480, 960])
        #expect(key.count == 16)
        #expect(key.allSatisfy { $0.isHexDigit })
        #expect(key == ImageProcessor.cacheKey(original: photo, redact: [[1, 2, 3, 4]], widths: [480, 960]))
        let others = [
            ImageProcessor.cacheKey(original: Data([1, 2, 3, 5]), redact: [[1, 2, 3, 4]], widths: [480, 960]),
            ImageProcessor.cacheKey(original: photo, redact: [[1, 2, 3, 5]], widths: [480, 960]),
            ImageProcessor.cacheKey(original: photo, redact: [], widths: [480, 960]),
            ImageProcessor.cacheKey(original: photo, redact: [[1, 2], [3, 4]], widths: [480, 960]),
            ImageProcessor.cacheKey(original: photo, redact: [[1, 2, 3, 4]], widths: [480]),
            ImageProcessor.cacheKey(original: photo, redact: [[1, 2, 3, 4]], widths: [480, 960], quality: 90),
        ]
        #expect(Set(others + [key]).count == others.count + 1)
    }
}

@Suite struct MetadataStripperTests {
    @Test func jpegLosesMetadataSegmentsButStillDecodes() throws {
        let original = try VipsPipeline.encodeForTest(
            TestImages.gradient(width: 64, height: 48), exif: TestImages.exifWithGPS(), xmp: TestImages.xmp)
        #expect(TestImages.jpegSegments(original).contains { $0.marker == 0xE1 })
        let stripped = try MetadataStripper.strippedJPEG(original)
        #expect(!TestImages.jpegSegments(stripped).contains { $0.marker == 0xE1 })
        #expect(!TestImages.contains(stripped, "Exif"))
        #expect(try VipsPipeline.decode(stripped) == VipsPipeline.decode(original))
    }

    @Test func webpLosesExifChunkAndFlags() throws {
        // A hand-made extended WebP: VP8X with EXIF flag, a fake image chunk, an EXIF chunk.
        func chunk(_ name: String, _ payload: [UInt8]) -> [UInt8] {
            let size = UInt32(payload.count)
            return Array(name.utf8) + (0..<4).map { UInt8((size >> (8 * $0)) & 0xFF) } + payload
                + (payload.count % 2 == 1 ? [0] : [])
        }
        let body =
            Array("WEBP".utf8) + chunk("VP8X", [0x08, 0, 0, 0, 9, 0, 0, 9, 0, 0])
            + chunk("VP8L", [1, 2, 3]) + chunk("EXIF", Array("Exif\0\0GPS".utf8))
        let size = UInt32(body.count)
        let file = Data(Array("RIFF".utf8) + (0..<4).map { UInt8((size >> (8 * $0)) & 0xFF) } + body)
        let stripped = try MetadataStripper.strippedWebP(file)
        #expect(TestImages.webpChunks(stripped) == ["VP8X", "VP8L"])
        #expect([UInt8](stripped)[20] == 0)
        #expect(!TestImages.contains(stripped, "GPS"))
        let riffSize = [UInt8](stripped)[4..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(riffSize == stripped.count - 8)
    }

    @Test func malformedFilesAreRejected() {
        #expect(throws: ImagingError.self) { try MetadataStripper.strippedJPEG(Data([0xFF, 0xD8, 0x00, 0x00])) }
        #expect(throws: ImagingError.self) { try MetadataStripper.strippedWebP(Data("RIFF0000WEBPVP8 ".utf8)) }
    }
}
