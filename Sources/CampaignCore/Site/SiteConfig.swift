import Foundation

/// A named thing editors refer to by name in content (a district, a category, a unit) with the
/// slug that names its pages.
public struct NamedEntry: Sendable, Hashable, Codable {
    public var name: String
    public var slug: String

    public init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }
}

/// `Content/site.yml`: the site's identity, the campaign, the footer and the lists content refers to.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    /// Absolute base URL without a trailing slash, e.g. `https://wmcj.example.gov.cn`.
    public var baseURL: String
    public var language: String
    public var timeZone: TimeZone
    public var campaign: Campaign
    public var organization: Organization
    public var registration: Registration
    public var districts: [NamedEntry]
    public var categories: [NamedEntry]
    public var units: [NamedEntry]
    public var reviewRequired: Bool
    /// `review.signed`: 三审 steps count only with a valid Ed25519 signature (docs/desk.md, "Signed 三审").
    public var reviewSigned = false
    /// Raw HTML in Markdown passes through only when this is true.
    public var unsafeHTML: Bool
    /// News items per list page.
    public var pageSize: Int
    /// The optional footer items of `site.yml` `footer:` (docs/content.md, "Footer items inspectors look for").
    public var footer = Footer()

    /// `footer:` in site.yml: items inspectors look for that not every site has.
    public struct Footer: Sendable {
        /// 党政机关网站标识: an image file under Content/ (copied to the output) or an https URL.
        public var govBadge: String?
        /// Where the badge links: the site's record at the registry (bszs.conac.cn).
        public var govBadgeURL: String?
        /// 我为政府网站找错: the site's page at the national error-report service.
        public var errorReportURL: String?
        public init(govBadge: String? = nil, govBadgeURL: String? = nil, errorReportURL: String? = nil) {
            self.govBadge = govBadge
            self.govBadgeURL = govBadgeURL
            self.errorReportURL = errorReportURL
        }
    }
    /// `privacy.allow`: public numbers (a unit's duty phone, a hotline) that are published as written although
    /// they look like personal data; see `PrivacyAllowList`.
    public var privacyAllow: [String] = []
    /// `deploy: {targets: [{name, url}]}`: where `campaign deploy` publishes (docs/deploy.md). The URLs are
    /// checked by the deploy, not here.
    public var deployTargets: [DeployTargetEntry] = []

    /// One named publishing target of `site.yml`.
    public struct DeployTargetEntry: Sendable, Hashable {
        public var name: String
        public var url: String
        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    public struct Campaign: Sendable {
        public var name: String
        public var inspectionDate: Date?
        public init(name: String, inspectionDate: Date?) {
            self.name = name
            self.inspectionDate = inspectionDate
        }
    }

    public struct Organization: Sendable {
        public var sponsor: String
        public var organizer: String?
        public var contact: String
        public init(sponsor: String, organizer: String?, contact: String) {
            self.sponsor = sponsor
            self.organizer = organizer
            self.contact = contact
        }
    }

    public struct Registration: Sendable {
        public var icp: String
        public var police: String
        public var siteIDCode: String
        public init(icp: String, police: String, siteIDCode: String) {
            self.icp = icp
            self.police = police
            self.siteIDCode = siteIDCode
        }
    }

    /// Asia/Shanghai (China Standard Time): the site's zone when site.yml names none (docs/content.md), and
    /// the zone of a `--now` without one, which is read before site.yml.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt

    public init(
        title: String, description: String = "", baseURL: String, language: String = "zh-CN",
        timeZone: TimeZone = SiteConfig.defaultTimeZone, campaign: Campaign,
        organization: Organization, registration: Registration, districts: [NamedEntry] = [],
        categories: [NamedEntry] = [], units: [NamedEntry] = [], reviewRequired: Bool = false,
        unsafeHTML: Bool = false, pageSize: Int = 20
    ) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.language = language
        self.timeZone = timeZone
        self.campaign = campaign
        self.organization = organization
        self.registration = registration
        self.districts = districts
        self.categories = categories
        self.units = units
        self.reviewRequired = reviewRequired
        self.unsafeHTML = unsafeHTML
        self.pageSize = pageSize
    }

    /// The host of `baseURL`, for the `SiteDomain` meta tag.
    public var domain: String {
        var s = baseURL
        if let r = s.range(of: "://") { s = String(s[r.upperBound...]) }
        if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]) }
        return s
    }

    public func district(named name: String) -> NamedEntry? { districts.first { $0.name == name } }
    public func category(named name: String) -> NamedEntry? { categories.first { $0.name == name } }
    public func unit(named name: String) -> NamedEntry? { units.first { $0.name == name } }
}

