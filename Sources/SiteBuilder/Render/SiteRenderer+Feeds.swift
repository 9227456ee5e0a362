import CampaignCore
import Foundation

extension SiteRenderer {
    /// `atom.xml` (the latest 20 news), `robots.txt`.
    func renderFeeds(summaries: [String]) -> Output {
        var output = Output()
        let site = content.site
        let entries = Array(content.news.prefix(20).enumerated())
        output.merge(
            write(
                AtomFeed.render(
                    title: site.title, subtitle: "创建动态", selfPath: "/atom.xml", alternatePath: "/news/",
                    site: site, updated: content.news.first?.date ?? content.now,
                    entries: entries.map {
                        AtomFeed.Entry(
                            title: $0.element.title, path: $0.element.path, published: $0.element.date,
                            summary: summaries[$0.offset], categories: $0.element.tags)
                    }), to: "atom.xml", source: options.contentDisplay))
        let robots = "User-agent: *\nAllow: /\nDisallow: /404.html\n\nSitemap: \(site.baseURL)/sitemap.xml\n"
        output.merge(write(robots, to: "robots.txt", source: options.contentDisplay))
        return output
    }

    /// `sitemap.xml` over every HTML page written, sorted by path so the file is stable.
    func renderSitemap(_ entries: [SitemapEntry]) -> Output {
        memoized("sitemap", inputs: SitemapInputs(paths: entries.map(\.path), dates: entries.map(\.lastModified))) {
            $0.renderSitemapUnit(entries)
        }
    }

    /// What `sitemap.xml` is made from: each entry's path and date.
    struct SitemapInputs: Equatable, Sendable {
        var paths: [String]
        var dates: [Date?]
    }

    func renderSitemapUnit(_ entries: [SitemapEntry]) -> Output {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            xml += "  <url><loc>\(Markup.escape(content.site.baseURL + entry.path))</loc>"
            if let date = entry.lastModified {
                xml += "<lastmod>\(ContentDate.rfc3339(date, in: content.site.timeZone))</lastmod>"
            }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return write(xml, to: "sitemap.xml", source: options.contentDisplay)
    }
}

/// An Atom 1.0 feed (RFC 4287).
enum AtomFeed {
    struct Entry: Sendable {
        var title: String
        var path: String
        var published: Date
        var summary: String
        var categories: [String] = []
    }

    static func render(
        title: String, subtitle: String, selfPath: String, alternatePath: String, site: SiteConfig, updated: Date,
        entries: [Entry]
    ) -> String {
        let tz = site.timeZone
        let base = site.baseURL
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Markup.escape(site.language))\">\n"
        xml += "  <title>\(Markup.escape(title))</title>\n"
        xml += "  <subtitle>\(Markup.escape(subtitle))</subtitle>\n"
        xml += "  <id>\(Markup.escape(base + selfPath))</id>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Markup.escape(base + selfPath))\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(base + alternatePath))\"/>\n"
        xml += "  <updated>\(ContentDate.rfc3339(updated, in: tz))</updated>\n"
        xml += "  <author><name>\(Markup.escape(site.organization.sponsor))</name></author>\n"
        xml += "  <generator>CampaignPress</generator>\n"
        for entry in entries {
            xml += "  <entry>\n"
            xml += "    <title>\(Markup.escape(entry.title))</title>\n"
            xml += "    <id>\(Markup.escape(base + entry.path))</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(base + entry.path))\"/>\n"
            xml += "    <published>\(ContentDate.rfc3339(entry.published, in: tz))</published>\n"
            xml += "    <updated>\(ContentDate.rfc3339(entry.published, in: tz))</updated>\n"
            for category in entry.categories {
                xml += "    <category term=\"\(Markup.escape(category))\"/>\n"
            }
            xml += "    <summary type=\"text\">\(Markup.escape(entry.summary))</summary>\n"
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }
}
