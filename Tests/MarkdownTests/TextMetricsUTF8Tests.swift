import TestSupport
import Testing

@testable import Markdown

/// Pages measure their plain text as UTF-8 bytes (`MarkdownDocument.plainTextBytes`): the readings must be
/// those of the same text as a `String`.
@Suite struct TextMetricsUTF8Tests {
    static let pieces: [[UInt8]] =
        [
            "文明城市", "创建", "，", "。", " ", "\n", "don't", "co-op", "2026", "’", "e\u{301}", "👩‍👩‍👧", "🇨🇳", "한국어", "かな",
            "Ａ１", "x", "丁", "䷀", "龥", "\u{200D}", "\u{FE0F}", "…", "!", "  ", "\u{3000}",
        ].map { Array($0.utf8) } + [
            [0xFF], [0xE6, 0x96], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
        ]

    static func text(_ rng: inout SplitMix64, count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
        return bytes
    }

    @Test func readingLengthOfBytesIsThatOfTheText() {
        var rng = SplitMix64(state: 20_261_130)
        for round in 0..<3000 {
            let bytes = Self.text(&rng, count: Int(rng.next() % 60))
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = Self.decodedReadingLength(text)
            #expect(expected.characters == text.unicodeScalars.filter(\.isCJKCharacter).count, "round \(round)")
            #expect(TextMetrics.readingLength(ofUTF8: bytes) == expected, "round \(round)")
            #expect(TextMetrics.readingLength(of: text) == expected, "round \(round)")
        }
    }

    /// The reading length with every scalar decoded: the Han characters the byte reading counts without decoding
    /// (U+5000–U+9FFF) are each replaced by 一 (U+4E00), a character that reading decodes.
    static func decodedReadingLength(_ text: String) -> TextMetrics.ReadingLength {
        var decoded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            decoded.append((0x5000...0x9FFF).contains(scalar.value) ? "一" : scalar)
        }
        return TextMetrics.readingLength(of: String(decoded))
    }

    /// A summary read from UTF-8 (scalar by scalar while each is a character by itself, else from the
    /// whole text) is the one made from the text's grapheme clusters.
    @Test func summaryOfBytesIsThatOfTheText() {
        var rng = SplitMix64(state: 20_261_201)
        let han = Array(String(repeating: "文明城市创建工作", count: 100).utf8)
        for round in 0..<2000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = Self.text(&rng, count: Int(rng.next() % 400))
            case 1:
                // Plain Chinese up to about the cut, then anything.
                bytes = Array(han.prefix(Int(rng.next() % 800) * 3)) + Self.text(&rng, count: Int(rng.next() % 200))
            default:
                bytes = Array(han.prefix(Int(rng.next() % 200) * 3)) + Self.text(&rng, count: Int(rng.next() % 300))
            }
            let limit = [120, 40, 1, 7][Int(rng.next() % 4)]
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = TextMetrics.summary(head: TextMetrics.head(of: text, limit: limit), limit: limit)
            #expect(TextMetrics.summary(ofUTF8: bytes, limit: limit) == expected, "round \(round)")
            #expect(TextMetrics.summary(of: text, limit: limit) == expected, "round \(round)")
        }
    }

    /// A summary's scalars are written as UTF-8 by hand: the same bytes as the standard library's, for
    /// scalars of one to four bytes.
    @Test func scalarsAreEncodedAsTheStandardLibraryEncodesThem() {
        let values: [UInt32] = [
            0, 0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x3000, 0x6587, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
            0x1F44D, 0x20000, 0x10FFFF,
        ]
        for value in values {
            let scalar = Unicode.Scalar(value)!
            var bytes: [UInt8] = []
            scalar.appendUTF8(to: &bytes)
            #expect(bytes == Array(String(scalar).utf8), "U+\(String(value, radix: 16))")
        }
    }
}
