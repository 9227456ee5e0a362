import CampaignCore
import Foundation

/// The parts of a Mustache context every page shares: site identity, navigation, footer, meta tags.
struct PageLayout: Sendable {
    let site: SiteConfig
    let assets: [String: String]
    let siteContext: [String: String]

    init(site: SiteConfig, theme: Theme) {
        self.site = site
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
        self.siteContext = context
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
        context["nav"] = Self.sections.map { item -> [String: Any] in
            let current = item.1 == "/" ? path == "/" : path.hasPrefix(item.1)
            return ["title": item.0, "url": item.1, "current": current]
        }
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
