/// One GNU Unifont glyph: 16 rows, 8 (half width) or 16 (full width) pixels wide.
public struct UnifontGlyph: Sendable, Hashable {
    /// Native height of every Unifont glyph, in pixels.
    public static let nativeHeight = 16

    /// Native width: 8 for half-width glyphs, 16 for full-width ones.
    public let width: Int
    /// Sixteen rows, top first; pixel `x` of a row is bit `15 - x` (narrow glyphs use the high byte).
    public let rows: [UInt16]

    /// Creates a glyph; `rows` is padded or cut to 16 rows and `width` is 8 or 16 (anything else becomes 16).
    public init(width: Int, rows: [UInt16]) {
        self.width = width == 8 ? 8 : 16
        var fitted = Array(rows.prefix(Self.nativeHeight))
        fitted += Array(repeating: 0, count: Self.nativeHeight - fitted.count)
        self.rows = width == 8 ? fitted.map { $0 & 0xFF00 } : fitted
    }

    /// Whether the glyph's pixel at column `x`, row `y` is set; outside the glyph answers `false`.
    public func isLit(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < Self.nativeHeight else { return false }
        return rows[y] & (0x8000 >> UInt16(x)) != 0
    }

    /// A hollow box drawn for characters that have no glyph, so a gap in the font is visible, never silent.
    public static func replacementBox(fullWidth: Bool) -> UnifontGlyph {
        let edge: UInt16 = fullWidth ? 0x7FFE : 0x7E00
        let sides: UInt16 = fullWidth ? 0x4002 : 0x4200
        var rows = [UInt16](repeating: 0, count: nativeHeight)
        for y in 2...13 { rows[y] = (y == 2 || y == 13) ? edge : sides }
        return UnifontGlyph(width: fullWidth ? 16 : 8, rows: rows)
    }
}
