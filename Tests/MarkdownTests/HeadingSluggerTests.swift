import TestSupport
import Testing

@testable import Markdown

/// Heading ids made from the bytes of ASCII and Han headings are those of the scalar reading.
@Suite struct HeadingSluggerTests {
    @Test func theByteReadingMakesTheScalarReadingsIds() {
        let pieces = [
            "工作", "安排", "第1部分", "一", "龥", "A", "Z", "abc", "Q2", "-", "_", " ", "\t", "\n", "\u{0B}", "\u{01}",
            "\u{7F}", "!", "#", "（", "）", "，", "、", "𠀀", "㐀", "ΣΑΣ", "İ", "É", "e\u{301}", "👍", "\u{3000}", "Ａ",
            "\u{A0}",
        ]
        var random = SplitMix64(state: 20_261_201)
        var simple = 0
        for round in 0..<4000 {
            let count = Int(random.next() % 8)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(
                HeadingSlugger.slug(text) == HeadingSlugger.scalarSlug(text), "round \(round): \(text.debugDescription)"
            )
            if text.unicodeScalars.allSatisfy({ $0.isASCII || (0x4E00...0x9FFF).contains($0.value) }) { simple += 1 }
        }
        #expect(simple > 300)
        #expect(HeadingSlugger.slug("Phase 2：创建 工作") == "phase-2创建-工作")
        #expect(HeadingSlugger.slug("！？") == "section")
    }

    /// The `id` attribute of a heading escapes `&`, `"`, `<` and `>` byte by byte: a combining mark after a
    /// quote does not hide the quote (read as `Character`s, `"\u{301}` is not `"`).
    @Test func headingIdsAreEscapedByteByByte() {
        #expect(CommonMarkConverter.escapeAttribute("第1部分") == "第1部分")
        #expect(CommonMarkConverter.escapeAttribute("a&b\"c<d>e") == "a&amp;b&quot;c&lt;d&gt;e")
        #expect(CommonMarkConverter.escapeAttribute("x\"\u{301}y") == "x&quot;\u{301}y")
        #expect(CommonMarkConverter.escapeAttribute("&\u{301}<\u{20DD}") == "&amp;\u{301}&lt;\u{20DD}")
    }
}
