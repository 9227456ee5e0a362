import CampaignCore

/// One LED screen (or a class of identical screens) from `Content/led/screens.yml`.
public struct ScreenProfile: Sendable, Hashable {
    /// `[a-z0-9-]+`; the folder name under `Output/led/`.
    public var id: String
    public var name: String
    /// Pixels (LEDs) across.
    public var width: Int
    /// Pixels (LEDs) down.
    public var height: Int
    /// Cell size of a full-width glyph in pixels: 12, 16, 24 or 32; half-width glyphs are `font / 2` wide.
    public var font: Int
    /// Pixels between lines.
    public var lineGap: Int
    public var charset: LEDCharset
    public var color: LEDColor
    public var kinsoku: KinsokuLevel
    public var mode: LEDMode
    /// Seconds each page stays.
    public var stay: Int
    /// Scroll or transition speed, 1 (slow) – 10 (fast), passed to the controllers.
    public var speed: Int
    /// When the screen plays; nil means always.
    public var schedule: LEDSchedule?
    /// Message groups played, in order.
    public var programs: [String]
    public var exports: [LEDExportKind]
    /// Where the profile is written, for diagnostics.
    public var location: SourceLocation

    public init(
        id: String, name: String, width: Int, height: Int, font: Int = 16, lineGap: Int = 0,
        charset: LEDCharset = .gb2312, color: LEDColor = .red, kinsoku: KinsokuLevel = .basic, mode: LEDMode = .paged,
        stay: Int = 5, speed: Int = 5, schedule: LEDSchedule? = nil, programs: [String] = [],
        exports: [LEDExportKind] = [.txt, .json], location: SourceLocation = SourceLocation(file: "")
    ) {
        self.id = id
        self.name = name
        self.width = width
        self.height = height
        self.font = font
        self.lineGap = lineGap
        self.charset = charset
        self.color = color
        self.kinsoku = kinsoku
        self.mode = mode
        self.stay = stay
        self.speed = speed
        self.schedule = schedule
        self.programs = programs
        self.exports = exports
        self.location = location
    }

    /// The geometry and rules the layout engine needs.
    public var layout: LayoutSettings {
        LayoutSettings(width: width, height: height, font: font, lineGap: lineGap, kinsoku: kinsoku, mode: mode)
    }
}
