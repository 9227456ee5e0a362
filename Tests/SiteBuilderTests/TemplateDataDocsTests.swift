import Foundation
import Testing

@testable import SiteBuilder

/// docs/theme.md lists the data of every template exactly as the model types define it.
@Suite struct TemplateDataDocsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/theme.md")

    @Test func themeReferenceMatchesTheModels() throws {
        let text = try String(contentsOf: Self.docs, encoding: .utf8)
        let generated = TemplateDataDocs.markdown()
        let begin = try #require(text.range(of: TemplateDataDocs.begin), "docs/theme.md has no generated section")
        let end = try #require(text.range(of: TemplateDataDocs.end, range: begin.upperBound..<text.endIndex))
        let current = String(text[begin.lowerBound..<end.upperBound])
        if current != generated, ProcessInfo.processInfo.environment["UPDATE_THEME_DOCS"] == "1" {
            try text.replacingCharacters(in: begin.lowerBound..<end.upperBound, with: generated)
                .write(to: Self.docs, atomically: true, encoding: .utf8)
        }
        #expect(
            current == generated,
            "docs/theme.md is out of date with Sources/SiteBuilder/TemplateData: run UPDATE_THEME_DOCS=1 swift test --filter TemplateDataDocsTests"
        )
    }

    @Test func everyThemeTemplateWithDataHasAModel() throws {
        let root = Self.docs.deletingLastPathComponent().deletingLastPathComponent()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: root.appendingPathComponent("Theme/templates").path
        )
        .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        let documented = Set(TemplateDataDocs.templates.map(\.template))
        // Partials take the data of the template that includes them.
        let partials: Set = [
            "base", "pagination", "news-items", "home-news", "exposure-items", "exposure-badge", "exposure-facets",
            "exposure-picture", "progress-indicator-row", "progress-ledger-cells",
        ]
        for name in names where !partials.contains(name) {
            #expect(documented.contains(name), "template \(name) has no model in TemplateDataDocs.templates")
        }
    }

    @Test func everyModelIsInTheReference() {
        let listed = Set(TemplateDataDocs.models.map(TemplateDataDocs.name))
        for (_, model) in TemplateDataDocs.templates {
            #expect(listed.contains(TemplateDataDocs.name(model)))
        }
        #expect(listed.count == TemplateDataDocs.models.count, "a model is listed twice")
    }
}

/// Every name the default theme's templates use is a field of the models (or of an enclosing
/// section): nothing renders as empty because of a misspelt or undocumented name.
@Suite struct TemplateNamesTests {
    @Test func theSampleUsesNoNameTheModelsLack() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let options = site.options()
        var (theme, diagnostics) = Theme.load(from: options.themeURL, displayPath: "Theme")
        #expect(diagnostics.isEmpty)
        let recorder = NameRecorder()
        theme?.unresolvedNames = recorder
        let report = await SiteBuilder.build(
            options, theme: (theme, diagnostics), memo: nil, incremental: nil, assembled: nil)
        #expect(report.errorCount == 0)
        #expect(recorder.all == [], "names no model has: \(recorder.all)")
    }
}
