import ThemeTemplates

/// A news item as shown in lists (`news-card`, `home-news`).
struct NewsCard: TemplateModel {
    static let summary = "A news item in a list (`news-card` partial, home page)."

    var title: String
    var url: String
    var summary: String
    var date: DateFields
    /// The item's tags and the path of each tag (`SiteRenderer.tagPaths`): made into links only when a
    /// template asks for them, which a list of cards rendered before does not.
    var tagNames: [String]
    var tagPaths: [String: String]
    /// The item rendered once through `news-card`, reused by every list that shows it.
    var rendered: String?

    var tags: [TagLink] { tagNames.map { TagLink(name: $0, url: tagPaths[$0] ?? SiteRenderer.tagPath($0)) } }

    static let fields = FieldTable<Self>(
        [
            .init("title", "the item's title") { .text($0.title) },
            .init("url", "its path") { .text($0.url) },
            .init("summary", "its summary (front matter, or the first sentences)") { .text($0.summary) },
            .init("tags", "its tags (`TagLink`)") { .list($0.tags) },
            .init("has_tags", "true when it has tags") { .bool(!$0.tagNames.isEmpty) },
            .init("card", "in lists: the item already rendered through `news-card` (HTML), when the theme has it") {
                .text($0.rendered)
            },
        ] + DateFields.fields { $0.date })
}

/// A tag with its page.
struct TagLink: TemplateModel {
    static let summary = "A tag and its list page."

    var name: String
    var url: String

    static let fields = FieldTable<Self>([
        .init("name", "the tag") { .text($0.name) },
        .init("url", "its list page") { .text($0.url) },
    ])
}

/// `news-article`: one news item.
struct NewsArticlePage: PageModel {
    static let summary = "`news-article`: one news item, under `article`."

    var chrome: PageChrome
    var article: Article

    static let fields = FieldTable<Self>([
        .init("article", "the item (`NewsArticlePage.Article`)") { .object($0.article) }
    ])

    struct Article: TemplateModel {
        static let summary = "`article`: the news item of a `news-article` page."

        var title: String
        var content: [UInt8]
        var summary: String
        var source: String
        var date: DateFields
        var tags: [TagLink]
        var readingMinutes: Int
        var characters: Int
        var newer: LinkItem?
        var older: LinkItem?

        static let fields = FieldTable<Self>(
            [
                .init("title", "the title") { .text($0.title) },
                .init("content", "the body as HTML (use `{{{content}}}`)") { .utf8($0.content) },
                .init("summary", "the summary") { .text($0.summary) },
                .init("source", "the source, or the site title") { .text($0.source) },
                .init("tags", "the tags (`TagLink`)") { .list($0.tags) },
                .init("has_tags", "true when there are tags") { .bool(!$0.tags.isEmpty) },
                .init("reading_minutes", "estimated reading time in minutes") { .number($0.readingMinutes) },
                .init("characters", "length in characters") { .number($0.characters) },
                .init("newer", "the next newer item (`title`, `url`), absent for the newest") { .object($0.newer) },
                .init("older", "the next older item, absent for the oldest") { .object($0.older) },
            ] + DateFields.fields { $0.date })
    }
}

/// `news-list` and `tag`: one page of the news list or of a tag's list.
struct NewsListPage: PageModel {
    static let summary = "`news-list` and `tag`: a page of news, under `list`."

    var chrome: PageChrome
    var list: List

    static let fields = FieldTable<Self>([
        .init("list", "the page of the list (`NewsListPage.List`)") { .object($0.list) }
    ])

    struct List: TemplateModel {
        static let summary = "`list`: one page of news, with its pager."

        var tag: String?
        var items: [NewsCard]
        var isEmpty: Bool
        var pager: Pager

        static let fields = FieldTable<Self>(
            [
                .init("tag", "on tag pages: the tag") { .text($0.tag) },
                .init("items", "the news on this page (`NewsCard`)") { .list($0.items) },
                .init("is_empty", "true when the whole list is empty") { .bool($0.isEmpty) },
            ] + Pager.fields { $0.pager })
    }
}

