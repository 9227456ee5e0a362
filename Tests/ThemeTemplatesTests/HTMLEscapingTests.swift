import Testing
import ThemeTemplates

@Suite struct HTMLEscapingTests {
    /// swift-mustache 2.1.1's `String.htmlEscape()`, which the site's pages were written with: a
    /// dictionary from `Character`, so only a character that is exactly one of the five is replaced.
    static func swiftMustacheEscape(_ text: String) -> String {
        let entities: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
        var escaped = ""
        for character in text {
            if let entity = entities[character] { escaped += entity } else { escaped.append(character) }
        }
        return escaped
    }

    static let cases: [(String, String)] = [
        ("", ""),
        ("plain text, 中文，全角＜＞＆“”", "plain text, 中文，全角＜＞＆“”"),
        ("<a href=\"/x?a=1&b=2\">Tom's</a>", "&lt;a href=&quot;/x?a=1&amp;b=2&quot;&gt;Tom&#39;s&lt;/a&gt;"),
        ("中\"文\"&<标题>'", "中&quot;文&quot;&amp;&lt;标题&gt;&#39;"),
        ("<<>>&&''\"\"", "&lt;&lt;&gt;&gt;&amp;&amp;&#39;&#39;&quot;&quot;"),
        ("👨‍👩‍👧<🇨🇳&🇺🇸>", "👨‍👩‍👧&lt;🇨🇳&amp;🇺🇸&gt;"),
        ("e\u{301}&é<", "e\u{301}&amp;é&lt;"),
        ("\r\n<\r\n", "\r\n&lt;\r\n"),
        // A combining mark after a special character makes one character with it: left as it is.
        ("<\u{338} a &\u{301} \"\u{200D}", "<\u{338} a &\u{301} \"\u{200D}"),
        // So does a prepended concatenation mark before it (U+0600 ARABIC NUMBER SIGN).
        ("\u{600}<x", "\u{600}<x"),
        ("<\u{338}<", "<\u{338}&lt;"),
        (String(repeating: "安全 & <健康> ", count: 200), String(repeating: "安全 &amp; &lt;健康&gt; ", count: 200)),
    ]

    @Test(arguments: cases)
    func escapesAsSwiftMustacheDid(_ text: String, _ expected: String) {
        #expect(Self.swiftMustacheEscape(text) == expected)
        #expect(HTMLEscaping.escape(text) == expected)
        var bytes = Array("x".utf8)
        HTMLEscaping.append(text, to: &bytes)
        #expect(bytes == Array("x\(expected)".utf8))
    }

    @Test func escapingInTemplatesIsTheSame() throws {
        let library = try TemplateLibrary(sources: ["page": "{{#items}}{{.}}|{{/items}}"])
        let rendered = library.render("page", .object(["items": .list(Self.cases.map { .text($0.0) })]))
        #expect(rendered == Self.cases.map { $0.1 + "|" }.joined())
    }

    /// Random strings of the characters that make grapheme clusters tricky, against swift-mustache's loop.
    @Test func randomTextEscapesAsSwiftMustacheDid() {
        let scalars: [Unicode.Scalar] = [
            "<", ">", "&", "\"", "'", "a", " ", "\r", "\n", "中", "é", "\u{301}", "\u{338}", "\u{200D}", "\u{600}",
            "\u{1F468}", "\u{1F1E8}", "\u{1F1F3}", "\u{FE0F}", "\u{1100}", "\u{1161}", "\u{0E33}", "\u{903}",
        ]
        var state: UInt64 = 0x5EED
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(state >> 60) {
                let index = Int((state >> UInt64(4 * (step % 14))) & 0xFF) % scalars.count
                text.append(scalars[index])
            }
            let string = String(text)
            #expect(HTMLEscaping.escape(string) == Self.swiftMustacheEscape(string), "\(string.debugDescription)")
        }
    }
}
