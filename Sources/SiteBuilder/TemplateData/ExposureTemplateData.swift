import ThemeTemplates

/// A notice as shown in lists and on its page (`exposure-card`, `exposure-badge`).
struct ExposureCard: TemplateModel, Hashable {
    static let summary = "A notice in a list (`exposure-card` partial); a notice page has these fields too."

    var id: String
    var title: String
    var url: String
    var found: String
    var foundISO: String
    var district: Facet
    var category: Facet
    var unit: String
    var location: String
    var deadline: String
    var deadlineISO: String
    var status: Status
    var overdueDays: Int
    var thumbnail: Picture?
    /// The notice rendered once through `exposure-card`, reused by every list that shows it.
    var rendered: String?

    static let fields = FieldTable<Self>([
        .init("id", "the notice number (曝光编号)") { .text($0.id) },
        .init("title", "the title") { .text($0.title) },
        .init("url", "its page") { .text($0.url) },
        .init("found", "day found, `YYYY-MM-DD`") { .text($0.found) },
        .init("found_iso", "the same as RFC 3339") { .text($0.foundISO) },
        .init("district", "`name` and `url` of its district's page") { .object($0.district) },
        .init("category", "`name` and `url` of its category's page") { .object($0.category) },
        .init("unit", "the responsible unit") { .text($0.unit) },
        .init("location", "where, with addresses below the estate masked") { .text($0.location) },
        .init("deadline", "the rectification deadline, `YYYY-MM-DD`") { .text($0.deadline) },
        .init("deadline_iso", "the same as RFC 3339") { .text($0.deadlineISO) },
        .init("status", "its status (`ExposureCard.Status`)") { .object($0.status) },
        .init("is_overdue", "true when past the deadline and not rectified") { .bool($0.overdueDays > 0) },
        .init("overdue_days", "days past the deadline, 0 when not overdue") { .number($0.overdueDays) },
        .init("has_thumbnail", "true when the notice has a photo") { .bool($0.thumbnail != nil) },
        .init("thumbnail", "its first photo at thumbnail size (`ExposureCard.Picture`)") { .object($0.thumbnail) },
        .init("card", "in lists: the notice already rendered through `exposure-card` (HTML), when the theme has it") {
            .text($0.rendered)
        },
    ])

    /// A district or category with its facet page.
    struct Facet: TemplateModel, Hashable {
        static let summary = "`district`, `category`: a name and its facet page."

        var name: String
        var url: String

        static let fields = FieldTable<Self>([
            .init("name", "the name") { .text($0.name) },
            .init("url", "its facet page") { .text($0.url) },
        ])
    }

    /// A status as a word and a symbol, so it never depends on colour.
    struct Status: TemplateModel, Hashable {
        static let summary = "`status`: a notice's status."

        var key: String
        var name: String
        var symbol: String
        var url: String

        static let fields = FieldTable<Self>([
            .init("key", "`open`, `rectifying`, `rectified`, `verified` or `closed`") { .text($0.key) },
            .init("name", "its Chinese name (整改中 …)") { .text($0.name) },
            .init("symbol", "○ ◔ ◑ ◕ ●: a pie filling up along the workflow") { .text($0.symbol) },
            .init("url", "its facet page") { .text($0.url) },
        ])
    }

    /// `<picture>` fields of a processed photo.
    struct Picture: TemplateModel, Hashable {
        static let summary = "A processed (redacted, metadata-free) photo for `<picture>`."

        var webpSrcset: String
        var jpegSrcset: String
        var sizes: String
        var src: String
        var width: Int
        var height: Int
        var alt: String
        var caption: String?

        static let fields = FieldTable<Self>([
            .init("webp_srcset", "WebP `srcset`") { .text($0.webpSrcset) },
            .init("jpeg_srcset", "JPEG `srcset`") { .text($0.jpegSrcset) },
            .init("sizes", "the `sizes` attribute") { .text($0.sizes) },
            .init("src", "the largest JPEG") { .text($0.src) },
            .init("width", "its width in pixels") { .number($0.width) },
            .init("height", "its height in pixels") { .number($0.height) },
            .init("alt", "the alternative text") { .text($0.alt) },
            .init("caption", "the caption, empty when none") { .text($0.caption ?? "") },
            .init("has_caption", "true when there is a caption") { .bool($0.caption != nil) },
        ])
    }
}

/// `exposure-notice`: one notice.
struct ExposureNoticePage: PageModel {
    static let summary = "`exposure-notice`: one notice, under `notice`."

    var chrome: PageChrome
    var notice: Notice

    static let fields = FieldTable<Self>([
        .init("notice", "the notice (`ExposureNoticePage.Notice`; also every field of `ExposureCard`)") {
            .object($0.notice)
        }
    ])

