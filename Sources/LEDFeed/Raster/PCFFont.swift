/// A bitmap font in the X11 Portable Compiled Format (`.pcf`), e.g. WenQuanYi Bitmap Song from Debian's
/// `xfonts-wqy` (`wenquanyi_9pt.pcf` is its 12 px strike).
///
/// Reads the table of contents, the encodings, metrics and bitmaps tables from the file's bytes (no file access
/// here). Glyphs are decoded only for the characters asked for, so a build that shows 300 characters does not
/// decode 30,000. Malformed or truncated data never traps: the reader answers nil.
public struct PCFFont: Sendable {
    /// The font's pixel size (its `PIXEL_SIZE`, or ascent + descent when missing).
    public let pixelSize: Int
    /// Pixels above and below the baseline for the whole font.
    public let ascent: Int
    public let descent: Int

    private let bytes: [UInt8]
    private let metrics: Table
    private let bitmaps: Table
    private let encodings: Table
    private let metricsCompressed: Bool
    private let glyphCount: Int
    private let encoding: (min2: Int, max2: Int, min1: Int, max1: Int, start: Int)

    private struct Table: Sendable {
        var format: UInt32
        var offset: Int
        var size: Int
        var bigEndian: Bool { format & 4 != 0 }
    }

    /// One glyph as stored: its ink box relative to the origin on the baseline.
    public struct Glyph: Sendable {
        public var leftBearing: Int
        public var rightBearing: Int
        public var advance: Int
        public var ascent: Int
        public var descent: Int
        /// Rows of the ink box, top first; bit `31 - x` is column `leftBearing + x`.
        public var rows: [UInt32]
    }

    /// Parses the tables of a PCF file; nil when the bytes are not a PCF font this reader understands.
    public init?(bytes: [UInt8]) {
        guard bytes.count > 8, bytes[0] == 1, bytes[1] == 0x66, bytes[2] == 0x63, bytes[3] == 0x70 else { return nil }
        let count = Int(Self.u32(bytes, 4, bigEndian: false) ?? 0)
        guard count > 0, count < 64 else { return nil }
        var tables: [UInt32: Table] = [:]
        for index in 0..<count {
            let base = 8 + index * 16
            guard let type = Self.u32(bytes, base, bigEndian: false),
                let format = Self.u32(bytes, base + 4, bigEndian: false),
                let size = Self.u32(bytes, base + 8, bigEndian: false),
                let offset = Self.u32(bytes, base + 12, bigEndian: false),
                Int(offset) < bytes.count  // the last table's size may count padding past the end of the file
            else { return nil }
            tables[type] = Table(format: format, offset: Int(offset), size: Int(size))
        }
        guard var metrics = tables[4], var bitmaps = tables[8], var encodings = tables[0x20] else { return nil }
        // Each table repeats its format in its first four (little-endian) bytes.
        for table in [4, 8, 0x20] as [UInt32] {
            guard let t = tables[table], let format = Self.u32(bytes, t.offset, bigEndian: false) else { return nil }
            switch table {
            case 4: metrics.format = format
            case 8: bitmaps.format = format
            default: encodings.format = format
            }
        }
        self.bytes = bytes
        self.metrics = metrics
        self.bitmaps = bitmaps
        self.encodings = encodings
        metricsCompressed = metrics.format & 0x100 != 0
        let be = encodings.bigEndian
        let e = encodings.offset
        guard let min2 = Self.i16(bytes, e + 4, bigEndian: be), let max2 = Self.i16(bytes, e + 6, bigEndian: be),
            let min1 = Self.i16(bytes, e + 8, bigEndian: be), let max1 = Self.i16(bytes, e + 10, bigEndian: be),
            max2 >= min2, max1 >= min1
        else { return nil }
        encoding = (min2, max2, min1, max1, e + 14)
        guard let glyphs = Self.u32(bytes, bitmaps.offset + 4, bigEndian: bitmaps.bigEndian) else { return nil }
        glyphCount = Int(glyphs)

        var ascent = 0
        var descent = 0
        if let accel = tables[0x100] ?? tables[2], let format = Self.u32(bytes, accel.offset, bigEndian: false) {
            let big = format & 4 != 0
            ascent = Int(Self.u32(bytes, accel.offset + 12, bigEndian: big).map { Int32(bitPattern: $0) } ?? 0)
            descent = Int(Self.u32(bytes, accel.offset + 16, bigEndian: big).map { Int32(bitPattern: $0) } ?? 0)
        }
        self.ascent = ascent
        self.descent = descent
        var pixelSize = ascent + descent
        if let properties = tables[1], let size = Self.integerProperty("PIXEL_SIZE", bytes: bytes, table: properties) {
            pixelSize = size
        }
        self.pixelSize = pixelSize
    }

