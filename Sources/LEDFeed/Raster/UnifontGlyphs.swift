import Foundation

/// Glyphs parsed from GNU Unifont's `unifont.hex` (Debian package `unifont`).
///
/// Each line of the file is `XXXX:HEX`: a hexadecimal code point, a colon, and 32 hex digits (an 8×16 half-width
/// glyph, two digits per row) or 64 hex digits (a 16×16 full-width glyph, four digits per row). The parser works
/// on the raw UTF-8 bytes in one pass and keeps all rows in one flat array, so the whole 3.7 MB file parses in a
/// few tens of milliseconds; `only:` skips every glyph outside a set of scalars for even less work.
/// Lines that do not have this shape are skipped and listed in `malformedLines`.
public struct UnifontGlyphs: Sendable {
    private struct Entry: Sendable {
        var start: Int32
        var isWide: Bool
    }

    private var entries: [UInt32: Entry]
    private var rowStorage: [UInt16]

    /// One-based numbers of non-empty lines that are not `codepoint:hex` with 32 or 64 hex digits.
    public private(set) var malformedLines: [Int]

    /// The number of glyphs held.
    public var count: Int { entries.count }

    /// An empty font: every character draws as a replacement box.
    public init() {
        entries = [:]
        rowStorage = []
        malformedLines = []
    }

    /// Parses every glyph of a `unifont.hex` text.
    public init(hexText: String) {
        self.init(hexBytes: Array(hexText.utf8), only: nil)
    }

    /// Parses only the glyphs of `scalars` from a `unifont.hex` text (the others are skipped unparsed).
    public init(hexText: String, only scalars: Set<Unicode.Scalar>) {
        self.init(hexBytes: Array(hexText.utf8), only: Set(scalars.map(\.value)))
    }

    /// Parses a `unifont.hex` file's bytes, all glyphs or only those of `scalars`.
    public init(hexData: Data, only scalars: Set<Unicode.Scalar>? = nil) {
        self.init(hexBytes: [UInt8](hexData), only: scalars.map { Set($0.map(\.value)) })
    }

    /// Adds or replaces the glyph of `scalar` (later definitions win, as in the file).
    public mutating func insert(_ glyph: UnifontGlyph, for scalar: Unicode.Scalar) {
        entries[scalar.value] = Entry(start: Int32(rowStorage.count), isWide: glyph.width == 16)
        rowStorage += glyph.rows
    }

    /// The glyph of `scalar`, or `nil` when the font has none.
    public func glyph(for scalar: Unicode.Scalar) -> UnifontGlyph? {
        guard let entry = entries[scalar.value] else { return nil }
        let start = Int(entry.start)
        let rows = Array(rowStorage[start..<start + UnifontGlyph.nativeHeight])
        return UnifontGlyph(width: entry.isWide ? 16 : 8, rows: rows)
    }

    /// The glyph of a character's first scalar; combining marks and variation selectors after it are ignored.
    public func glyph(for character: Character) -> UnifontGlyph? {
        character.unicodeScalars.first.flatMap { glyph(for: $0) }
    }

    /// Whether the font has a glyph for `scalar`.
    public func contains(_ scalar: Unicode.Scalar) -> Bool { entries[scalar.value] != nil }

    private init(hexBytes bytes: [UInt8], only wanted: Set<UInt32>?) {
        var entries: [UInt32: Entry] = [:]
        var rowStorage: [UInt16] = []
        var malformed: [Int] = []
        if let wanted {
            entries.reserveCapacity(wanted.count)
            rowStorage.reserveCapacity(wanted.count * UnifontGlyph.nativeHeight)
        } else {
            // About 40 bytes per narrow line and 72 per wide one; a generous guess avoids regrowth.
            entries.reserveCapacity(bytes.count / 60)
            rowStorage.reserveCapacity(bytes.count / 60 * UnifontGlyph.nativeHeight)
        }
        bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            var lineNumber = 0
            let end = buffer.count
            while position < end {
                lineNumber += 1
                var lineEnd = position
                while lineEnd < end, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                var contentEnd = lineEnd
                if contentEnd > position, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                defer { position = lineEnd + 1 }
                guard contentEnd > position else { continue }

                var cursor = position
                var codePoint: UInt32 = 0
                var codeDigits = 0
                while cursor < contentEnd, let digit = Self.hexValue(buffer[cursor]) {
                    codePoint = codePoint &* 16 &+ UInt32(digit)
                    codeDigits += 1
                    cursor += 1
                }
                guard codeDigits >= 1, codeDigits <= 6, cursor < contentEnd, buffer[cursor] == 0x3A,
                    Unicode.Scalar(codePoint) != nil
                else {
                    malformed.append(lineNumber)
                    continue
                }
                if let wanted, !wanted.contains(codePoint) { continue }
                cursor += 1
                let digitCount = contentEnd - cursor
                guard digitCount == 32 || digitCount == 64 else {
                    malformed.append(lineNumber)
                    continue
                }
                let digitsPerRow = digitCount / UnifontGlyph.nativeHeight
                let start = rowStorage.count
                var valid = true
                for _ in 0..<UnifontGlyph.nativeHeight {
                    var row: UInt16 = 0
                    for _ in 0..<digitsPerRow {
                        guard let digit = Self.hexValue(buffer[cursor]) else {
                            valid = false
                            break
                        }
                        row = row << 4 | UInt16(digit)
                        cursor += 1
                    }
                    if !valid { break }
                    rowStorage.append(digitsPerRow == 2 ? row << 8 : row)
                }
                guard valid else {
                    rowStorage.removeSubrange(start...)
                    malformed.append(lineNumber)
                    continue
                }
                entries[codePoint] = Entry(start: Int32(start), isWide: digitsPerRow == 4)
            }
        }
        self.entries = entries
        self.rowStorage = rowStorage
        self.malformedLines = malformed
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
