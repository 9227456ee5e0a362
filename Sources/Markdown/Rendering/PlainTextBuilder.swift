/// Collects the text of a document without markup, deciding the whitespace between pieces.
///
/// The pieces are cmark-gfm's C strings, copied as UTF-8 bytes: no `String` is made for each text node
/// (a 10,000-page build has about 200,000 of them), nor for the whole (``TextMetrics`` reads the bytes).
struct PlainTextBuilder {
    private var bytes: [UInt8] = []
    private var pending = Separator.none

    private enum Separator: Comparable {
        case none, softBreak, cell, block
    }

    /// The text collected so far, as UTF-8.
    var utf8: [UInt8] { bytes }

    /// Appends the UTF-8 text `piece` (a C string's bytes, without its terminating zero).
    mutating func append(_ piece: UnsafeRawBufferPointer) {
        guard !piece.isEmpty else { return }
        if !bytes.isEmpty {
            switch pending {
            case .none: break
            case .softBreak:
                // A wrapped line of Chinese is one run of text: no space where the source broke it.
                let wide = Self.lastScalar(of: bytes).map(\.isCJKWide) == true && Self.firstScalar(of: piece).isCJKWide
                if !wide { bytes.append(UInt8(ascii: " ")) }
            case .cell: bytes.append(UInt8(ascii: " "))
            case .block: bytes.append(UInt8(ascii: "\n"))
            }
        }
        pending = .none
        bytes.append(contentsOf: piece)
    }

    /// A soft line break inside a paragraph.
    mutating func softBreak() { pending = max(pending, .softBreak) }

    /// The end of a table cell.
    mutating func endCell() { pending = max(pending, .cell) }

    /// The end of a block, or a hard line break.
    mutating func endBlock() { pending = .block }

    /// The first scalar of UTF-8 `piece` (U+FFFD when it does not start with one).
    private static func firstScalar(of piece: UnsafeRawBufferPointer) -> Unicode.Scalar {
        var iterator = piece.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }

    /// The last scalar of UTF-8 `text`, nil when it does not end with one.
    private static func lastScalar(of text: [UInt8]) -> Unicode.Scalar? {
        var start = text.count - 1
        while start > 0, text.count - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
        var iterator = text[start...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}
