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
    /// What a news item's page is made of: the item and its neighbours (their titles and paths), each
    /// known by its reading (`SiteContent.newsReadings`): a file read again is a new reading.
    struct ArticleInputs: Equatable, Sendable {
        var item: Int
        var newer: Int?
        var older: Int?

        /// The inputs of the item at `index`.
        init(_ readings: [Int], at index: Int) {
            item = readings[index]
            newer = index > 0 ? readings[index - 1] : nil
            older = index + 1 < readings.count ? readings[index + 1] : nil
        }
    }

    /// Everything page `n` of a news list shows: for each item its card (or summary), title, slug, date
    /// and tags, all made from the item, known by its reading.
    struct ListInputs: Equatable, Sendable {
        var template: String
        var title: String
        var itemCount: Int
        var pageCount: Int
        var items: [Int]

        init(_ list: NewsList, page n: Int, readings: [Int]) {
            template = list.template
            title = list.title
            itemCount = list.pages.items.count
            pageCount = list.pages.pageCount
            items = list.pages.slice(n).map { readings[$0] }
        }
    }
}
