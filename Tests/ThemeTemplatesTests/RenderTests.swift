import Testing
import ThemeTemplates

/// An article as a typed page model: `summary` is a field without a value, `missing` is no field.
private struct Article: TemplateObject {
    var title: String
    var summary: String?

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "title": .text(title)
        case "summary": .text(summary)
        default: nil
        }
    }
}

@Suite struct RenderTests {
    func render(
        _ template: String, _ context: TemplateValue = .null, partials: [String: String] = [:]
    ) throws -> String? {
        var sources = partials
        sources["page"] = template
        return try TemplateLibrary(sources: sources).render("page", context)
    }

    @Test func emptyTextAndZeroAreTruthyAsInSwiftMustache() throws {
        let template = "{{#value}}shown({{.}}){{/value}}{{^value}}hidden{{/value}}"
        #expect(try render(template, .object(["value": .text("")])) == "shown()")
        #expect(try render(template, .object(["value": .number(0)])) == "shown(0)")
        #expect(try render(template, .object(["value": .decimal(0)])) == "shown(0.0)")
        #expect(try render(template, .object(["value": .null])) == "hidden")
        #expect(try render(template, .object(["value": .bool(false)])) == "hidden")
        #expect(try render(template, .object(["value": .list([] as [TemplateValue])])) == "hidden")
        #expect(try render(template, .object([:])) == "hidden")
    }

    /// Text given as UTF-8 bytes (a Markdown body) shows exactly as the same text given as a `String`.
    @Test func utf8BytesShowAsTheirText() throws {
        let template = "{{v}}|{{{v}}}|{{& v}}|{{#v}}[{{.}}]{{/v}}{{^v}}none{{/v}}"
        for text in ["", "<p class=\"x\">文明 & 'y'</p>", "😀 e\u{301} <b>"] {
            let asText = try render(template, .object(["v": .text(text)]))
            #expect(try render(template, .object(["v": .utf8(Array(text.utf8))])) == asText)
            #expect(asText?.contains("none") == false)
        }
    }

    @Test func valuesAreWrittenAsSwiftDescribesThem() throws {
        let values: [(TemplateValue, String)] = [
            (.number(Int.min), "-9223372036854775808"), (.number(-7), "-7"), (.number(1_234_567), "1234567"),
            (.decimal(0.1), "0.1"), (.decimal(2), "2.0"), (.decimal(1e21), "1e+21"), (.decimal(-0.5), "-0.5"),
            (.bool(true), "true"), (.bool(false), "false"), (.null, ""),
            (.list([.text("a")]), ""), (.object(["a": .text("b")]), ""),
        ]
        for (value, expected) in values {
            #expect(try render("{{v}}|{{{v}}}", .object(["v": value])) == "\(expected)|\(expected)")
        }
    }

    @Test func aFieldWithoutValueStopsTheLookupButNoFieldGoesOn() throws {
        let context = TemplateValue.object([
            "summary": .text("site summary"), "missing": .text("outer"),
            "article": .object(Article(title: "标题", summary: nil)),
        ])
        let template = "{{#article}}{{title}}|{{summary}}|{{missing}}{{/article}}"
        #expect(try render(template, context) == "标题||outer")
    }

    @Test func aLeadingDotLooksInTheCurrentContextOnly() throws {
        let context = TemplateValue.object(["title": .text("site"), "page": .object(["body": .text("b")])])
        #expect(try render("{{#page}}[{{title}}][{{.title}}][{{.body}}]{{/page}}", context) == "[site][][b]")
    }

    @Test func unresolvedReportsNamesWhoseFirstPartIsNowhere() throws {
        let library = try TemplateLibrary(sources: [
            "page": """
            {{site.title}}{{page_title}}{{#article}}{{title}}{{author.name}}{{/article}}\
            {{^site.beta}}{{.}}{{/site.beta}}{{#nav}}{{url}}{{/nav}}{{>footer}}
            """,
            "footer": "{{footer_links}}",
        ])
        var names: [String] = []
        let context = TemplateValue.object([
            "page_title": .text("t"), "article": .object(Article(title: "x")),
            "nav": .list([.object(["url": .text("/")]), .object([:])]),
        ])
        _ = library.render("page", context) { names.append($0) }
        #expect(names == ["site.title", "author.name", "site.beta", "url", "footer_links"])

        // Found first parts are not reported, even when the rest of the name is not there.
        names = []
        let found = try TemplateLibrary(sources: ["page": "{{site.title}}{{author.name}}{{.x}}{{missing}}"])
        _ = found.render("page", .object(["site": .object([:]), "author": .null])) { names.append($0) }
        #expect(names == [".x", "missing"])
    }

