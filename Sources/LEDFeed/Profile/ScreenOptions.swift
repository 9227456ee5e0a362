/// The character set a screen's controller card understands.
///
/// `gb2312` and `gbk` screens are written as GB18030 bytes that stay inside that smaller set (GB18030 is a
/// superset of both with the same two-byte codes), so one encoder serves all three.
public enum LEDCharset: String, CaseIterable, Sendable, Hashable, Codable {
    case gb2312
    case gbk
    case gb18030
    case utf8 = "utf-8"

    /// The charsets from the narrowest to the widest, the order in which a wider one is suggested.
    public static let byWidth: [LEDCharset] = [.gb2312, .gbk, .gb18030, .utf8]
}

/// The colour of a screen's LEDs; `dual` is red/green, `full` is RGB.
public enum LEDColor: String, CaseIterable, Sendable, Hashable, Codable {
    case red, amber, green, white, dual, full
}

/// How strictly Chinese line-breaking rules (禁则, after W3C clreq) are applied; each level adds to the one before.
public enum KinsokuLevel: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case none, basic, gb, strict

    public static func < (lhs: KinsokuLevel, rhs: KinsokuLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    var rank: Int {
        switch self {
        case .none: 0
        case .basic: 1
        case .gb: 2
        case .strict: 3
        }
    }
}

/// How a screen shows a message.
public enum LEDMode: String, CaseIterable, Sendable, Hashable, Codable {
    /// Lines broken to the width, shown a page (screenful) at a time.
    case paged
    /// One joined line moving right to left; never wrapped.
    case scrollLeft = "scroll-left"
    /// Lines broken to the width, moving up continuously; one page holding all lines.
    case scrollUp = "scroll-up"
}

/// A file format written for a screen.
public enum LEDExportKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// `<group>.txt`: the pages in the screen's charset, CRLF.
    case txt
    /// `feed.json` (docs/led-guide.md).
    case json
    /// `onbon/…`: texts for Onbon BX controller software.
    case onbon
    /// `huidu.xml`: a program list for Huidu controllers.
    case huidu
    /// `page-NNN.png`: drawn by the rasterizer (Raster/), not by `LEDExporter`.
    case png
    /// `player.html` and `player-version.txt`: the screen player (`LEDPlayer`), drawn with the proofs' glyphs.
    case player
}

/// How a message competes with others on a screen.
public enum LEDPriority: String, CaseIterable, Sendable, Hashable, Codable {
    case normal
    /// Played before every normal message and flagged in vendor exports.
    case urgent
}
