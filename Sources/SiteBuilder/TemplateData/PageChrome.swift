import CampaignCore
import Foundation
import ThemeTemplates

/// The fields every page has, whatever its template: site identity, assets, title, column,
/// canonical link, the rendered header and footer, and the article meta tags.
struct PageChrome: TemplateModel {
    static let summary = "Every page: these fields are available in every page template."

    /// The fields the pages with this page's header share (`site`, `assets`, `nav`, `chrome`).
    var shared: SharedChrome
    var pageTitle: String
    var isHome: Bool
    var column: String
    var canonical: String
    var articleMeta: ArticleMetaFields?

    /// Which of `PageLayout.headers` the page has (not a template field): the link check takes its links
    /// as scanned once (`ChromeLinks`).
    var headerVariant: Int { shared.headerVariant }

    static let fields = FieldTable<Self>([
        .init("site", "the site's identity from site.yml (`SiteFields`)") { $0.shared.site },
        .init("assets", "fingerprinted asset paths: `style.css` is `{{assets.style_css}}`") { $0.shared.assets },
        .init("page_title", "the page's title") { .text($0.pageTitle) },
        .init("is_home", "true on the home page only") { .bool($0.isHome) },
        .init("column", "the column (栏目) for the ColumnName meta tag") { .text($0.column) },
        .init("canonical", "the page's absolute URL") { .text($0.canonical) },
        .init("nav", "the main navigation (`NavigationItem`), the page's section marked current") {
            $0.shared.navigation
        },
        .init("chrome", "`header` and `footer`: the theme's header and footer partials, rendered once per build") {
            $0.shared.chrome
        },
        .init("article_meta", "on news and notice pages: `title`, `pub_date`, `source` for the meta tags") {
            .object($0.articleMeta)
        },
    ])
}

/// The part of `PageChrome` that every page with the same header holds, made once per build for each
/// header (`PageLayout`) as template values: a page then neither copies the site's sixteen fields nor makes
/// its navigation and its `chrome` object again.
final class SharedChrome: Sendable {
    let site: TemplateValue
    let assets: TemplateValue
    let navigation: TemplateValue
    let chrome: TemplateValue
    let headerVariant: Int

    init(
        site: SiteFields, assets: [String: TemplateValue], navigation: [NavigationItem], header: String,
        footer: String, headerVariant: Int
    ) {
        self.site = .object(site)
        self.assets = .object(assets)
        self.navigation = .list(navigation)
        chrome = .object(["header": .text(header), "footer": .text(footer)])
        self.headerVariant = headerVariant
    }
}

/// The site's identity from site.yml.
struct SiteFields: TemplateModel {
    static let summary = "`site`: the site's identity from site.yml."

    var title: String
    var description: String
    var baseURL: String
    var domain: String
    var language: String
    var campaignName: String
    var sponsor: String
    var contact: String
    var icp: String
    var police: String
    var siteIDCode: String
    var organizer: String?
    var policeCode: String?
    var govBadge: String?
    var govBadgeURL: String?
    var errorReportURL: String?

    init(site: SiteConfig, govBadgePath: String?) {
        title = site.title
        description = site.description
        baseURL = site.baseURL
        domain = site.domain
        language = site.language
        campaignName = site.campaign.name
        sponsor = site.organization.sponsor
        contact = site.organization.contact
        icp = site.registration.icp
        police = site.registration.police
        siteIDCode = site.registration.siteIDCode
        organizer = site.organization.organizer
        // The number inside a public-security registration links to its record.
        let digits = site.registration.police.filter(\.isNumber)
        policeCode = digits.isEmpty ? nil : String(digits)
        govBadge = govBadgePath
        govBadgeURL = site.footer.govBadgeURL
        errorReportURL = site.footer.errorReportURL
    }

