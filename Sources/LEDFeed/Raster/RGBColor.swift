/// A 24-bit colour used to draw lit LEDs in PNG, HTML and terminal previews.
public struct RGBColor: Sendable, Hashable {
    /// Red component, 0–255.
    public var red: UInt8
    /// Green component, 0–255.
    public var green: UInt8
    /// Blue component, 0–255.
    public var blue: UInt8

    /// Creates a colour from its components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Unlit LEDs and the screen background.
    public static let black = RGBColor(red: 0x00, green: 0x00, blue: 0x00)
    /// Single-colour red screens (the most common outdoor strip).
    public static let red = RGBColor(red: 0xFF, green: 0x00, blue: 0x00)
    /// Amber screens; also stands in for `dual` (red + green LEDs lit together look amber).
    public static let amber = RGBColor(red: 0xFF, green: 0xB0, blue: 0x00)
    /// Green screens.
    public static let green = RGBColor(red: 0x00, green: 0xFF, blue: 0x00)
    /// White screens; also stands in for `full` (full-colour screens showing plain text).
    public static let white = RGBColor(red: 0xFF, green: 0xFF, blue: 0xFF)

    /// The preview colour for a screen profile's `color` value (`red`, `amber`, `green`, `white`, `dual`, `full`).
    ///
    /// `dual` screens show text with both LEDs lit, which looks amber; `full` screens show text in white.
    /// Answers `nil` for any other name so the caller can report it.
    public static func screen(_ name: String) -> RGBColor? {
        switch name {
        case "red": .red
        case "amber", "dual": .amber
        case "green": .green
        case "white", "full": .white
        default: nil
        }
    }

    /// The colour as a CSS/SVG hex string, e.g. `#FFB000`.
    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        var text = "#"
        for component in [red, green, blue] {
            text.append(digits[Int(component >> 4)])
            text.append(digits[Int(component & 0x0F)])
        }
        return text
    }
}
