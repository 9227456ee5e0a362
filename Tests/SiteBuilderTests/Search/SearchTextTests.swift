import Testing

@testable import SiteBuilder

@Suite struct SearchTextTests {
    @Test func onlyTheMainElementIsRead() {
        let html = """
            <header><nav><a href="/">首页</a></nav>站名</header>
            <main id="main"><h1>标题</h1><p>正文&amp;内容</p></main>
            <footer>页脚</footer>
            """
        #expect(SearchText.mainText(of: html) == "标题 正文&内容")
    }

    @Test func navigationFormsScriptsAndDrawingsAreLeftOut() {
        let html = """
            <main><nav class="breadcrumb"><a href="/">首页</a></nav><p>甲</p><form><label>搜索</label></form>\
            <svg><text>图中字</text><svg><text>内层</text></svg></svg><script>var x = "<p>";</script><p>乙</p>\
            <!-- 注释 --></main>
            """
        #expect(SearchText.mainText(of: html) == "甲 乙")
    }

    @Test func inlineMarkupKeepsARunTogether() {
        let html = "<main><p>乱停<strong>乱放</strong>现象</p><ul><li>一</li><li>二</li></ul></main>"
        #expect(SearchText.mainText(of: html) == "乱停乱放现象 一 二")
    }

    @Test func characterReferencesAreDecoded() {
        #expect(
            SearchText.mainText(of: "<main>&#x6587;&#26126; &lt;b&gt; &quot;x&quot; &bogus; &</main>")
                == "文明 <b> \"x\" &bogus; &")
    }

    @Test func theIndexedTextIsEscapedForJSON() {
        let html = "<main><p>他说\u{201C}好\u{201D} \"引\" a\\b</p>\u{2028}<p>下\u{1}一段</p></main>"
        let text = String(decoding: SearchText.mainTextJSON(of: html, limit: 1000), as: UTF8.self)
        #expect(text == "他说\u{201C}好\u{201D} \\\"引\\\" a\\\\b 下 一段")
    }

    @Test func aLongTextIsCutBeforeTheCharacterThatDoesNotFit() {
        let html = "<main><p>文明城市</p><p>创建</p></main>"
        #expect(SearchText.mainTextJSON(of: html, limit: 11) == Array("文明城".utf8))
        #expect(SearchText.mainTextJSON(of: html, limit: 13) == Array("文明城市".utf8))
        #expect(SearchText.mainTextJSON(of: html, limit: 16) == Array("文明城市 创".utf8))
    }

    @Test func aPageWithoutMainHasNoText() {
        #expect(SearchText.mainText(of: "<body><p>正文</p></body>") == "")
    }
}

@Suite struct SubPathTests {
    @Test func prefixIsThePathOfTheBaseURL() {
        #expect(SubPath.prefix(of: "https://host/wmcj/") == "/wmcj")
        #expect(SubPath.prefix(of: "https://host/a/b") == "/a/b")
        #expect(SubPath.prefix(of: "https://host") == "")
        #expect(SubPath.prefix(of: "https://host/") == "")
    }

    @Test func rootRelativeURLsMoveUnderThePath() {
        let html = """
            <a href="/contact/">联系</a><img src="/media/a.jpg" srcset="/media/a-1.jpg 480w, /media/a-2.jpg 960w">\
            <form action="/search/"></form><a href="//cdn.example/x">外</a><a href="https://x.example/">外</a>\
            <a href="#top">顶</a><a href="/wmcj/news/">已在</a><a href="x/">相对</a>
            """
        let expected = """
            <a href="/wmcj/contact/">联系</a><img src="/wmcj/media/a.jpg" srcset="/wmcj/media/a-1.jpg 480w, \
            /wmcj/media/a-2.jpg 960w"><form action="/wmcj/search/"></form><a href="//cdn.example/x">外</a>\
            <a href="https://x.example/">外</a><a href="#top">顶</a><a href="/wmcj/news/">已在</a><a href="x/">相对</a>
            """
        #expect(SubPath.rewrite(html: html, prefix: "/wmcj") == expected)
    }

    @Test func aSiteAtTheRootIsLeftAlone() {
        let html = "<a href=\"/contact/\">联系</a>"
        #expect(SubPath.rewrite(html: html, prefix: "") == html)
    }
}
