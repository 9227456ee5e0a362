import Testing
import ThemeTemplates

@Suite struct TemplateErrorTests {
    /// The error parsing `source` as the template `page`, or nil when it parses.
    func parseError(_ source: String, name: String = "page") -> TemplateError? {
        do {
            _ = try TemplateLibrary(sources: [name: source])
            return nil
        } catch {
            return error
        }
    }

    struct Unsupported: Sendable, CustomTestStringConvertible {
        let source: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { source.debugDescription }
    }

    @Test(arguments: [
        Unsupported(source: "<p>\n  {{>*dynamic}}\n</p>", line: 2, column: 3, message: "dynamic names"),
        Unsupported(source: "{{<*dynamic}}{{/*dynamic}}", line: 1, column: 1, message: "dynamic names"),
        Unsupported(source: "a {{#*list}}{{/*list}}", line: 1, column: 3, message: "dynamic names"),
        Unsupported(source: "{{title}}\n\n{{uppercased(title)}}", line: 3, column: 1, message: "transforms"),
        Unsupported(source: "x\n{{% CONTENT_TYPE: TEXT }}", line: 2, column: 1, message: "pragmas"),
    ])
    func unsupportedSyntaxIsAnErrorNotText(_ unsupported: Unsupported) throws {
        let error = try #require(parseError(unsupported.source))
        #expect(error.template == "page")
        #expect(error.line == unsupported.line)
        #expect(error.column == unsupported.column)
        #expect(error.message.contains(unsupported.message), "\(error.message)")
    }

    @Test func unclosedSectionNamesWhereItOpened() throws {
        let error = try #require(parseError("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n</ul>\n"))
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message == "{{#items}} is never closed: expected {{/items}}")
        #expect(error.description == "page:2:3: {{#items}} is never closed: expected {{/items}}")
        #expect(error.errorDescription == error.description)
    }

    @Test func mismatchedCloseNamesBothTags() throws {
        let error = try #require(parseError("{{#news}}\n{{^empty}}\n  x {{/news}}\n{{/empty}}"))
        #expect(error.line == 3)
        #expect(error.column == 5)
        #expect(error.message.contains("{{/news}} does not close {{^empty}} (line 2, column 1)"), "\(error.message)")
    }

    @Test func closeWithoutOpenAndUnclosedParentAreErrors() throws {
        #expect(parseError("text {{/news}}")?.column == 6)
        #expect(
            parseError("{{<base}}\n{{$main}}x{{/main}}\n")?.message == "{{<base}} is never closed: expected {{/base}}")
        #expect(
            parseError("{{<base}}{{$main}}x{{/base}}{{/main}}")?.message.contains("does not close {{$main}}") == true)
    }

    @Test func unclosedTagPointsAtItsOpeningDelimiter() throws {
        let error = try #require(parseError("<title>{{page_title</title>\n"))
        #expect((error.line, error.column) == (1, 8))
        #expect(error.message.contains("unclosed tag"))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(parseError("标题：{{#标题}}{{/标题}}"))
        #expect((error.line, error.column) == (1, 4))
        #expect(error.message.contains("'标'"), "\(error.message)")
    }

    @Test func linesCountNewlinesInsideMultilineTags() throws {
        let error = try #require(parseError("{{!\n a comment\n}}\n{{#x}}"))
        #expect((error.line, error.column) == (4, 1))
    }

    @Test(arguments: [
        ("{{first name}}", "whitespace"),
        ("{{site..title}}", "a dot must stand between two names"),
        ("{{site.}}", "a dot must stand between two names"),
        ("{{}}", "the tag is empty"),
        ("{{#}}{{/}}", "the tag is empty"),
        ("{{> }}", "the tag is empty"),
        ("{{name:x}}", "':' cannot be part of a name"),
        ("{{=<% %>=}}<%=<%=%>", "set-delimiters tag"),
        ("{{=<%=}}", "set-delimiters tag"),
        ("{{{title}}", "unclosed tag"),
    ])
    func malformedTagsAreErrors(_ source: String, _ message: String) throws {
        let error = try #require(parseError(source))
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func onlyBlocksMayStandInsideAParent() throws {
        let error = try #require(parseError("{{<base}}\n  {{title}}\n{{$main}}x{{/main}}\n{{/base}}"))
        #expect((error.line, error.column) == (2, 3))
        #expect(error.message.contains("only blocks"))
        #expect(parseError("{{<base}}{{<other}}{{/other}}{{/base}}")?.message.contains("inside a block") == true)
        // Comments, whitespace and text (which the spec ignores there) are fine.
        #expect(parseError("{{<base}}\n  {{! main content }}\n  ignored\n{{$main}}x{{/main}}\n{{/base}}") == nil)
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "{{#a}}", count: 101) + String(repeating: "{{/a}}", count: 101)
        #expect(parseError(deep)?.message.contains("nest more than 100 deep") == true)
        let fine = String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100)
        #expect(parseError(fine) == nil)
    }

    @Test func theFirstBrokenTemplateInNameOrderIsReported() throws {
        let sources = ["b-page": "{{#x}}", "a-page": "{{/y}}", "fine": "{{x}}"]
        for _ in 0..<3 {
            #expect(throws: TemplateError.self) { try TemplateLibrary(sources: sources) }
            do {
                _ = try TemplateLibrary(sources: sources)
            } catch {
                #expect(error.template == "a-page")
            }
        }
    }
}