    @Test(.timeLimit(.minutes(1)))
    func partialsThatIncludeThemselvesEnd() throws {
        let node = try render("{{>node}}", .object(["x": .text("x")]), partials: ["node": "{{x}}{{>node}}"])
        #expect(node.map { $0.count >= 100 && $0.allSatisfy { $0 == "x" } } == true)
        let pair = try render("{{>a}}", partials: ["a": "a{{>b}}", "b": "b{{>a}}"])
        #expect(pair?.hasPrefix("abab") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func partialsThatIncludeThemselvesTwiceEnd() throws {
        // Each level doubles the work: the expansion budget ends it, and the work budget when each level
        // is long too.
        #expect(try render("{{>r}}", partials: ["r": "{{>r}}{{>r}}."])?.contains("...") == true)
        let wide = String(repeating: "{{#.}}{{/.}}", count: 300) + "{{>w}}{{>w}}|"
        #expect(try render("{{>w}}", partials: ["w": wide])?.contains("||") == true)
    }

    /// Sections nested over a list multiply their content: 22 levels over two items would write 2²² copies of
    /// 2 KB, 8 GB, within the step limit. The output limit ends it, and the render says which limit it hit.
    @Test(.timeLimit(.minutes(1)))
    func sectionsThatMultiplyTheirContentStopAtTheOutputLimit() throws {
        let depth = 22
        let template =
            String(repeating: "{{#items}}", count: depth) + String(repeating: "x", count: 2000)
            + String(repeating: "{{/items}}", count: depth)
        var library = try TemplateLibrary(sources: ["page": template])
        #expect(library.limits.outputBytes == 64 << 20)
        library.limits.outputBytes = 8 << 20
        var output: [UInt8] = []
        let context = TemplateValue.object(["items": .list([.object([:]), .object([:])])])
        let end = library.render("page", context, appending: &output)
        #expect(end == .cut(.output))
        #expect(output.count > 8 << 20 && output.count < 9 << 20)
    }

    @Test(.timeLimit(.minutes(1)))
    func everyLimitIsReportedAndAPageWithinThemIsComplete() throws {
        var limits = TemplateRenderLimits()
        #expect(limits.depth == 200 && limits.expansions == 100_000 && limits.steps == 10_000_000)
        limits.expansions = 1_000
        limits.steps = 100_000
        func end(_ page: String, partials: [String: String] = [:], _ context: TemplateValue = .null) throws
            -> TemplateRenderEnd?
        {
            var library = try TemplateLibrary(sources: partials.merging(["page": page]) { $1 })
            library.limits = limits
            var output: [UInt8] = []
            return library.render("page", context, appending: &output)
        }
        // A partial that includes itself goes deep first; one used in a long list expands often; a long list
        // of long content runs many steps.
        #expect(try end("{{>node}}", partials: ["node": "x{{>node}}"]) == .cut(.depth))
        #expect(try end("{{>r}}", partials: ["r": "{{>r}}{{>r}}."]) == .cut(.depth))
        let many = TemplateValue.object(["items": .list(Array(repeating: .bool(true), count: 1_001))])
        #expect(try end("{{#items}}{{>p}}{{/items}}", partials: ["p": "."], many) == .cut(.expansions))
        let wide = String(repeating: "{{#.}}{{/.}}", count: 300)
        #expect(try end("{{#items}}\(wide){{/items}}", many) == .cut(.steps))
        let list = TemplateValue.object(["items": .list((0..<1000).map { .text("\($0)") })])
        #expect(try end("<ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>", list) == .complete)
        #expect(try end("missing", partials: [:]) == .complete)
        var output: [UInt8] = []
        #expect(try TemplateLibrary(sources: ["page": "x"]).render("other", .null, appending: &output) == nil)
        #expect(limits.description(of: .steps).contains("100000"))
    }

    @Test func inheritanceThatRecursesEnds() throws {
        // A parent that is its own block's content.
        let ownBlock = try render(
            "{{<page}}{{$main}}{{<page}}{{/page}}{{/main}}{{/page}}")
        #expect(ownBlock?.isEmpty == true)
    }

    @Test func anOverrideThatHoldsItsOwnBlockIsAnError() throws {
        // It would be filled with itself: found by the template fuzzer, where swift-mustache overflows its
        // stack on it. The outermost override wins, so an override of another parent inside recurses too.
        let partials = ["base": "<{{$a}}{{/a}}>", "inner": "({{$a}}d{{/a}})"]
        let recursing = [
            "{{<base}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/base}}", "{{<base}}{{$a}}{{#s}}{{$a}}{{/a}}{{/s}}{{/a}}{{/base}}",
            "{{<base}}{{$a}}[{{<inner}}{{$a}}i{{/a}}{{/inner}}]{{/a}}{{/base}}",
        ]
        for template in recursing {
            #expect(throws: TemplateError.self) { try render(template, partials: partials) }
        }
        // A block inside a block of the same name that is not an override is fine.
        #expect(try render("{{$a}}x{{$a}}y{{/a}}{{/a}}") == "xy")
        #expect(try render("{{<base}}{{$a}}[{{$b}}b{{/b}}]{{/a}}{{/base}}", partials: partials) == "<[b]>")
    }

