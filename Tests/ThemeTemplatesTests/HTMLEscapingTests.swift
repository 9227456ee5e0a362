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

    /// Whether one of the five is fused with a mark into a larger character, which swift-mustache does not
    /// escape.
    static func hasFusedSpecial(_ text: String) -> Bool {
        text.contains { $0.utf8.count > 1 && $0.unicodeScalars.contains { "<>&\"'".unicodeScalars.contains($0) } }
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

    /// swift-mustache leaves these as they are, as each is part of a larger character; a browser still
    /// reads the `"` as the end of the attribute, so they are escaped.
    @Test(arguments: [
        ("\"\u{301} onmouseover=alert(1) x=\"", "&quot;\u{301} onmouseover=alert(1) x=&quot;"),
        ("'\u{200D}", "&#39;\u{200D}"), ("\u{600}\"", "\u{600}&quot;"), ("<\u{338}", "&lt;\u{338}"),
        ("&\u{301}", "&amp;\u{301}"),
    ])
    func specialCharactersFusedWithMarksAreEscapedToo(_ text: String, _ expected: String) throws {
        #expect(HTMLEscaping.escape(text) == expected)
        #expect(Self.swiftMustacheEscape(text) != expected)
        let library = try TemplateLibrary(sources: ["page": "<a title=\"{{t}}\">"])
        let page = try #require(library.render("page", .object(["t": .text(text)])))
        #expect(page.filter { $0 == "\"" }.count == 2)
    }

    @Test func escapingInTemplatesIsTheSame() throws {
        let library = try TemplateLibrary(sources: ["page": "{{#items}}{{.}}|{{/items}}"])
        let rendered = library.render("page", .object(["items": .list(Self.cases.map { .text($0.0) })]))
        #expect(rendered == Self.cases.map { $0.1 + "|" }.joined())
    }

    /// Random strings of the characters that make grapheme clusters tricky: each of the five is escaped,
    /// and the result is swift-mustache's wherever none of them is fused with a mark.
    @Test func randomTextEscapesEveryOneOfTheFive() {
        let scalars: [Unicode.Scalar] = [
            "<", ">", "&", "\"", "'", "a", " ", "\r", "\n", "中", "é", "\u{301}", "\u{338}", "\u{200D}", "\u{600}",
            "\u{1F468}", "\u{1F1E8}", "\u{1F1F3}", "\u{FE0F}", "\u{1100}", "\u{1161}", "\u{0E33}", "\u{903}",
        ]
        let entities: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
        var state: UInt64 = 0x5EED
        var comparedWithSwiftMustache = 0
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(state >> 60) {
                let index = Int((state >> UInt64(4 * (step % 14))) & 0xFF) % scalars.count
                text.append(scalars[index])
            }
            let string = String(text)
            let escaped = HTMLEscaping.escape(string)
            #expect(escaped == text.map { entities[$0] ?? String($0) }.joined(), "\(string.debugDescription)")
            if !Self.hasFusedSpecial(string) {
                comparedWithSwiftMustache += 1
                #expect(escaped == Self.swiftMustacheEscape(string), "\(string.debugDescription)")
            }
        }
        #expect(comparedWithSwiftMustache > 1000)
    }
}
