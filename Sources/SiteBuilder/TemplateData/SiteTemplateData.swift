import ThemeTemplates

/// `led`: the dot-matrix preview of every screen.
struct LEDPage: PageModel {
    static let summary = "`led`: the LED preview page, under `led`."

    var chrome: PageChrome
    var led: Preview

    static let fields = FieldTable<Self>([
        .init("led", "the preview (`LEDPage.Preview`)") { .object($0.led) }
    ])

    struct Preview: TemplateModel {
        static let summary = "`led`: every screen and when the feeds were made."

        var screens: [Screen]
        var hasScrolling: Bool
        var generated: DateFields

        static let fields = FieldTable<Self>([
            .init("screens", "every screen (`LEDPage.Screen`)") { .list($0.screens) },
            .init("has_screens", "true when there is a screen") { .bool(!$0.screens.isEmpty) },
            .init("has_scrolling", "true when a screen scrolls (the page then has a pause control)") {
                .bool($0.hasScrolling)
            },
            .init("generated", "`date`, `date_iso`, `date_day` of the build") {
                .object([
                    "date": .text($0.generated.minute), "date_iso": .text($0.generated.iso),
                    "date_day": .text($0.generated.day),
                ])
            },
        ])
    }

    struct Screen: TemplateModel {
        static let summary = "A screen: its profile, exports and program items."

        var id: String
        var name: String
        var width: Int
        var height: Int
        var font: Int
        var lineGap: Int
        var linesPerPage: Int
        var charset: String
        var color: String
        var colorHex: String
        var mode: String
        var kinsoku: String
        var stay: Int
        var speed: Int
        var schedule: String
        var programs: String
        var exports: [LinkItem]
        var items: [Item]

        static let fields = FieldTable<Self>([
            .init("id", "the screen id") { .text($0.id) },
            .init("anchor", "`screen-<id>`, the section's id") { .text("screen-\($0.id)") },
            .init("name", "its name") { .text($0.name) },
            .init("width", "width in LEDs") { .number($0.width) },
            .init("height", "height in LEDs") { .number($0.height) },
            .init("font", "font size in LEDs") { .number($0.font) },
            .init("line_gap", "LEDs between lines") { .number($0.lineGap) },
            .init("lines_per_page", "lines on a page") { .number($0.linesPerPage) },
            .init("charset", "GB2312 or GBK …") { .text($0.charset) },
            .init("color", "its colours in Chinese") { .text($0.color) },
            .init("color_hex", "the LED colour as `#rrggbb`") { .text($0.colorHex) },
            .init("mode", "the display mode in Chinese") { .text($0.mode) },
            .init("kinsoku", "the line-breaking rule set") { .text($0.kinsoku) },
            .init("stay", "seconds a page stays") { .number($0.stay) },
            .init("speed", "scrolling speed 1–10") { .number($0.speed) },
            .init("schedule", "when it plays") { .text($0.schedule) },
            .init("programs", "its program groups, joined with 、") { .text($0.programs) },
            .init("exports", "vendor export files (`LinkItem` with `name` for `title`)") {
                .list($0.exports.map { TemplateValue.object(["name": .text($0.title), "url": .text($0.url)]) })
            },
            .init("has_exports", "true when there are exports") { .bool(!$0.exports.isEmpty) },
            .init("items", "program items (`LEDPage.Item`)") { .list($0.items) },
            .init("has_items", "true when there are items") { .bool(!$0.items.isEmpty) },
            .init("page_total", "pages over all items") { .number($0.items.reduce(0) { $0 + $1.pageCount }) },
        ])
    }

    struct Item: TemplateModel {
        static let summary = "A program item of a screen, with its preview figures and PNG pages."

        var group: String
        var id: String
        var urgent: Bool
        var pageCount: Int
        var figures: String
        var from: DateFields?
        var until: DateFields?
        var schedule: String?
        var pngs: [LinkItem]

        static func dateValue(_ date: DateFields?) -> TemplateValue {
            guard let date else { return .null }
            return .object(["date": .text(date.minute), "date_iso": .text(date.iso), "date_day": .text(date.day)])
        }

        static let fields = FieldTable<Self>([
            .init("group", "its program group") { .text($0.group) },
            .init("id", "its id") { .text($0.id) },
            .init("urgent", "true for urgent items") { .bool($0.urgent) },
            .init("page_count", "pages it fills") { .number($0.pageCount) },
            .init("figures", "the dot-matrix preview (HTML)") { .text($0.figures) },
            .init("from", "start (`date`, `date_iso`, `date_day`), when set") { dateValue($0.from) },
            .init("until", "end, when set") { dateValue($0.until) },
            // Not `schedule`: Mustache would find the screen's schedule for items without one.
            .init("item_schedule", "its own schedule, when set") { .text($0.schedule) },
            .init("pngs", "its PNG pages (`name`, `url`)") {
                .list($0.pngs.map { TemplateValue.object(["name": .text($0.title), "url": .text($0.url)]) })
            },
            .init("has_pngs", "true when there are PNG pages") { .bool(!$0.pngs.isEmpty) },
        ])
    }
}

/// `search`: the search page (the index is built with the site).
struct SearchPage: PageModel {
    static let summary = "`search`: the search page, under `search`."

    var chrome: PageChrome
    var search: Search

    static let fields = FieldTable<Self>([
        .init("search", "the search form's data (`SearchPage.Search`)") { .object($0.search) }
    ])

    struct Search: TemplateModel {
        static let summary = "`search`: the index version and the filters."

        var version: String
        var kinds: [String]
        var hasNotices: Bool
        var districts: [String]
        var statuses: [String]
        var siteMapURL: String

        static let fields = FieldTable<Self>([
            .init("version", "the index version, to fetch it fresh") { .text($0.version) },
            .init("kinds", "kinds present (`value`, `label`): 新闻, 曝光, 页面, 栏目") {
                .list($0.kinds.map { TemplateValue.object(["value": .text($0), "label": .text($0)]) })
            },
            .init("has_notices", "true when there are notices (district and status filters)") { .bool($0.hasNotices) },
            .init("districts", "district names") { .list($0.districts.map { TemplateValue.text($0) }) },
            .init("statuses", "status names") { .list($0.statuses.map { TemplateValue.text($0) }) },
            .init("site_map_url", "the 网站地图, linked when JavaScript is off") { .text($0.siteMapURL) },
        ])
    }
}

/// `site-map`: every column and page.
struct SiteMapPage: PageModel {
    static let summary = "`site-map`: the 网站地图, under `site_map`."

    var chrome: PageChrome
    var sections: [Section]

    static let fields = FieldTable<Self>([
        .init("site_map", "`sections`: every column (`SiteMapPage.Section`)") {
            .object(["sections": .list($0.sections)])
        }
    ])

    struct Section: TemplateModel {
        static let summary = "A column of the site map with its pages."

        var title: String
        var url: String?
        var links: [LinkItem]

        static let fields = FieldTable<Self>([
            .init("title", "the column") { .text($0.title) },
            .init("url", "its page, when it has one") { .text($0.url) },
            .init("links", "its pages (`LinkItem`)") { .list($0.links) },
            .init("has_links", "true when it has pages") { .bool(!$0.links.isEmpty) },
        ])
    }
}