    @Test func anEmptyOverrideEmptiesTheBlock() throws {
        // Found by the template fuzzer: an empty override, closed or not, was read past the last op.
        let base = ["base": "<{{$main}}default{{/main}}>"]
        #expect(try render("{{<base}}{{$main}}{{/main}}{{/base}}", partials: base) == "<>")
        #expect(throws: TemplateError.self) { try render("{{<base}}{{$main}}{{/main}}", partials: base) }
    }

    @Test func standalonePartialsIndentEveryLineTheyRender() throws {
        let partials = ["items": "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n", "list": "<ul>\n  {{>items}}\n</ul>\n"]
        let context = TemplateValue.object(["items": .list([.text("a"), .text("b<")])])
        #expect(
            try render("<nav>\n  {{>list}}\n</nav>\n", context, partials: partials)
                == "<nav>\n  <ul>\n    <li>a</li>\n    <li>b&lt;</li>\n  </ul>\n</nav>\n")
        // Within a line a partial is text on that line: only its own standalone partials are indented.
        #expect(
            try render("<p>{{>list}}</p>", context, partials: partials)
                == "<p><ul>\n  <li>a</li>\n  <li>b&lt;</li>\n</ul>\n</p>")
    }

    @Test func aPageExtendsTheBaseAsTheThemeDoes() throws {
        let base = """
            <title>{{page_title}}{{^is_home}} - {{site.title}}{{/is_home}}</title>
            <meta name="description" content="{{$description}}{{site.description}}{{/description}}">
            <main>
            {{$main}}{{/main}}
            </main>

            """
        let article = """
            {{<base}}
            {{$description}}{{article.summary}}{{/description}}
            {{$main}}
            {{#article}}
            <h1>{{title}}</h1>
              {{#tags}}<a href="{{url}}">{{name}}</a>{{/tags}}
            {{/article}}
            {{/main}}
            {{/base}}

            """
        let context = TemplateValue.object([
            "page_title": .text("A & B"), "is_home": .bool(false),
            "site": .object(["title": .text("站点"), "description": .text("default")]),
            "article": .object([
                "title": .text("标题"), "summary": .text("“摘要”"),
                "tags": .list([.object(["url": .text("/t/1/"), "name": .text("一")])]),
            ]),
        ])
        let page = try TemplateLibrary(sources: ["base": base, "article": article]).render("article", context)
        #expect(
            page == """
                <title>A &amp; B - 站点</title>
                <meta name="description" content="“摘要”">
                <main>
                <h1>标题</h1>
                  <a href="/t/1/">一</a>

                </main>

                """)
    }

    @Test func delimitersSetInsideASectionStaySetAfterIt() throws {
        #expect(
            try render("{{#s}}{{=<% %>=}}<%/s%><%x%>{{x}}", .object(["s": .bool(true), "x": .text("1")])) == "1{{x}}")
    }

    @Test func bytesAreAppendedToTheBuffer() throws {
        let library = try TemplateLibrary(sources: ["a": "<b>{{x}}</b>\r\n", "b": "{{>a}}"])
        var output = Array("<!-- -->".utf8)
        #expect(library.render("b", .object(["x": .text("é&")]), into: &output))
        #expect(String(decoding: output, as: UTF8.self) == "<!-- --><b>é&amp;</b>\r\n")
        #expect(!library.render("c", .null, into: &output))
        #expect(library.render("c", .null) == nil)
        #expect(library.names == ["a", "b"])
        #expect(library.contains("a") && !library.contains("c"))
    }

    @Test func oneLibraryRendersFromManyTasksAtOnce() async throws {
        let library = try TemplateLibrary(sources: ["page": "{{#items}}<i>{{.}}</i>{{/items}}"])
        let pages = await withTaskGroup(of: String?.self) { group in
            for index in 0..<32 {
                group.addTask {
                    library.render("page", .object(["items": .list((0..<index).map { .number($0) })]))
                }
            }
            var pages: [String] = []
            for await page in group { pages.append(page ?? "") }
            return pages
        }
        #expect(Set(pages).count == 32)
        #expect(pages.contains("<i>0</i><i>1</i><i>2</i>"))
    }
}
