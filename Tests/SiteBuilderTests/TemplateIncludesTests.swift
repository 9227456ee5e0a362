import CampaignCore
import Foundation
import Testing
import ThemeTemplates

@testable import SiteBuilder

/// A partial that includes itself used to overflow the stack (killing the build and `campaign serve`); a
/// missing partial rendered as nothing. Both are now errors on the include's line.
@Suite struct TemplateIncludesTests {
    @Test func scanFindsPartialsAndParentsWithTheirLines() {
        let includes = TemplateIncludes.scan(
            "{{<base}}\n{{$main}}\n  {{> news-items }}{{{raw}}}\n{{>*dynamic}}{{/main}}")
        #expect(includes.map(\.name) == ["base", "news-items"])
        #expect(includes.map(\.line) == [1, 3])
        #expect(includes[1].column == 3)
    }

    @Test func scanFollowsChangedDelimiters() {
        let includes = TemplateIncludes.scan("{{=<% %>=}}\n<%> card %>\n{{>not-a-tag}}")
        #expect(includes.map(\.name) == ["card"])
    }

    /// Found by the template fuzz harness (CI's smoke run): delimiters separated by a tab, which the theme's
    /// parser accepts, hid a partial that includes itself, and swift-mustache overflowed its stack on it.
    @Test func scanReadsDelimitersAndNamesWithTheParsersWhitespace() throws {
        #expect(TemplateIncludes.scan("{{=%\t%=}}%>t%").map(\.name) == ["t"])
        #expect(TemplateIncludes.scan("{{=<%\n%>=}}<%>\tcard\n%>").map(\.name) == ["card"])
        // Delimiters that hold the old closing one, and a new closing delimiter of another length.
        #expect(TemplateIncludes.scan("{{=}} }}=}}}}>a}}").map(\.name) == ["a"])
        #expect(TemplateIncludes.scan("{{=[ ]]]=}}[>a]]][>b]]]").map(\.name) == ["a", "b"])
        // The parser includes the same partials.
        let partials = ["a": "A", "b": "B", "t": "T", "u": "U"]
        for (template, expected) in [
            ("{{=}} }}=}}}}>a}}", "A"), ("{{=[ ]]]=}}[>a]]][>b]]]", "AB"),
        ] {
            let library = try TemplateLibrary(sources: partials.merging(["page": template]) { $1 })
            #expect(library.render("page", .null) == expected, "\(template)")
        }
        let problems = TemplateIncludes(templates: ["t": "{{=%\t%=}}%>t%"]).problems { $0 }
        #expect(problems.map(\.code) == ["theme.partial-cycle"])
        // The parser reads the same tags: the template does include itself.
        #expect(throws: Never.self) { try TemplateLibrary(sources: ["t": "{{=%\t%=}}%>t%"]) }
    }

    @Test func scanSurvivesUnclosedTags() {
        #expect(TemplateIncludes.scan("{{> a").isEmpty)
        #expect(TemplateIncludes.scan("{{").isEmpty)
        #expect(TemplateIncludes.scan("{{>a}}{{> b").map(\.name) == ["a"])
        // A set-delimiters tag the parser rejects ends the scan where the parser stops; the theme check
        // reports that tag (`theme.parse`), so nothing after it is taken for an include.
        #expect(TemplateIncludes.scan("{{=x=}}{{>a}}").isEmpty)
        #expect(throws: TemplateError.self) { try TemplateLibrary(sources: ["t": "{{=x=}}{{>a}}"]) }
    }

    /// The scan reads tags with the parser's own lexer (`TemplateTag`): every template of these, each a
    /// way a second reader of the syntax once differed, gives the includes the parser renders.
    @Test func scanFindsWhatTheParserIncludes() throws {
        let partials = ["a": "A", "b": "B"]
        for (template, names, rendered) in [
            ("{{=%\t%=}}%>a%", ["a"], "A"),
            ("{{=<%\n%>=}}<%>\ta\n%>", ["a"], "A"),
            ("{{=}} }}=}}}}>a}}", ["a"], "A"),
            ("{{=[ ]]]=}}[>a]]][>b]]]", ["a", "b"], "AB"),
            ("{{! {{>b }}{{>a}}", ["a"], "A"),
            ("{{{x}}}{{>b}}", ["b"], "B"),
            ("{{#s}}{{/s}}{{^s}}{{>a}}{{/s}}", ["a"], "A"),
        ] {
            #expect(TemplateIncludes.scan(template).map(\.name) == names, "\(template)")
            let library = try TemplateLibrary(sources: partials.merging(["page": template]) { $1 })
            #expect(library.render("page", .null) == rendered, "\(template)")
        }
    }

