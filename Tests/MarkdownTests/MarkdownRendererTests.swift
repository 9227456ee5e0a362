import Testing

@testable import Markdown

@Suite struct GFMTests {
    @Test func rendersTables() {
        let html = MarkdownRenderer.render(
            """
            | 区 | 问题数 |
            |----|-----:|
            | 城关区 | 12 |
            """
        ).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>区</th>"))
        #expect(html.contains("<td align=\"right\">12</td>"))
    }

    @Test func strikethroughNeedsDoubleTildeSoChineseRangesSurvive() {
        let html = MarkdownRenderer.render("~~占道经营~~ 已整改，10~20日开展，每组3~5人").html
        #expect(html.contains("<del>占道经营</del>"))
        #expect(html.contains("10~20日开展，每组3~5人"))
    }

    @Test func rendersTaskLists() {
        let html = MarkdownRenderer.render("- [x] 清理小广告\n- [ ] 修复破损路面").html
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> 清理小广告"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" /> 修复破损路面"))
    }

    @Test func rendersFootnotes() {
        let html = MarkdownRenderer.render("测评指标见附件[^1]。\n\n[^1]: 《全国文明城市测评体系》").html
        #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\""))
        #expect(html.contains("<section class=\"footnotes\""))
        #expect(html.contains("《全国文明城市测评体系》"))
    }

    @Test func autolinksURLs() {
        let html = MarkdownRenderer.render("详见 https://www.wenming.cn 或 www.lanzhou.gov.cn 。").html
        #expect(html.contains("<a href=\"https://www.wenming.cn\">https://www.wenming.cn</a>"))
        #expect(html.contains("<a href=\"http://www.lanzhou.gov.cn\">www.lanzhou.gov.cn</a>"))
    }

    @Test func keepsChineseQuotesAsWritten() {
        let html = MarkdownRenderer.render("他说：\"文明\"和'礼让'，以及“创城”--共建").html
        #expect(html.contains("&quot;文明&quot;和'礼让'，以及“创城”--共建"))
    }

    @Test func joinsWrappedChineseLinesWithoutSpace() {
        let document = MarkdownRenderer.render("全市志愿者\n走上街头\nand then\nsome English")
        #expect(document.html.contains("全市志愿者走上街头\nand then\nsome English"))
        #expect(document.plainText == "全市志愿者走上街头 and then some English")
    }
}

@Suite struct HeadingTests {
    @Test(arguments: [
        ("# 创建全国文明城市", "创建全国文明城市"),
        ("## Hello, World!", "hello-world"),
        ("## 一、工作目标", "一工作目标"),
        ("### 2026年 工作 安排", "2026年-工作-安排"),
        ("## `code` and *Emphasis*", "code-and-emphasis"),
        ("## snake_case-and-dash", "snake_case-and-dash"),
        ("## ！！！", "section"),
        ("###### 六级标题", "六级标题"),
    ])
    func idsAreGitHubLike(markdown: String, id: String) throws {
        let document = MarkdownRenderer.render(markdown)
        let heading = try #require(document.headings.first)
        #expect(heading.id == id)
        #expect(document.html.hasPrefix("<h\(heading.level) id=\"\(id)\">"))
    }

    @Test func duplicatesAreNumbered() {
        let document = MarkdownRenderer.render(
            """
            ## 工作安排
            ## 工作安排
            ## 工作安排
            ## a
            ## a-1
            ## a
            """
        )
        #expect(document.headings.map(\.id) == ["工作安排", "工作安排-1", "工作安排-2", "a", "a-1", "a-2"])
        #expect(document.html.contains("<h2 id=\"工作安排-2\">工作安排</h2>"))
    }