    static let fields = FieldTable<Self>([
        .init("title", "site title") { .text($0.title) },
        .init("description", "site description") { .text($0.description) },
        .init("base_url", "`base_url` as configured") { .text($0.baseURL) },
        .init("domain", "the domain of `base_url`") { .text($0.domain) },
        .init("language", "the site language (`zh-CN`)") { .text($0.language) },
        .init("campaign_name", "the campaign's name") { .text($0.campaignName) },
        .init("sponsor", "主办单位") { .text($0.sponsor) },
        .init("contact", "联系方式") { .text($0.contact) },
        .init("icp", "ICP 备案号") { .text($0.icp) },
        .init("police", "公安备案号 as written") { .text($0.police) },
        .init("site_id_code", "网站标识码") { .text($0.siteIDCode) },
        .init("organizer", "承办单位, when set") { .text($0.organizer) },
        .init("police_code", "the digits of the 公安备案号, for the registry link") { .text($0.policeCode) },
        .init("gov_badge", "path or URL of the 党政机关网站标识 image, when set") { .text($0.govBadge) },
        .init("gov_badge_url", "where the badge links, when set") { .text($0.govBadgeURL) },
        .init("error_report_url", "the 我为政府网站找错 link, when set") { .text($0.errorReportURL) },
    ])
}

/// One entry of the main navigation.
struct NavigationItem: TemplateModel {
    static let summary = "An entry of the main navigation."

    var title: String
    var url: String
    var current: Bool

    static let fields = FieldTable<Self>([
        .init("title", "the section's name") { .text($0.title) },
        .init("url", "its path") { .text($0.url) },
        .init("current", "true for the section of the page being rendered") { .bool($0.current) },
    ])
}

/// The article meta tags of a news item or notice (docs/architecture.md, "Page metadata").
struct ArticleMetaFields: TemplateModel {
    static let summary = "`article_meta`: the article meta tags of news and notice pages."

    var title: String
    var pubDate: String
    var source: String

    static let fields = FieldTable<Self>([
        .init("title", "the item's title") { .text($0.title) },
        .init("pub_date", "publication time, `YYYY-MM-DD HH:MM`") { .text($0.pubDate) },
        .init("source", "the source, or the site title") { .text($0.source) },
    ])
}

/// The data of the `header` and `footer` partials, rendered once per build (once per current
/// navigation item for the header).
struct ChromeTemplateData: TemplateModel {
    static let summary = "`header` and `footer`: rendered once per build, not per page."

    var site: SiteFields
    var assets: [String: TemplateValue]
    var navigation: [NavigationItem]
    var footerLinks: [LinkItem]

    static let fields = FieldTable<Self>([
        .init("site", "the site's identity (`SiteFields`)") { .object($0.site) },
        .init("assets", "fingerprinted asset paths") { .object($0.assets) },
        .init("nav", "the main navigation (`NavigationItem`)") { .list($0.navigation) },
        .init("footer_links", "网站地图, 无障碍声明, 联系我们, 我为政府网站找错 when published (`LinkItem`)") {
            .list($0.footerLinks)
        },
        .init("has_footer_links", "true when there is a footer link") { .bool(!$0.footerLinks.isEmpty) },
    ])
}

/// A titled link.
struct LinkItem: TemplateModel {
    static let summary = "A titled link."

    var title: String
    var url: String

    static let fields = FieldTable<Self>([
        .init("title", "the link text") { .text($0.title) },
        .init("url", "the path or URL") { .text($0.url) },
    ])
}

/// The three forms of a publication time every dated item has.
struct DateFields: Sendable {
    let date: Date
    let timeZone: TimeZone

    /// Each form is written when a template asks for it: a list page shows cards rendered before, and
    /// asks for none of their dates.
    init(_ date: Date, in timeZone: TimeZone) {
        self.date = date
        self.timeZone = timeZone
    }

    var minute: String { ContentDate.minuteString(date, in: timeZone) }
    var iso: String { ContentDate.rfc3339(date, in: timeZone) }
    var day: String { ContentDate.dayString(date, in: timeZone) }

    /// `date`, `date_iso` and `date_day` fields for a model with a date at `keyPath`.
    static func fields<Model>(_ get: @escaping @Sendable (Model) -> DateFields) -> [TemplateField<Model>] {
        [
            .init("date", "publication time, `YYYY-MM-DD HH:MM`") { .text(get($0).minute) },
            .init("date_iso", "the same as RFC 3339, for `<time datetime>`") { .text(get($0).iso) },
            .init("date_day", "the day, `YYYY-MM-DD`") { .text(get($0).day) },
        ]
    }
}
