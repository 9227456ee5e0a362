import Foundation

/// A news post from `Content/news/*.md`, validated and ready to render.
public struct NewsItem: Sendable {
    public var title: String
    public var date: Date
    public var summary: String?
    public var tags: [String]
    /// The `ContentSource` meta tag and the visible "来源".
    public var source: String?
    /// Short headline for LED screens.
    public var led: String?
    public var draft: Bool
    public var expires: Date?
    public var slug: String { didSet { path = Self.path(of: slug) } }
    /// The Markdown body and the file line it starts on.
    public var body: String
    public var bodyStartLine: Int
    /// Path relative to the project, e.g. `Content/news/2026-11-08-meeting.md`.
    public var file: String
    public var titleLocation: SourceLocation
    public var dateLocation: SourceLocation
    /// The three-review sign-off (三审); nil when the front matter has no `review`.
    public var review: ReviewSignOff? = nil

    /// Site path of the article, e.g. `/news/meeting/`: kept, as every page and list asks for it.
    public private(set) var path: String

    static func path(of slug: String) -> String { "/news/\(slug)/" }

    /// Whether the item is published at `now` under the given switches.
    public func isPublished(at now: Date, drafts: Bool, future: Bool) -> Bool {
        if draft && !drafts { return false }
        if date > now && !future { return false }
        if let expires, expires <= now { return false }
        return true
    }
}

extension NewsItem {
    /// Parses a news file. `fileName` is the base name (for the default slug).
    ///
    /// Returns the item with the reader so later rules (review) can read further fields and then
    /// report unknown keys; nil when a required field is missing or invalid.
    public static func parse(
        _ text: String, file: String, fileName: String, site: SiteConfig
    ) -> (NewsItem?, FieldReader?, [Diagnostic]) {
        let (frontMatter, splitDiagnostics) = FrontMatter.split(text, file: file, code: "news")
        guard let frontMatter else { return (nil, nil, splitDiagnostics) }
        let sink = FieldReader.Sink()
        guard
            let r = FieldReader.parse(
                frontMatter.yaml, file: file, lineOffset: frontMatter.yamlLineOffset, codePrefix: "news", sink: sink)
        else { return (nil, nil, sink.diagnostics) }
        let tz = site.timeZone
        let title = r.string("title", required: true)
        let date = r.date("date", required: true, timeZone: tz)
        let summary = r.string("summary")
        let tags = r.strings("tags") ?? []
        for tag in tags {
            if let problem = TagName.problem(tag) {
                r.error("tag '\(tag)' can not be used in a URL: \(problem)", key: "tags")
            }
        }
        let source = r.string("source")
        let led = r.string("led")
        let draft = r.bool("draft") ?? false
        let expires = r.date("expires", timeZone: tz)
        var slug = Slug.fromFileName(fileName)
        var slugKey = "file name"
        if let explicit = r.string("slug") {
            slug = explicit
            slugKey = "slug"
        }
        if !Slug.isValid(slug) {
            let message =
                "invalid slug '\(slug)' from the \(slugKey): use only a-z, 0-9 and '-' (for example '\(Slug.suggest(from: slug))')"
            if slugKey == "slug" {
                r.error(message, key: "slug")
            } else {
                sink.diagnostics.append(.error(message, code: "news.slug", file: file, line: 1, column: 1))
            }
        }
        if let date, let expires, expires <= date {
            r.error("'expires' must be after 'date'", key: "expires")
        }
        let review = ReviewSignOff.parse(from: r, timeZone: tz)
        r.reportUnknownKeys()
        guard let title, let date, !sink.diagnostics.hasErrors else { return (nil, r, sink.diagnostics) }
        let item = NewsItem(
            title: title, date: date, summary: summary, tags: tags, source: source, led: led, draft: draft,
            expires: expires, slug: slug, body: frontMatter.body, bodyStartLine: frontMatter.bodyStartLine,
            file: file, titleLocation: r.location(of: "title"), dateLocation: r.location(of: "date"),
            review: review, path: NewsItem.path(of: slug))
        return (item, r, sink.diagnostics)
    }
}

/// Tag names become folder names under `tags/`, so they are checked like slugs but may be Chinese.
public enum TagName {
    /// The characters a tag may not hold (besides control characters), as the message lists them.
    public static let refusedCharacters = "/\\?#%:*\"<>| "

    /// The rule a refused tag breaks, as messages quote it.
    static let rule =
        "keep it short (≤ 40 characters), without a leading dot, control characters or any of "
        + refusedCharacters.map { $0 == " " ? "space" : String($0) }.joined(separator: " ")

    /// True when `tag` is safe as a single path segment.
    public static func isValid(_ tag: String) -> Bool { problem(tag) == nil }

    /// What makes `tag` unusable, naming every refused character it holds and the full rule; nil when valid.
    public static func problem(_ tag: String) -> String? {
        if tag.isEmpty { return "it is empty; " + rule }
        var found: [String] = []
        for scalar in tag.unicodeScalars {
            let name: String
            if scalar.value < 0x20 || scalar.value == 0x7F {
                name = "U+" + String(scalar.value, radix: 16, uppercase: true)
            } else if scalar.isASCII, refusedCharacters.unicodeScalars.contains(scalar) {
                name = scalar == " " ? "space" : "'\(scalar)'"
            } else {
                continue
            }
            if !found.contains(name) { found.append(name) }
        }
        var reasons: [String] = []
        if !found.isEmpty { reasons.append("it contains " + found.joined(separator: ", ")) }
        if tag.count > 40 { reasons.append("it is \(tag.count) characters long") }
        if tag.hasPrefix(".") { reasons.append("it starts with a dot") }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ") + " (" + rule + ")"
    }
}
