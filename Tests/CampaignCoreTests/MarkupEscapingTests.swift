import TestSupport
import Testing

@testable import CampaignCore

/// Texts with nothing to escape come back as they are, and every text escapes as it does scalar by scalar:
/// with a `<` after it (which takes the full path), a text escapes to its own escaping and `&lt;`.
@Suite struct MarkupEscapingTests {
    @Test func escapesEachCharacterOnItsOwn() {
        #expect(MarkupEscaping.escape("/news/文明/") == "/news/文明/")
        #expect(MarkupEscaping.escape("a&b<c>\"d'e") == "a&amp;b&lt;c&gt;&quot;d&#39;e")
        #expect(MarkupEscaping.escape("a\u{1}b\tc\nd\re\u{7F}") == "ab\tc\nd\re\u{7F}")
        let pieces = [
            "/news/x/", "文明", "&", "<", ">", "\"", "'", "\n", "\t", "\r", "\u{1}", "\u{1F}", "\u{7F}", "é", "😀", " ",
        ]
        var rng = SplitMix64(state: 20_261_130)
        var unchanged = 0
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let escaped = MarkupEscaping.escape(text)
            #expect(MarkupEscaping.escape(text + "<") == escaped + "&lt;", "\(text.debugDescription)")
            if escaped == text { unchanged += 1 }
        }
        #expect(unchanged > 100)
    }
}
