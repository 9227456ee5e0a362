import CampaignCore
import Foundation

extension SiteRenderer {
    /// Renders one unit, or, under `campaign serve`, reuses its result from the previous build when
    /// `inputs` (everything the unit is made from, besides what `layoutFingerprint` covers) equal those
    /// of that build, keeping the files it wrote.
    ///
    /// Like `memoized(_:fingerprint:render:)`, but comparing the inputs instead of hashing them: content
    /// kept between builds compares equal without reading its bytes again, which matters for units made
    /// from long texts (a notice, with its ledger and photos). The inputs are only gathered under
    /// `campaign serve`: a one-off build renders at once.
    func memoized<Inputs: Equatable & Sendable, Value: Sendable>(
        _ key: String, inputs: @autoclosure () -> Inputs, render: (SiteRenderer) -> Value
    ) -> Value {
        guard let memo else { return render(self) }
        let inputs = MemoInputs(layout: layoutFingerprint, unit: inputs())
        return reusing(memo.hit(key, inputs: inputs, as: Value.self), render: render) { value, paths in
            memo.store(key, inputs: inputs, value: value, paths: paths)
        }
    }
}

/// A unit's inputs with what every page shares.
struct MemoInputs<Unit: Equatable & Sendable>: Equatable, Sendable {
    var layout: Int
    var unit: Unit
}

extension SiteRenderer {
    /// Everything of a news item its page shows, and the titles and paths of its neighbours.
    struct ArticleInputs: Equatable, Sendable {
        var title: String
        var date: Date
        var summary: String?
        var tags: [String]
        var source: String?
        var slug: String
        var body: String
        var bodyStartLine: Int
        var newer: [String]?
        var older: [String]?

        /// The inputs of `news[index]`, field by field (a whole news item is large to copy).
        init(_ news: [NewsItem], at index: Int) {
            title = news[index].title
            date = news[index].date
            summary = news[index].summary
            tags = news[index].tags
            source = news[index].source
            slug = news[index].slug
            body = news[index].body
            bodyStartLine = news[index].bodyStartLine
            newer = index > 0 ? [news[index - 1].title, news[index - 1].slug] : nil
            older = index + 1 < news.count ? [news[index + 1].title, news[index + 1].slug] : nil
        }
    }

    /// Everything page `n` of a news list shows: for each item its card (or summary), title, slug, date
    /// and tags.
    struct ListInputs: Equatable, Sendable {
        var template: String
        var title: String
        var itemCount: Int
        var pageCount: Int
        var cards: [String]
        var titles: [String]
        var slugs: [String]
        var dates: [Date]
        var tags: [[String]]

        init(_ list: NewsList, page n: Int, news: [NewsItem], summaries: [String], cards: [String?]) {
            template = list.template
            title = list.title
            itemCount = list.pages.items.count
            pageCount = list.pages.pageCount
            let slice = list.pages.slice(n)
            self.cards = slice.map { cards[$0] ?? summaries[$0] }
            titles = slice.map { news[$0].title }
            slugs = slice.map { news[$0].slug }
            dates = slice.map { news[$0].date }
            tags = slice.map { news[$0].tags }
        }
    }
}