/// `tags`: every tag with its count.
struct TagsPage: PageModel {
    static let summary = "`tags`: every tag, under `tag_index`."

    var chrome: PageChrome
    var tags: [Tag]

    static let fields = FieldTable<Self>([
        .init("tag_index", "every tag (`TagsPage.Tag`)") { .list($0.tags) }
    ])

    struct Tag: TemplateModel {
        static let summary = "A tag with its page and number of items."

        var name: String
        var url: String
        var count: Int

        static let fields = FieldTable<Self>([
            .init("name", "the tag") { .text($0.name) },
            .init("url", "its list page") { .text($0.url) },
            .init("count", "how many news items have it") { .number($0.count) },
        ])
    }
}

/// `page`: a content page (about, contact, …).
struct ContentPage: PageModel {
    static let summary = "`page`: a content page, under `page`."

    var chrome: PageChrome
    var page: Page

    static let fields = FieldTable<Self>([
        .init("page", "the page (`ContentPage.Page`)") { .object($0.page) }
    ])

    struct Page: TemplateModel {
        static let summary = "`page`: the content of a `page` page."

        var title: String
        var content: [UInt8]
        var summary: String
        var date: DateFields?

        static let fields = FieldTable<Self>([
            .init("title", "the title") { .text($0.title) },
            .init("content", "the body as HTML") { .utf8($0.content) },
            .init("summary", "the summary") { .text($0.summary) },
            .init("has_date", "true when the page has a date") { .bool($0.date != nil) },
            .init("date", "publication time when dated") { .text($0.date?.minute) },
            .init("date_iso", "the same as RFC 3339") { .text($0.date?.iso) },
            .init("date_day", "the day") { .text($0.date?.day) },
        ])
    }
}

/// `404` and other pages with no data of their own.
struct PlainPage: PageModel {
    static let summary = "`404`: only the fields every page has."

    var chrome: PageChrome

    static let fields = FieldTable<Self>([])
}

/// `home`: the home page.
struct HomePage: PageModel {
    static let summary = "`home`: the home page, under `home`."

    var chrome: PageChrome
    var home: Home

    static let fields = FieldTable<Self>([
        .init("home", "the home page's sections (`HomePage.Home`)") { .object($0.home) }
    ])

    struct Home: TemplateModel {
        static let summary = "`home`: the sections of the home page."

        var campaignName: String
        var latestNews: [NewsCard]
        var exposures: ExposureHome?
        var countdown: Countdown?
        var indicatorShare: IndicatorShare?

        static let fields = FieldTable<Self>([
            .init("campaign_name", "the campaign's name") { .text($0.campaignName) },
            .init("latest_news", "the 8 newest items (`NewsCard`)") { .list($0.latestNews) },
            .init("has_news", "true when there is news") { .bool(!$0.latestNews.isEmpty) },
            .init("exposures", "the board's summary (`ExposureHome`), when the board is published") {
                .object($0.exposures)
            },
            .init("countdown", "days to the inspection (`HomePage.Countdown`), when `inspection_date` is set") {
                .object($0.countdown)
            },
            .init("indicator_share", "indicators met (`HomePage.IndicatorShare`), when there is progress data") {
                .object($0.indicatorShare)
            },
        ])
    }

    struct Countdown: TemplateModel {
        static let summary = "`countdown`: days to the inspection."

        var days: Int
        var date: String
        var passed: Bool

        static let fields = FieldTable<Self>([
            .init("days", "days left, 0 once passed") { .number($0.days) },
            .init("date", "the inspection day in Chinese (2026年12月1日)") { .text($0.date) },
            .init("passed", "true after the day") { .bool($0.passed) },
        ])
    }

    struct IndicatorShare: TemplateModel {
        static let summary = "`indicator_share`: indicators met."

        var met: Int
        var total: Int
        var percentText: String
        var url: String

        static let fields = FieldTable<Self>([
            .init("met", "indicators met") { .number($0.met) },
            .init("total", "all indicators") { .number($0.total) },
            .init("percent_text", "the share as text (`62.5%`)") { .text($0.percentText) },
            .init("url", "the dashboard's path") { .text($0.url) },
        ])
    }
}