    struct Notice: TemplateModel {
        static let summary = "`notice`: every field of `ExposureCard`, and these."

        var card: ExposureCard
        var content: [UInt8]
        var summary: String
        var source: String
        var limitDays: Int?
        var beforePhotos: [ExposureCard.Picture]
        var afterPhotos: [ExposureCard.Picture]
        var rectification: Rectification?
        var timeline: [TimelineStep]
        var newer: LinkItem?
        var older: LinkItem?

        var inherited: (any TemplateObject)? { card }

        static let fields = FieldTable<Self>([
            .init("content", "the description as HTML") { .utf8($0.content) },
            .init("summary", "its first sentences") { .text($0.summary) },
            .init("source", "where it was found (督查, 群众举报 …), — when not given") { .text($0.source) },
            .init("limit_days", "the rectification limit in days, 0 when not given") { .number($0.limitDays ?? 0) },
            .init("has_limit_days", "true when a limit is given") { .bool($0.limitDays != nil) },
            .init("before_photos", "photos of the problem (`ExposureCard.Picture`)") { .list($0.beforePhotos) },
            .init("has_before_photos", "true when there are some") { .bool(!$0.beforePhotos.isEmpty) },
            .init("after_photos", "photos after rectification") { .list($0.afterPhotos) },
            .init("has_after_photos", "true when there are some") { .bool(!$0.afterPhotos.isEmpty) },
            .init("has_rectification", "true once rectified") { .bool($0.rectification != nil) },
            .init("rectification", "`note` and `date` of the rectification") { .object($0.rectification) },
            .init("timeline", "发现 → 整改 → 复核 → 销号 (`ExposureNoticePage.TimelineStep`)") { .list($0.timeline) },
            .init("newer", "the next newer notice (`title`, `url`)") { .object($0.newer) },
            .init("older", "the next older notice") { .object($0.older) },
        ])
    }

    struct Rectification: TemplateModel {
        static let summary = "`rectification`: what was done."

        var note: String
        var date: String

        static let fields = FieldTable<Self>([
            .init("note", "what was done") { .text($0.note) },
            .init("date", "the day, `YYYY-MM-DD`") { .text($0.date) },
        ])
    }

    struct TimelineStep: TemplateModel {
        static let summary = "A step of the notice's timeline."

        var name: String
        var date: String?
        var dateISO: String?
        var detail: String
        var pending: String
        var current: Bool

        static let fields = FieldTable<Self>([
            .init("name", "发现, 整改, 复核 or 销号") { .text($0.name) },
            .init("done", "true once reached") { .bool($0.date != nil) },
            .init("date", "the day reached") { .text($0.date) },
            .init("date_iso", "the same as RFC 3339") { .text($0.dateISO) },
            .init("detail", "what happened (来源, 期限, 复核人)") { .text($0.detail) },
            .init("has_detail", "true when there is a detail") { .bool(!$0.detail.isEmpty) },
            .init("pending", "what is awaited, for steps not reached") { .text($0.pending) },
            .init("current", "true for the first step not reached") { .bool($0.current) },
        ])
    }
}

/// Links to every facet of the board with counts, for the navigation of the list pages.
struct ExposureFacets: TemplateModel, Hashable {
    static let summary = "`facets`: the board's facets with counts."

    var statuses: [Link]
    var districts: [Link]
    var categories: [Link]
    var all: Link

    /// The same facets with `current` marking the page at `path`.
    func marking(_ path: String) -> ExposureFacets {
        func mark(_ link: Link) -> Link {
            var link = link
            link.current = link.url == path
            return link
        }
        return ExposureFacets(
            statuses: statuses.map(mark), districts: districts.map(mark), categories: categories.map(mark),
            all: mark(all))
    }

    static let fields = FieldTable<Self>([
        .init("statuses", "each status and 已逾期 (`ExposureFacets.Link`)") { .list($0.statuses) },
        .init("districts", "each district") { .list($0.districts) },
        .init("categories", "each category") { .list($0.categories) },
        .init("all", "the whole board") { .object($0.all) },
    ])

    struct Link: TemplateModel, Hashable {
        static let summary = "A facet with its page and count."

        var name: String
        var url: String
        var count: Int
        var current: Bool

        static let fields = FieldTable<Self>([
            .init("name", "the facet") { .text($0.name) },
            .init("url", "its page") { .text($0.url) },
            .init("count", "notices in it") { .number($0.count) },
            .init("current", "true on its own page") { .bool($0.current) },
        ])
    }
}

/// The board's totals.
struct ExposureTotals: TemplateModel, Hashable {
    static let summary = "Totals of the board: 挂账, 销号, 逾期."

    var open: Int
    var closed: Int
    var overdue: Int
    var total: Int