    @Test func listsLevelIdAndPlainText() {
        let document = MarkdownRenderer.render(
            """
            # 动员大会 **召开**

            正文

            Setext 标题
            -----------

            #### [链接](/news/) 标题
            """
        )
        #expect(
            document.headings == [
                .init(level: 1, id: "动员大会-召开", text: "动员大会 召开"),
                .init(level: 2, id: "setext-标题", text: "Setext 标题"),
                .init(level: 4, id: "链接-标题", text: "链接 标题"),
            ]
        )
        #expect(document.html.contains("<h1 id=\"动员大会-召开\">动员大会 <strong>召开</strong></h1>"))
        #expect(document.html.contains("<h4 id=\"链接-标题\"><a href=\"/news/\">链接</a> 标题</h4>"))
    }
}

@Suite struct HostileInputTests {
    @Test func rawHTMLIsOmittedByDefault() {
        let html = MarkdownRenderer.render("<div class=\"banner\">通知</div>\n\n正文 <b>加粗</b>").html
        #expect(!html.contains("<div"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func rawHTMLPassesWhenUnsafe() {
        let html = MarkdownRenderer.render(
            "<div class=\"banner\">通知</div>\n\n正文 <b>加粗</b>",
            options: .init(unsafeHTML: true)
        ).html
        #expect(html.contains("<div class=\"banner\">通知</div>"))
        #expect(html.contains("<b>加粗</b>"))
    }

    @Test(arguments: [false, true])
    func scriptNeverBecomesMarkup(unsafeHTML: Bool) {
        let markdown = """
            <script>alert(1)</script>

            正文 <script src="x.js"></script> 与 <iframe src="//evil"></iframe>

            # 标题 <script>alert(2)</script>
            """
        let html = MarkdownRenderer.render(markdown, options: .init(unsafeHTML: unsafeHTML)).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("<iframe"))
    }

    @Test(arguments: [false, true])
    func dangerousLinksAreEmptied(unsafeHTML: Bool) {
        let markdown = """
            [点我](javascript:alert(1)) [二](JaVaScRiPt:alert(2)) [三](vbscript:x)
            ![图](javascript:alert(3)) [好](/news/ok/) ![好图](data:image/png;base64,AAAA)
            """
        let document = MarkdownRenderer.render(markdown, options: .init(unsafeHTML: unsafeHTML))
        #expect(!document.html.lowercased().contains("javascript:"))
        #expect(!document.html.contains("vbscript:"))
        #expect(document.html.contains("<a href=\"\">点我</a>"))
        #expect(document.html.contains("<img src=\"\" alt=\"图\" />"))
        #expect(document.html.contains("<a href=\"/news/ok/\">好</a>"))
        #expect(document.html.contains("src=\"data:image/png;base64,AAAA\""))
        // The link list keeps what was written, so a checker can report it.
        #expect(document.links.first?.destination == "javascript:alert(1)")
    }
}

