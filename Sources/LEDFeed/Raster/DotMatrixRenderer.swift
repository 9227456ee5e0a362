/// Draws laid-out LED text into a `Bitmap`, one pixel per LED, with glyphs made for the cell size (`CellFont`:
/// WenQuanYi 12 px, Unifont 16 px, an outline font rasterised at 24 or 32 px) or, without one, GNU Unifont.
///
/// With a `CellFont` every glyph is drawn at its own size, centred in its cell when narrower and cut at the cell's
/// right edge when wider; nothing is scaled. The Unifont path below remains for callers that have only Unifont.
///
/// Every character takes a cell `font` pixels tall and `font` (full width) or `font / 2` (half width) pixels
/// wide; which one is decided by `isHalfWidth`, which must be the same rule the layout engine uses (docs/led-guide.md,
/// "Width": a character that encodes to one byte in GB18030 is half width), so the pixels match the computed line widths.
/// Unifont glyphs are 16 px tall; for the 12, 24 and 32 px fonts they are scaled with nearest-neighbour sampling
/// (24 px repeats every other row and column, 32 px doubles every pixel, 12 px drops every fourth), which keeps
/// the hard edges of a dot-matrix font. A glyph narrower than its cell (an 8-px glyph in a full-width cell) is
/// centred; a glyph wider than its cell is squeezed to fit. A character without a glyph draws as a hollow box.
public struct DotMatrixRenderer: Sendable {
    /// The font the glyphs come from.
    public let glyphs: UnifontGlyphs
    /// Cell height and full-width cell width in pixels (12, 16, 24 or 32; other sizes scale the same way).
    public let font: Int
    /// Empty pixel rows between two text lines.
    public let lineGap: Int
    /// Whether a character takes a half-width cell (`font / 2`); must match the layout engine.
    public let isHalfWidth: @Sendable (Character) -> Bool
    /// Glyphs made for `font`; when set, `glyphs` is not used.
    public let cellFont: CellFont?

    /// Creates a renderer that draws `cellFont`'s glyphs at their own size (`font` is the font's size).
    public init(
        cellFont: CellFont, lineGap: Int = 0,
        isHalfWidth: @escaping @Sendable (Character) -> Bool = DotMatrixRenderer.isSingleByteInGB18030
    ) {
        self.glyphs = UnifontGlyphs()
        self.font = max(2, cellFont.size)
        self.lineGap = max(0, lineGap)
        self.isHalfWidth = isHalfWidth
        self.cellFont = cellFont
    }

    /// Creates a renderer; `font` below 2 is raised to 2 and a negative `lineGap` counts as 0.
    ///
    /// The default width rule, `DotMatrixRenderer.isSingleByteInGB18030`, is the rule of docs/led-guide.md; pass the
    /// layout engine's own function instead when there is one, so both always agree.
    public init(
        glyphs: UnifontGlyphs, font: Int = 16, lineGap: Int = 0,
        isHalfWidth: @escaping @Sendable (Character) -> Bool = DotMatrixRenderer.isSingleByteInGB18030
    ) {
        self.glyphs = glyphs
        self.font = max(2, font)
        self.lineGap = max(0, lineGap)
        self.isHalfWidth = isHalfWidth
        self.cellFont = nil
    }

    /// The width rule of docs/led-guide.md without an encoder: GB18030 encodes exactly the ASCII characters
    /// (U+0000–U+007F) in one byte, so a character is half width when it is a single ASCII scalar.
    public static func isSingleByteInGB18030(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && character.unicodeScalars.first?.isASCII == true
    }

    /// The cell width of `character` in pixels: `font / 2` when half width, else `font`.
    public func cellWidth(of character: Character) -> Int {
        isHalfWidth(character) ? font / 2 : font
    }

    /// The width of `line` in pixels: the sum of its cell widths.
    public func width(of line: String) -> Int {
        line.reduce(0) { $0 + cellWidth(of: $1) }
    }

    /// Draws one page: line `i` at the top-left of y = `i * (font + lineGap)`, characters left to right.
    ///
    /// The bitmap has exactly `width` × `height` pixels; whatever falls outside is clipped.
    public func render(page lines: [String], width: Int, height: Int) -> Bitmap {
        var bitmap = Bitmap(width: width, height: height)
        for (index, line) in lines.enumerated() {
            draw(line, into: &bitmap, x: 0, y: index * (font + lineGap))
        }
        return bitmap
    }

    /// Draws a `scroll-left` program: the whole joined line at the top of a bitmap as wide as the line.
    ///
    /// The bitmap is `width(of: line)` pixels wide (at least 1) and `height` tall; a screen shows a `screen
    /// width` window of it sliding from right to left.
    public func renderScrollLine(_ line: String, height: Int) -> Bitmap {
        var bitmap = Bitmap(width: width(of: line), height: height)
        draw(line, into: &bitmap, x: 0, y: 0)
        return bitmap
    }

    /// Draws `line` into `bitmap` with its top-left corner at (`x`, `y`) and answers the x after the last cell.
    @discardableResult
    public func draw(_ line: String, into bitmap: inout Bitmap, x: Int, y: Int) -> Int {
        var cursor = x
        for character in line {
            cursor += draw(character, into: &bitmap, x: cursor, y: y)
        }
        return cursor
    }

    /// Draws one character in its cell at (`x`, `y`) and answers the cell width.
    @discardableResult
    public func draw(_ character: Character, into bitmap: inout Bitmap, x: Int, y: Int) -> Int {
        let halfWidth = isHalfWidth(character)
        let cellWidth = halfWidth ? font / 2 : font
        if let cellFont {
            let glyph = cellFont.glyph(for: character) ?? .replacementBox(width: cellWidth, height: font)
            let drawn = min(glyph.width, cellWidth)
            let offset = (cellWidth - drawn) / 2
            for row in 0..<min(font, glyph.rows.count) where glyph.rows[row] != 0 {
                for column in 0..<drawn where glyph.isLit(x: column, y: row) {
                    bitmap[x + offset + column, y + row] = true
                }
            }
            return cellWidth
        }
        let glyph = glyphs.glyph(for: character) ?? .replacementBox(fullWidth: !halfWidth)
        let scaledWidth = max(1, min(glyph.width * font / UnifontGlyph.nativeHeight, cellWidth))
        let offset = (cellWidth - scaledWidth) / 2
        for row in 0..<font {
            let sourceRow = row * UnifontGlyph.nativeHeight / font
            guard glyph.rows[sourceRow] != 0 else { continue }
            for column in 0..<scaledWidth {
                let sourceColumn = column * glyph.width / scaledWidth
                if glyph.isLit(x: sourceColumn, y: sourceRow) {
                    bitmap[x + offset + column, y + row] = true
                }
            }
        }
        return cellWidth
    }
}
