/// Draws a `Bitmap` as framed text for `campaign led preview`.
public struct TerminalPreview: Sendable {
    /// How pixels become characters.
    public enum Style: Sendable, Hashable {
        /// One character per pixel: `█` lit, `·` unlit. Tall on screen, since terminal cells are about 1:2.
        case blocks
        /// One character per two pixel rows (`▀`, `▄`, `█`, space), which keeps the screen's aspect ratio.
        case halfBlocks
    }

    /// How pixels become characters.
    public var style: Style
    /// When set, lit pixels are wrapped in a 24-bit ANSI colour escape (for terminals; leave `nil` for files).
    public var ansiColor: RGBColor?

    /// Creates a preview style; the default is `.halfBlocks` without colour.
    public init(style: Style = .halfBlocks, ansiColor: RGBColor? = nil) {
        self.style = style
        self.ansiColor = ansiColor
    }

    /// The bitmap inside a `┌─┐ │ │ └─┘` frame, lines joined with `\n` and no trailing newline.
    ///
    /// The text is `width + 2` columns wide and `height + 2` (`.blocks`) or `⌈height / 2⌉ + 2` (`.halfBlocks`)
    /// lines tall.
    public func render(_ bitmap: Bitmap) -> String {
        let border = String(repeating: "─", count: bitmap.width)
        var lines = ["┌" + border + "┐"]
        switch style {
        case .blocks:
            for y in 0..<bitmap.height {
                lines.append("│" + colored((0..<bitmap.width).map { bitmap[$0, y] ? "█" : "·" }) + "│")
            }
        case .halfBlocks:
            for y in stride(from: 0, to: bitmap.height, by: 2) {
                let cells: [Character] = (0..<bitmap.width).map { x in
                    switch (bitmap[x, y], bitmap[x, y + 1]) {
                    case (true, true): "█"
                    case (true, false): "▀"
                    case (false, true): "▄"
                    case (false, false): " "
                    }
                }
                lines.append("│" + colored(cells) + "│")
            }
        }
        lines.append("└" + border + "┘")
        return lines.joined(separator: "\n")
    }

    private func colored(_ cells: [Character]) -> String {
        guard let color = ansiColor else { return String(cells) }
        return "\u{1B}[38;2;\(color.red);\(color.green);\(color.blue)m" + String(cells) + "\u{1B}[0m"
    }
}
