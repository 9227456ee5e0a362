/// One glyph drawn at its screen size: one bit per LED, as many rows as the cell is high.
public struct CellGlyph: Sendable, Hashable {
    /// Columns of the bitmap (at most 32); the renderer centres it in its cell when narrower.
    public let width: Int
    /// Rows, top first; pixel `x` of a row is bit `31 - x`.
    public let rows: [UInt32]

    /// Creates a glyph; `width` is limited to 1…32 and bits right of it are cleared.
    public init(width: Int, rows: [UInt32]) {
        self.width = min(32, max(1, width))
        let mask: UInt32 = self.width == 32 ? .max : ~(UInt32.max >> UInt32(self.width))
        self.rows = rows.map { $0 & mask }
    }

    /// Whether the pixel at column `x`, row `y` is set; outside the glyph answers `false`.
    public func isLit(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < rows.count else { return false }
        return rows[y] & (0x8000_0000 >> UInt32(x)) != 0
    }

    /// The number of lit pixels.
    public var litCount: Int { rows.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// A hollow box for characters the font lacks, so a gap in the font is visible, never silent.
    public static func replacementBox(width: Int, height: Int) -> CellGlyph {
        let w = max(3, min(32, width))
        var rows = [UInt32](repeating: 0, count: max(3, height))
        let top = max(0, height / 8)
        let bottom = max(top + 2, height - 1 - height / 8)
        let left: UInt32 = 0x8000_0000 >> UInt32(1)
        let right: UInt32 = 0x8000_0000 >> UInt32(w - 2)
        var edge: UInt32 = 0
        for x in 1...(w - 2) { edge |= 0x8000_0000 >> UInt32(x) }
        for y in top...min(bottom, rows.count - 1) { rows[y] = (y == top || y == bottom) ? edge : left | right }
        return CellGlyph(width: w, rows: rows)
    }
}

/// The glyphs of one cell size (12, 16, 24 or 32 px), each already drawn at that size by its font: a bitmap font
/// made for the size, or an outline font rasterised at it. Nothing is scaled from another size.
public struct CellFont: Sendable {
    /// Cell height and full-width cell width in pixels.
    public let size: Int
    /// Where the glyphs come from, for proofs and error messages (e.g. `WenQuanYi Bitmap Song 12px`).
    public let source: String
    private var glyphs: [UInt32: CellGlyph]
    /// Lit pixels of each glyph in the font's own bitmap, before it was placed in its cell: a glyph whose cell
    /// holds fewer lost part of a stroke (checked by tests).
    public private(set) var sourceInk: [UInt32: Int]

    /// An empty font: every character draws as a replacement box.
    public init(size: Int, source: String) {
        self.size = size
        self.source = source
        self.glyphs = [:]
        self.sourceInk = [:]
    }

    /// Adds or replaces the glyph of `scalar`; rows are padded or cut to the cell height. `sourceInk` is the
    /// number of lit pixels of the font's own bitmap (default: the glyph's).
    public mutating func insert(_ glyph: CellGlyph, for scalar: Unicode.Scalar, sourceInk: Int? = nil) {
        var rows = Array(glyph.rows.prefix(size))
        rows += Array(repeating: 0, count: size - rows.count)
        glyphs[scalar.value] = CellGlyph(width: glyph.width, rows: rows)
        self.sourceInk[scalar.value] = sourceInk ?? glyph.litCount
    }

    /// The glyph of a character's first scalar, or nil when the font has none.
    public func glyph(for character: Character) -> CellGlyph? {
        character.unicodeScalars.first.flatMap { glyphs[$0.value] }
    }

    /// The glyph of `scalar`, or nil.
    public func glyph(for scalar: Unicode.Scalar) -> CellGlyph? { glyphs[scalar.value] }

    /// The number of glyphs held.
    public var count: Int { glyphs.count }

    /// Unifont's own 16-px glyphs, unchanged.
    public init(unifont: UnifontGlyphs, scalars: Set<Unicode.Scalar>) {
        self.init(size: UnifontGlyph.nativeHeight, source: "GNU Unifont 16px")
        for scalar in scalars {
            guard let glyph = unifont.glyph(for: scalar) else { continue }
            insert(CellGlyph(width: glyph.width, rows: glyph.rows.map { UInt32($0) << 16 }), for: scalar)
        }
    }
}