    /// The glyph of `scalar`, or nil when the font has none.
    public func glyph(for scalar: Unicode.Scalar) -> Glyph? {
        let code = Int(scalar.value)
        let byte1 = code >> 8
        let byte2 = code & 0xFF
        guard code <= 0xFFFF, (encoding.min1...encoding.max1).contains(byte1),
            (encoding.min2...encoding.max2).contains(byte2)
        else { return nil }
        let slot = (byte1 - encoding.min1) * (encoding.max2 - encoding.min2 + 1) + (byte2 - encoding.min2)
        guard let index = Self.u16(bytes, encoding.start + slot * 2, bigEndian: encodings.bigEndian), index != 0xFFFF,
            Int(index) < glyphCount
        else { return nil }
        return glyph(at: Int(index))
    }

    private func glyph(at index: Int) -> Glyph? {
        let be = metrics.bigEndian
        var left = 0
        var right = 0
        var advance = 0
        var up = 0
        var down = 0
        if metricsCompressed {
            let base = metrics.offset + 6 + index * 5
            guard base + 5 <= bytes.count else { return nil }
            left = Int(bytes[base]) - 0x80
            right = Int(bytes[base + 1]) - 0x80
            advance = Int(bytes[base + 2]) - 0x80
            up = Int(bytes[base + 3]) - 0x80
            down = Int(bytes[base + 4]) - 0x80
        } else {
            let base = metrics.offset + 8 + index * 12
            guard let l = Self.i16(bytes, base, bigEndian: be), let r = Self.i16(bytes, base + 2, bigEndian: be),
                let w = Self.i16(bytes, base + 4, bigEndian: be), let a = Self.i16(bytes, base + 6, bigEndian: be),
                let d = Self.i16(bytes, base + 8, bigEndian: be)
            else { return nil }
            (left, right, advance, up, down) = (l, r, w, a, d)
        }
        let width = right - left
        let height = up + down
        guard width >= 0, width <= 32, height >= 0, height <= 64 else { return nil }

        let bbe = bitmaps.bigEndian
        let pad = 1 << Int(bitmaps.format & 3)
        let msbFirst = bitmaps.format & 8 != 0
        let offsets = bitmaps.offset + 8
        guard let start = Self.u32(bytes, offsets + index * 4, bigEndian: bbe) else { return nil }
        let data = offsets + glyphCount * 4 + 16 + Int(start)
        let bytesPerRow = ((width + 7) / 8 + pad - 1) / pad * pad
        guard data + bytesPerRow * height <= bytes.count else { return nil }
        var rows: [UInt32] = []
        rows.reserveCapacity(height)
        for y in 0..<height {
            var row: UInt32 = 0
            for b in 0..<min(4, (width + 7) / 8) {
                var byte = bytes[data + y * bytesPerRow + b]
                if !msbFirst { byte = Self.reversed(byte) }
                row |= UInt32(byte) << UInt32(24 - 8 * b)
            }
            rows.append(row)
        }
        return Glyph(leftBearing: left, rightBearing: right, advance: advance, ascent: up, descent: down, rows: rows)
    }

