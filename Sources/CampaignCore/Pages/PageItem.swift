import Foundation

/// A standalone page from `Content/pages/*.md`, published at `/<slug>/`.
public struct PageItem: Sendable {
    public var title: String
    /// Last update, shown as the page's publish time.
    public var date: Date?
    public var summary: String?
    public var slug: String
    public var body: String
    public var bodyStartLine: Int
    public var file: String
    public var titleLocation: SourceLocation

    /// Site path, e.g. `/about/`.
    public var path: String { "/\(slug)/" }

    /// Slugs that would collide with the site's own sections.
    public static let reservedSlugs: Set<String> = [
        "news", "tags", "exposures", "progress", "led", "media", "assets", "index", "404", "search", "sitemap",
    ]

    /// Parses a page file; `fileName` gives the default slug.
    public static func parse(
        _ text: String, file: String, fileName: String, site: SiteConfig
    ) -> (PageItem?, [Diagnostic]) {
        let (frontMatter, splitDiagnostics) = FrontMatter.split(text, file: file, code: "page")
        guard let frontMatter else { return (nil, splitDiagnostics) }
        let sink = FieldReader.Sink()
        guard
            let r = FieldReader.parse(
                frontMatter.yaml, file: file, lineOffset: frontMatter.yamlLineOffset, codePrefix: "page", sink: sink)
        else { return (nil, sink.diagnostics) }
        let title = r.string("title", required: true)
        let date = r.date("date", timeZone: site.timeZone)
        let summary = r.string("summary")
        var slug = Slug.fromFileName(fileName)
        if let explicit = r.string("slug") { slug = explicit }
        if !Slug.isValid(slug) {
            r.error(
                "invalid slug '\(slug)': use only a-z, 0-9 and '-' (for example '\(Slug.suggest(from: slug))')",
                key: r.has("slug") ? "slug" : "title")
        } else if reservedSlugs.contains(slug) {
            r.error("slug '\(slug)' is taken by a section of the site; choose another", key: "slug")
        }
        r.allow("review")
        r.reportUnknownKeys()
        guard let title, !sink.diagnostics.hasErrors else { return (nil, sink.diagnostics) }
        return (
            PageItem(
                title: title, date: date, summary: summary, slug: slug, body: frontMatter.body,
                bodyStartLine: frontMatter.bodyStartLine, file: file, titleLocation: r.location(of: "title")),
            sink.diagnostics
        )
    }
}
