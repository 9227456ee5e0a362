import CampaignCore
import Foundation

/// The parts of a Mustache context every page shares: site identity, navigation, footer, meta tags.
struct PageLayout: Sendable {
    let site: SiteConfig
    let assets: [String: String]
    let siteContext: [String: String]
    /// The navigation items this site shows (those of `sections` whose pages are built).
    let navigation: [(String, String)]
    /// The theme's `header` partial rendered once per current navigation item (the last entry: none
    /// current), and its `footer` once: the same on thousands of pages, so not rendered again for each.
    let headers: [String]
    let footer: String

    init(
        site: SiteConfig, theme: Theme, navigation: [(String, String)] = PageLayout.sections,
        footerLinks: [(String, String)] = [], govBadgePath: String? = nil
    ) {
        self.site = site
        self.navigation = navigation
        self.assets = theme.assetContext
        var context: [String: String] = [
            "title": site.title,
            "description": site.description,
            "base_url": site.baseURL,
            "domain": site.domain,
            "language": site.language,
            "campaign_name": site.campaign.name,
            "sponsor": site.organization.sponsor,
            "contact": site.organization.contact,
            "icp": site.registration.icp,
            "police": site.registration.police,
            "site_id_code": site.registration.siteIDCode,
        ]
        if let organizer = site.organization.organizer { context["organizer"] = organizer }
        // The number inside a public-security registration links to its record.
        let digits = site.registration.police.filter(\.isNumber)
        if !digits.isEmpty { context["police_code"] = String(digits) }
        if let badge = govBadgePath { context["gov_badge"] = badge }
        if let url = site.footer.govBadgeURL { context["gov_badge_url"] = url }
        if let url = site.footer.errorReportURL { context["error_report_url"] = url }
        self.siteContext = context
        let siteContext = context
        let assets = theme.assetContext
        func chrome(_ template: String, current: Int?) -> String {
            guard theme.templateNames.contains(template) else { return "" }
            let nav = navigation.enumerated().map { index, item -> [String: Any] in
                ["title": item.0, "url": item.1, "current": index == current]
            }
            var links = footerLinks.map { ["title": $0.0, "url": $0.1] }
            if let url = site.footer.errorReportURL { links.append(["title": "我为政府网站找错", "url": url]) }
            let context: [String: Any] = [
                "site": siteContext, "assets": assets, "nav": nav, "footer_links": links,
                "has_footer_links": !links.isEmpty,
            ]
            return theme.render(template, context) ?? ""
        }
        self.headers = (0...navigation.count).map { chrome("header", current: $0 < navigation.count ? $0 : nil) }
        self.footer = chrome("footer", current: nil)
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

    /// A page context: `title` of the page, the column (ColumnName meta tag), its path for the
    /// canonical link and the current navigation item, and the article meta tags when given.
    func context(
        title: String, column: String, path: String, article: ArticleMeta? = nil, extra: [String: Any] = [:]
    ) -> [String: Any] {
        var context = extra
        context["site"] = siteContext
        context["assets"] = assets
        context["page_title"] = title
        context["is_home"] = path == "/"
        context["column"] = column
        context["canonical"] = site.baseURL + path
        let current = currentSection(of: path)
        context["nav"] = navigation.enumerated().map { index, item -> [String: Any] in
            ["title": item.0, "url": item.1, "current": index == current]
        }
        context["chrome"] = ["header": headers[current ?? navigation.count], "footer": footer]
        if let article {
            context["article_meta"] = [
                "title": article.title,
                "pub_date": ContentDate.minuteString(article.date, in: site.timeZone),
                "source": article.source ?? site.title,
            ]
        }
        return context
    }

    /// The publish-time fields of a dated item: `date` (YYYY-MM-DD HH:MM), `date_iso`, `date_day`.
    func dateFields(_ date: Date) -> [String: String] {
        [
            "date": ContentDate.minuteString(date, in: site.timeZone),
            "date_iso": ContentDate.rfc3339(date, in: site.timeZone),
            "date_day": ContentDate.dayString(date, in: site.timeZone),
        ]
    }
}

/// The article meta tags of DESIGN.md §5.
struct ArticleMeta: Sendable {
    var title: String
    var date: Date
    var source: String?
}