    /// The glyphs of `scalars` drawn in cells of `size` px: each glyph placed at its left bearing in a bitmap as
    /// wide as its advance, on a baseline that puts the font's ideographs (measured on 国) in the middle of the
    /// cell. Characters the font lacks are left out.
    public func cellFont(size: Int, scalars: Set<Unicode.Scalar>, source: String) -> CellFont {
        var font = CellFont(size: size, source: source)
        var baseline = size - max(0, descent)
        if let reference = glyph(for: "国") {
            baseline = (size - (reference.ascent + reference.descent)) / 2 + reference.ascent
        }
        for scalar in scalars {
            guard let glyph = glyph(for: scalar) else { continue }
            var rows = [UInt32](repeating: 0, count: size)
            let inkWidth = glyph.rightBearing - max(0, glyph.leftBearing)
            // One-byte (ASCII) characters take half a cell (docs/led-guide.md, "Width").
            let cellWidth = scalar.isASCII ? size / 2 : size
            let shift = max(0, min(glyph.leftBearing, cellWidth - inkWidth))
            // A glyph that would stick out of the cell is moved in rather than cut.
            let top = max(0, min(baseline - glyph.ascent, size - glyph.rows.count))
            for (index, row) in glyph.rows.enumerated() {
                let y = top + index
                guard y >= 0, y < size else { continue }
                rows[y] = shift < 32 ? row >> UInt32(shift) : 0
            }
            let ink = glyph.rows.reduce(0) { $0 + $1.nonzeroBitCount }
            let cell = CellGlyph(width: max(1, glyph.advance, glyph.rightBearing), rows: rows)
            font.insert(cell, for: scalar, sourceInk: ink)
        }
        return font
    }

    private static func integerProperty(_ name: String, bytes: [UInt8], table: Table) -> Int? {
        guard let format = u32(bytes, table.offset, bigEndian: false) else { return nil }
        let be = format & 4 != 0
        guard let count = u32(bytes, table.offset + 4, bigEndian: be), count < 4096 else { return nil }
        let entries = table.offset + 8
        var stringsStart = entries + Int(count) * 9
        if count % 4 != 0 { stringsStart += 4 - Int(count % 4) }
        stringsStart += 4
        for index in 0..<Int(count) {
            let base = entries + index * 9
            guard let nameOffset = u32(bytes, base, bigEndian: be), base + 8 < bytes.count,
                let value = u32(bytes, base + 5, bigEndian: be)
            else { return nil }
            let isString = bytes[base + 4] != 0
            var end = stringsStart + Int(nameOffset)
            let begin = end
            while end < bytes.count, bytes[end] != 0 { end += 1 }
            guard begin < bytes.count else { continue }
            if !isString, String(decoding: bytes[begin..<end], as: UTF8.self) == name {
                return Int(Int32(bitPattern: value))
            }
        }
        return nil
    }

    static func reversed(_ byte: UInt8) -> UInt8 {
        var b = byte
        var r: UInt8 = 0
        for _ in 0..<8 {
            r = r << 1 | b & 1
            b >>= 1
        }
        return r
    }

    static func u32(_ bytes: [UInt8], _ at: Int, bigEndian: Bool) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        let b = (UInt32(bytes[at]), UInt32(bytes[at + 1]), UInt32(bytes[at + 2]), UInt32(bytes[at + 3]))
        return bigEndian ? b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3 : b.3 << 24 | b.2 << 16 | b.1 << 8 | b.0
    }

    static func u16(_ bytes: [UInt8], _ at: Int, bigEndian: Bool) -> UInt16? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        let hi = UInt16(bytes[bigEndian ? at : at + 1])
        let lo = UInt16(bytes[bigEndian ? at + 1 : at])
        return hi << 8 | lo
    }

    static func i16(_ bytes: [UInt8], _ at: Int, bigEndian: Bool) -> Int? {
        u16(bytes, at, bigEndian: bigEndian).map { Int(Int16(bitPattern: $0)) }
    }
}