    static let fields = FieldTable<Self>([
        .init("open", "notices not closed (挂账)") { .number($0.open) },
        .init("closed", "notices closed (销号)") { .number($0.closed) },
        .init("overdue", "notices overdue") { .number($0.overdue) },
        .init("total", "all notices") { .number($0.total) },
    ])
}

/// `exposure-list`: a page of the board or of a facet.
struct ExposureListPage: PageModel {
    static let summary = "`exposure-list`: a page of the board, a facet or the overdue list, under `list`."

    var chrome: PageChrome
    var list: List

    static let fields = FieldTable<Self>([
        .init("list", "the page (`ExposureListPage.List`)") { .object($0.list) }
    ])

    struct List: TemplateModel {
        static let summary = "`list`: one page of notices."

        var items: [ExposureCard]
        var count: Int
        var intro: String
        var isBoard: Bool
        var facets: ExposureFacets
        var totals: ExposureTotals
        var pager: Pager

        static let fields = FieldTable<Self>(
            [
                .init("items", "the notices on this page (`ExposureCard`)") { .list($0.items) },
                .init("is_empty", "true when the list is empty") { .bool($0.count == 0) },
                .init("count", "notices in the whole list") { .number($0.count) },
                .init("intro", "a sentence on what the list shows") { .text($0.intro) },
                .init("is_board", "true on the board itself (not a facet)") { .bool($0.isBoard) },
                .init("facets", "the facets (`ExposureFacets`)") { .object($0.facets) },
                .init("totals", "the board's totals (`ExposureTotals`)") { .object($0.totals) },
            ] + Pager.fields { $0.pager })
    }
}

/// `exposure-ledger`: the 整改台账.
struct ExposureLedgerPage: PageModel {
    static let summary = "`exposure-ledger`: the ledger, under `ledger`."

    var chrome: PageChrome
    var ledger: Ledger

    static let fields = FieldTable<Self>([
        .init("ledger", "the ledger (`ExposureLedgerPage.Ledger`)") { .object($0.ledger) }
    ])

    struct Ledger: TemplateModel {
        static let summary = "`ledger`: 挂账 / 销号 / 逾期 by status, unit, district and category."

        var totals: ExposureTotals
        var closedPercent: Int
        var statuses: [StatusCount]
        var units: [Row]
        var districts: [Row]
        var categories: [Row]
        var asOf: String
        var asOfISO: String
        var facets: ExposureFacets

        var inherited: (any TemplateObject)? { totals }

        static let fields = FieldTable<Self>([
            .init("closed_percent", "share closed, in percent (also every field of `ExposureTotals`)") {
                .number($0.closedPercent)
            },
            .init("statuses", "count per status (`ExposureLedgerPage.StatusCount`)") { .list($0.statuses) },
            .init("units", "per responsible unit (`ExposureLedgerPage.Row`)") { .list($0.units) },
            .init("districts", "per district") { .list($0.districts) },
            .init("categories", "per category") { .list($0.categories) },
            .init("as_of", "the build time, `YYYY-MM-DD HH:MM`") { .text($0.asOf) },
            .init("as_of_iso", "the same as RFC 3339") { .text($0.asOfISO) },
            .init("facets", "the facets (`ExposureFacets`)") { .object($0.facets) },
        ])
    }

    struct StatusCount: TemplateModel {
        static let summary = "A status and how many notices have it."

        var count: Int
        var status: ExposureCard.Status

        static let fields = FieldTable<Self>([
            .init("count", "notices with the status") { .number($0.count) },
            .init("status", "the status (`ExposureCard.Status`)") { .object($0.status) },
        ])
    }

    struct Row: TemplateModel {
        static let summary = "A ledger row: counts for a unit, district or category."

        var name: String
        var total: Int
        var open: Int
        var closed: Int
        var overdue: Int
        var url: String?

        static let fields = FieldTable<Self>([
            .init("name", "the unit, district or category") { .text($0.name) },
            .init("total", "its notices") { .number($0.total) },
            .init("open", "not closed") { .number($0.open) },
            .init("closed", "closed") { .number($0.closed) },
            .init("overdue", "overdue") { .number($0.overdue) },
            .init("has_url", "true when it has a facet page") { .bool($0.url != nil) },
            .init("url", "its facet page") { .text($0.url) },
        ])
    }
}

/// The home page's board section.
struct ExposureHome: TemplateModel {
    static let summary = "`home.exposures`: the latest 5 notices and the totals (also every field of `ExposureTotals`)."

    var items: [ExposureCard]
    var totals: ExposureTotals

    var inherited: (any TemplateObject)? { totals }

    static let fields = FieldTable<Self>([
        .init("items", "the latest 5 notices (`ExposureCard`)") { .list($0.items) },
        .init("has_items", "true when there are notices") { .bool(!$0.items.isEmpty) },
    ])
}
