import CampaignCore
import Foundation
import ThemeTemplates

/// The parts of every page's data that are the same on every page: site identity, navigation, the
/// header and footer rendered once, meta tags.
struct PageLayout: Sendable {
    let site: SiteConfig
    /// The navigation items this site shows (those of `sections` whose pages are built).
    let navigation: [(String, String)]
    /// The theme's `header` partial rendered once per current navigation item (the last entry: none
    /// current), and its `footer` once: the same on thousands of pages, so not rendered again for each.
    let headers: [String]
    let footer: String
    /// What the pages with each of `headers` share.
    let shared: [SharedChrome]

    init(
        site: SiteConfig, theme: Theme, navigation: [(String, String)] = PageLayout.sections,
        footerLinks: [(String, String)] = [], govBadgePath: String? = nil
    ) {
        self.site = site
        self.navigation = navigation
        let siteFields = SiteFields(site: site, govBadgePath: govBadgePath)
        let assets = theme.assetContext.mapValues { TemplateValue.text($0) }
        func chrome(_ template: String, current: Int?) -> String {
            guard theme.templateNames.contains(template) else { return "" }
            var links = footerLinks.map { LinkItem(title: $0.0, url: $0.1) }
            if let url = site.footer.errorReportURL { links.append(LinkItem(title: "我为政府网站找错", url: url)) }
            let data = ChromeTemplateData(
                site: siteFields, assets: assets, navigation: Self.items(navigation, current: current),
                footerLinks: links)
            return theme.render(template, data) ?? ""
        }
        let headers = (0...navigation.count).map { chrome("header", current: $0 < navigation.count ? $0 : nil) }
        let footer = chrome("footer", current: nil)
        self.headers = headers
        self.footer = footer
        shared = headers.indices.map { variant in
            SharedChrome(
                site: siteFields, assets: assets,
                navigation: Self.items(navigation, current: variant < navigation.count ? variant : nil),
                header: headers[variant], footer: footer, headerVariant: variant)
        }
    }

    static func items(_ navigation: [(String, String)], current: Int?) -> [NavigationItem] {
        navigation.enumerated().map { index, item in
            NavigationItem(title: item.0, url: item.1, current: index == current)
        }
    }

    /// Index of the navigation item a path belongs to (`/` only for the home page itself).
    func currentSection(of path: String) -> Int? {
        navigation.firstIndex { item in item.1 == "/" ? path == "/" : path.hasPrefix(item.1) }
    }

    /// The sections of the main navigation: (title, path).
    static let sections: [(String, String)] = [
        ("首页", "/"), ("创建动态", "/news/"), ("曝光台", "/exposures/"), ("创建进度", "/progress/"),
        ("LED 播放", "/led/"), ("关于创建", "/about/"),
    ]

    /// The fields every page has: `title` of the page, the column (ColumnName meta tag), its path for
    /// the canonical link and the current navigation item, and the article meta tags when given.
    func chrome(title: String, column: String, path: String, article: ArticleMeta? = nil) -> PageChrome {
        let current = currentSection(of: path)
        return PageChrome(
            shared: shared[current ?? navigation.count], pageTitle: title, isHome: path == "/", column: column,
            canonical: site.baseURL + path,
            articleMeta: article.map {
                ArticleMetaFields(
                    title: $0.title, pubDate: ContentDate.minuteString($0.date, in: site.timeZone),
                    source: $0.source ?? site.title)
            })
    }

    /// The publish-time fields of a dated item.
    func dateFields(_ date: Date) -> DateFields { DateFields(date, in: site.timeZone) }
}

/// The article meta tags (docs/architecture.md, "Page metadata").
struct ArticleMeta: Sendable {
    var title: String
    var date: Date
    var source: String?
}
