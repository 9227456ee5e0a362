import CampaignCore

/// Escaping for text placed in HTML and XML written without templates (feeds, sitemap).
enum Markup {
    /// Escapes `& < > " '` for element content and attribute values.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// Percent-encodes one path segment (for Chinese tag names in URLs).
    static func encodeSegment(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