    @Test func tagsCarryTheParsersLinesAndColumnsInCharacters() {
        let tags = TemplateTag.tags(in: "标题{{> card }}\n  {{{raw}}}{{=<% %>=}}<%/s%>")
        #expect(tags.map(\.kind) == [.partial, .unescaped, .delimiters, .close])
        #expect(tags.map(\.name) == ["card", "raw", "", "s"])
        #expect(tags.map(\.line) == [1, 2, 2, 2])
        #expect(tags.map(\.column) == [3, 3, 12, 23])
    }

    @Test func aPartialThatIncludesItselfIsAnErrorNamingTheChain() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("<ul>{{#items}}{{>item}}{{/items}}</ul>", to: "Theme/templates/item.mustache")
        let report = await site.build()
        let error = try #require(report.diagnostics.first { $0.code == "theme.partial-cycle" })
        #expect(error.message.contains("item → item"))
        #expect(error.file == "Theme/templates/item.mustache")
        #expect(error.line == 1)
        #expect(!report.published)
    }

    @Test func aCycleThroughTwoPartialsIsOneError() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("a\n{{>b}}", to: "Theme/templates/a.mustache")
        try site.write("{{>a}}", to: "Theme/templates/b.mustache")
        let report = await site.build()
        let cycles = report.diagnostics.filter { $0.code == "theme.partial-cycle" }
        #expect(cycles.count == 1)
        #expect(cycles.first?.message.contains("a → b → a") == true)
        #expect(cycles.first?.line == 2)
    }

    /// Found by the template fuzz harness: `{{<base}}` used again inside its own `{{$main}}` override
    /// overflowed the stack, since the outer override fills the inner parent's block again and again.
    /// (With `{{$main}}` inside the inner parent too, the theme's parser rejects the page first:
    /// `RenderTests.anOverrideThatHoldsItsOwnBlockIsAnError`.)
    @Test(arguments: [
        "{{<base}}{{$main}}\n{{<base}}{{$other}}x{{/other}}{{/base}}\n{{/main}}{{/base}}",
        "{{<base}}{{$main}}\n{{>card}}\n{{/main}}{{/base}}",
    ])
    func aParentUsedInsideItsOwnBlockIsAnError(page: String) async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("{{<base}}{{$main}}card{{/main}}{{/base}}", to: "Theme/templates/card.mustache")
        try site.write(page, to: "Theme/templates/page.mustache")
        let report = await site.build()
        let error = try #require(
            report.diagnostics.first { $0.code == "theme.partial-cycle" && $0.file == "Theme/templates/page.mustache" })
        #expect(error.line == 2)
        #expect(error.message.contains("{{<base}}"))
        #expect(!report.published)
    }

    @Test func anOverrideHoldingItsOwnBlockIsReportedWithBothTags() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write(
            "{{<base}}{{$main}}\n{{<base}}{{$main}}x{{/main}}{{/base}}\n{{/main}}{{/base}}",
            to: "Theme/templates/page.mustache")
        let report = await site.build()
        let error = try #require(
            report.diagnostics.first { $0.severity == .error && $0.file == "Theme/templates/page.mustache" })
        #expect(error.line == 2)
        #expect(error.message.contains("{{$main}} inside the override {{$main}} (line 1, column 10)"))
        #expect(!report.published)
    }

    @Test func aPartialInsideABlockThatDoesNotReuseTheParentIsFine() {
        let includes = TemplateIncludes(templates: [
            "base": "<main>{{$main}}{{/main}}</main>", "items": "<ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>",
            "list": "{{<base}}{{$main}}{{>items}}{{/main}}{{/base}}\n{{<base}}{{/base}}",
        ])
        #expect(includes.problems { $0 }.isEmpty)
    }

    @Test func aMissingPartialIsAnErrorNamingTemplateAndLine() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let url = site.root.appendingPathComponent("Theme/templates/page.mustache")
        let text = try String(contentsOf: url, encoding: .utf8)
        try site.write(text + "\n{{>badges}}\n", to: "Theme/templates/page.mustache")
        let report = await site.build()
        let error = try #require(report.diagnostics.first { $0.code == "theme.partial-missing" })
        #expect(error.file == "Theme/templates/page.mustache")
        #expect(error.line == text.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        #expect(error.message.contains("'badges'"))
        #expect(error.message.contains("'page'"))
    }
}