@Suite struct ContentExtractionTests {
    @Test func plainTextHasNoMarkup() {
        let document = MarkdownRenderer.render(
            """
            # 标题

            **加粗**、*强调*和`代码`，见[链接](/a/)。<span>内嵌</span>![图片说明](/i.png)

            - 第一项
            - 第二项

            | 区 | 数 |
            |---|---|
            | 城关区 | 3 |

            > 引用

            ```
            let x = 1
            ```
            """
        )
        #expect(
            document.plainText == """
                标题
                加粗、强调和代码，见链接。内嵌
                第一项
                第二项
                区 数
                城关区 3
                引用
                let x = 1

                """
        )
    }

    @Test func linksComeWithTheirLines() {
        let document = MarkdownRenderer.render(
            """
            # 标题

            见[通知](/news/tongzhi/)和
            ![现场](/images/site.jpg "现场")，
            原文 https://www.wenming.cn 。

            - [参考][ref]

            [ref]: /pages/about/
            """
        )
        #expect(
            document.links == [
                .init(destination: "/news/tongzhi/", line: 3, isImage: false),
                .init(destination: "/images/site.jpg", line: 4, isImage: true),
                .init(destination: "https://www.wenming.cn", line: 5, isImage: false),
                .init(destination: "/pages/about/", line: 7, isImage: false),
            ]
        )
    }

    @Test func emptyInputGivesEmptyDocument() {
        #expect(MarkdownRenderer.render("") == MarkdownDocument(html: "", headings: [], plainText: "", links: []))
    }

    @Test func concurrentRendersAreIdentical() async {
        let sources = (0..<8).map { index in
            """
            # 第\(index)次 ~~督查~~ 通报

            ~~占道经营~~已整改，见 https://example.com/\(index) 与 www.lanzhou.gov.cn 。
            Some *English* with ~~strike~~ and a [link](/news/\(index)/).

            | 区 | 数 |
            |---|---|
            | 城关区 | \(index) |

            - [x] 完成[^n]

            [^n]: 注释 \(index)
            """
        }
        let expected = sources.map { MarkdownRenderer.render($0) }
        let results = await withTaskGroup(of: (Int, MarkdownDocument).self) { group in
            for round in 0..<400 {
                let index = round % sources.count
                let source = sources[index]
                group.addTask { (index, MarkdownRenderer.render(source)) }
            }
            var results: [(Int, MarkdownDocument)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 400)
        let mismatches = results.filter { index, document in document != expected[index] }
        #expect(mismatches.isEmpty)
        #expect(expected[0].html.contains("<del>占道经营</del>"))
    }

    #if os(Linux)
        /// On Linux the inline pass runs without a lock: cmark-gfm's calls that clear its trigger characters
        /// reach this program's `cmark_manage_extensions_special_characters` (CCmarkTriggers), which drops them.
        @Test func documentsParseInParallelOnLinux() {
            #expect(MarkdownRenderer.parsesInParallel)
        }
    #endif

    /// Long inline passes at the same time as short ones: each short document's pass ends by clearing
    /// cmark-gfm's process-wide trigger characters (`~`, `:`, `w`) unless CCmarkTriggers drops that, and
    /// a long pass on the other thread then writes its strikethrough and autolinks as plain text.
    @Test func strikethroughAndAutolinksSurviveOtherDocumentsParsedAtTheSameTime() async {
        let long = (0..<300).map { "第\($0)条 ~~占道经营~~ 已整改，见 https://example.com/\($0) 与 www.lanzhou.gov.cn 。" }
            .joined(separator: "\n\n")
        let tables = (0..<40).map { "| 区\($0) | 数 |\n|---|---|\n| 城关区 | \($0) |" }.joined(separator: "\n\n")
        let expectedLong = MarkdownRenderer.render(long)
        let expectedTables = MarkdownRenderer.render(tables)
        #expect(expectedLong.html.ranges(of: "<del>").count == 300)
        #expect(expectedLong.html.ranges(of: "<a href=").count == 600)
        let mismatches = await withTaskGroup(of: Bool.self) { group in
            for round in 0..<300 {
                group.addTask {
                    round.isMultiple(of: 2)
                        ? MarkdownRenderer.render(long) != expectedLong
                        : MarkdownRenderer.render(tables) != expectedTables
                }
            }
            var mismatches = 0
            for await differs in group where differs { mismatches += 1 }
            return mismatches
        }
        #expect(mismatches == 0)
    }
}

@Suite struct URLSafetyTests {
    @Test(arguments: [
        ("javascript:alert(1)", true), ("JAVASCRIPT:x", true), (" java\tscript:x", true), ("vbscript:x", true),
        ("file:///etc/passwd", true), ("data:text/html,<b>", true), ("data:image/png;base64,AA", false),
        ("/news/a/", false), ("https://example.com/a:b", false), ("mailto:a@b.cn", false), ("#fn-1", false),
        ("创建:说明", false),
    ])
    func classifiesSchemes(destination: String, dangerous: Bool) {
        #expect(URLSafety.isDangerous(destination) == dangerous)
    }
}