extension SiteConfig {
    /// Parses `site.yml`; returns nil when a required part is missing (the diagnostics say which).
    public static func parse(_ text: String, file: String) -> (SiteConfig?, [Diagnostic]) {
        let sink = FieldReader.Sink()
        guard let r = FieldReader.parse(text, file: file, codePrefix: "site", sink: sink) else {
            return (nil, sink.diagnostics)
        }
        var timeZone = defaultTimeZone
        if let tzName = r.string("timezone") {
            if let tz = TimeZone(identifier: tzName) {
                timeZone = tz
            } else {
                r.error("unknown time zone '\(tzName)' (use a name like Asia/Shanghai)", key: "timezone")
            }
        }
        let title = r.string("title", required: true)
        let description = r.string("description") ?? ""
        var baseURL = r.string("base_url", required: true)
        if let url = baseURL {
            if let problem = BaseURLRules.problem(url) { r.error(problem, key: "base_url") }
            while baseURL?.hasSuffix("/") == true { baseURL?.removeLast() }
        }
        let language = r.string("language") ?? "zh-CN"

        var campaign = Campaign(name: "", inspectionDate: nil)
        if let c = r.map("campaign", required: true) {
            campaign.name = c.string("name", required: true) ?? ""
            campaign.inspectionDate = c.date("inspection_date", timeZone: timeZone)
            c.reportUnknownKeys()
        }
        var organization = Organization(sponsor: "", organizer: nil, contact: "")
        if let o = r.map("organization", required: true) {
            organization.sponsor = o.string("sponsor", required: true) ?? ""
            organization.organizer = o.string("organizer")
            organization.contact = o.string("contact", required: true) ?? ""
            o.reportUnknownKeys()
        }
        var registration = Registration(icp: "", police: "", siteIDCode: "")
        if let g = r.map("registration", required: true) {
            registration.icp = g.string("icp", required: true) ?? ""
            registration.police = g.string("police", required: true) ?? ""
            registration.siteIDCode = g.string("site_id_code", required: true) ?? ""
            g.reportUnknownKeys()
        }
        let districts = entries(r, "districts")
        let categories = entries(r, "categories")
        let units = entries(r, "units")
        var reviewRequired = false
        var reviewSigned = false
        if let review = r.map("review") {
            reviewRequired = review.bool("required") ?? false
            reviewSigned = review.bool("signed") ?? false
            review.reportUnknownKeys()
        }
        var unsafeHTML = false
        if let markdown = r.map("markdown") {
            unsafeHTML = markdown.bool("unsafe_html") ?? false
            markdown.reportUnknownKeys()
        }
        var pageSize = 20
        if let news = r.map("news") {
            pageSize = news.int("page_size", range: 1...500) ?? 20
            news.reportUnknownKeys()
        }
        var footer = Footer()
        if let f = r.map("footer") {
            footer.govBadge = f.string("gov_badge")
            footer.govBadgeURL = f.string("gov_badge_url")
            footer.errorReportURL = f.string("error_report_url")
            for key in ["gov_badge_url", "error_report_url"] {
                if let url = f.string(key), !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                    f.error("'\(key)' must start with https:// or http://, found '\(url)'", key: key)
                }
            }
            if let badge = footer.govBadge, badge.hasPrefix("/") || badge.split(separator: "/").contains("..") {
                f.error(
                    "'gov_badge' must be a file under Content/ (like images/dzjg.png) or an https URL, found '\(badge)'",
                    key: "gov_badge")
            }
            f.reportUnknownKeys()
        }
        var privacyAllow: [String] = []
        if let privacy = r.map("privacy") {
            privacyAllow = privacy.strings("allow") ?? []
            privacy.reportUnknownKeys()
        }
        var deployTargets: [DeployTargetEntry] = []
        if let deploy = r.map("deploy") {
            for target in deploy.maps("targets") ?? [] {
                let name = target.string("name", required: true)
                let url = target.string("url", required: true)
                target.reportUnknownKeys()
                if let name, let url { deployTargets.append(DeployTargetEntry(name: name, url: url)) }
            }
            deploy.reportUnknownKeys()
        }
        r.reportUnknownKeys()
        if sink.diagnostics.hasErrors { return (nil, sink.diagnostics) }
        var config = SiteConfig(
            title: title ?? "", description: description, baseURL: baseURL ?? "", language: language,
            timeZone: timeZone, campaign: campaign, organization: organization, registration: registration,
            districts: districts, categories: categories, units: units, reviewRequired: reviewRequired,
            unsafeHTML: unsafeHTML, pageSize: pageSize)
        config.footer = footer
        config.privacyAllow = privacyAllow
        config.reviewSigned = reviewSigned
        config.deployTargets = deployTargets
        return (config, sink.diagnostics)
    }

    private static func entries(_ r: FieldReader, _ key: String) -> [NamedEntry] {
        guard let items = r.maps(key) else { return [] }
        var result: [NamedEntry] = []
        var names: Set<String> = []
        var slugs: Set<String> = []
        for item in items {
            let name = item.string("name", required: true)
            let slug = item.string("slug", required: true)
            item.reportUnknownKeys()
            guard let name, let slug else { continue }
            guard Slug.isValid(slug) else {
                item.error(
                    "slug '\(slug)' may hold only a-z, 0-9 and '-' (try '\(Slug.suggest(from: slug))')", key: "slug")
                continue
            }
            if !names.insert(name).inserted {
                item.error("'\(name)' is listed twice in '\(key)'", key: "name")
                continue
            }
            if !slugs.insert(slug).inserted {
                item.error("slug '\(slug)' is used twice in '\(key)'; each needs its own", key: "slug")
                continue
            }
            result.append(NamedEntry(name: name, slug: slug))
        }
        return result
    }
}
