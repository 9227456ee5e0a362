import CFreeType

/// Rasterises an outline font (TrueType/OpenType, e.g. AR PL SungtiL GB from Debian's `fonts-arphic-gbsn00lp`) at
/// an LED cell size with FreeType, monochrome and hinted, so each glyph is drawn for that size and not scaled
/// from another one.
///
/// The only file that touches FreeType: the font arrives as bytes, every `FT_*` object is created and freed
/// inside `cellFont`, and only Swift values leave.
public enum OutlineFont {
    /// FreeType's `FT_LOAD_TARGET_MONO`: hinting for one-bit output (a function-like macro Swift cannot import).
    static let loadTargetMono = Int32(FT_RENDER_MODE_MONO.rawValue & 15) << 16
    /// `FT_LOAD_RENDER` (`1L << 2`) and `FT_LOAD_MONOCHROME` (`1L << 12`), written out: Swift imports no shifted
    /// macros.
    static let loadRender: Int32 = 1 << 2
    static let loadMonochrome: Int32 = 1 << 12

    /// The glyphs of `scalars` at `size` px: hinted for monochrome output, on a baseline that puts the ideograph 国
    /// in the middle of the cell, each in a bitmap as wide as its advance. Nil when FreeType cannot read the font.
    public static func cellFont(
        fontBytes: [UInt8], size: Int, scalars: Set<Unicode.Scalar>, source: String
    ) -> CellFont? {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        defer { FT_Done_FreeType(library) }
        return fontBytes.withUnsafeBufferPointer { buffer -> CellFont? in
            guard let base = buffer.baseAddress else { return nil }
            var face: FT_Face?
            guard FT_New_Memory_Face(library, base, FT_Long(buffer.count), 0, &face) == 0, let face else { return nil }
            defer { FT_Done_Face(face) }
            guard FT_Set_Pixel_Sizes(face, 0, FT_UInt(size)) == 0 else { return nil }
            let flags = loadRender | loadMonochrome | loadTargetMono

            func render(_ scalar: Unicode.Scalar) -> (top: Int, left: Int, advance: Int, rows: [UInt32], width: Int)? {
                let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
                guard index != 0, FT_Load_Glyph(face, index, flags) == 0, let slot = face.pointee.glyph else {
                    return nil
                }
                let bitmap = slot.pointee.bitmap
                guard bitmap.pixel_mode == UInt8(FT_PIXEL_MODE_MONO.rawValue) else { return nil }
                var rows: [UInt32] = []
                let width = Int(bitmap.width)
                for y in 0..<Int(bitmap.rows) {
                    var row: UInt32 = 0
                    guard let line = bitmap.buffer?.advanced(by: y * Int(bitmap.pitch)) else { break }
                    for b in 0..<min(4, (width + 7) / 8) { row |= UInt32(line[b]) << UInt32(24 - 8 * b) }
                    rows.append(row)
                }
                let advance = Int(slot.pointee.advance.x >> 6)
                return (Int(slot.pointee.bitmap_top), Int(slot.pointee.bitmap_left), advance, rows, width)
            }

            var baseline = size * 7 / 8
            if let reference = render("国") {
                baseline = (size - reference.rows.count) / 2 + reference.top
            }
            var font = CellFont(size: size, source: source)
            for scalar in scalars {
                guard let glyph = render(scalar) else { continue }
                var rows = [UInt32](repeating: 0, count: size)
                // One-byte (ASCII) characters take half a cell (docs/led-guide.md, "Width").
                let cellWidth = scalar.isASCII ? size / 2 : size
                let shift = max(0, min(glyph.left, cellWidth - glyph.width))
                // A glyph that would stick out of the cell is moved in rather than cut.
                let top = max(0, min(baseline - glyph.top, size - glyph.rows.count))
                for (index, row) in glyph.rows.enumerated() {
                    let y = top + index
                    guard y >= 0, y < size else { continue }
                    rows[y] = shift < 32 ? row >> UInt32(shift) : 0
                }
                let ink = glyph.rows.reduce(0) { $0 + $1.nonzeroBitCount }
                let cell = CellGlyph(width: min(32, max(1, glyph.advance, shift + glyph.width)), rows: rows)
                font.insert(cell, for: scalar, sourceInk: ink)
            }
            return font
        }
    }
}
