import TestSupport
import Testing

@testable import CampaignCore

/// Texts with nothing to escape come back as they are; every text escapes as scalar by scalar.
@Suite struct MarkupEscapingTests {
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test func escapesAsScalarByScalar() {
        let pieces = [
            "/news/x/", "文明", "&", "<", ">", "\"", "'", "\n", "\t", "\r", "\u{1}", "\u{1F}", "\u{7F}", "é", "😀", " ",
        ]
        var rng = SplitMix64(state: 20_261_130)
        var unchanged = 0
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let escaped = MarkupEscaping.escape(text)
            #expect(escaped == Self.reference(text), "\(text.debugDescription)")
            if escaped == text { unchanged += 1 }
        }
        #expect(unchanged > 100)
    }
}
