/// The "Template data" section of docs/theme.md, written from the model types themselves, so the
/// documentation cannot drift from what templates can use (a test compares the two).
enum TemplateDataDocs {
    /// Each template and the model of its data: the news, exposure and site-wide templates, then those of
    /// the render steps registered in `SiteContent.renderSteps()`.
    static let templates: [(template: String, model: any TemplateModel.Type)] =
        [
            ("home", HomePage.self), ("news-article", NewsArticlePage.self), ("news-list", NewsListPage.self),
            ("tag", NewsListPage.self), ("tags", TagsPage.self), ("news-card", NewsCard.self),
            ("404", PlainPage.self), ("header", ChromeTemplateData.self), ("footer", ChromeTemplateData.self),
            ("exposure-notice", ExposureNoticePage.self), ("exposure-list", ExposureListPage.self),
            ("exposure-card", ExposureCard.self), ("exposure-ledger", ExposureLedgerPage.self),
            ("search", SearchPage.self), ("site-map", SiteMapPage.self),
        ] + SiteContent.renderSteps().flatMap(\.templates)

    /// Every model, in the order of the reference.
    static let models: [any TemplateModel.Type] =
        [
            PageChrome.self, SiteFields.self, NavigationItem.self, ArticleMetaFields.self, LinkItem.self,
            ChromeTemplateData.self, HomePage.self, HomePage.Home.self, HomePage.Countdown.self,
            HomePage.IndicatorShare.self, NewsArticlePage.self, NewsArticlePage.Article.self, NewsCard.self,
            TagLink.self, NewsListPage.self, NewsListPage.List.self, Pager.Link.self, TagsPage.self, TagsPage.Tag.self,
            PlainPage.self, ExposureNoticePage.self, ExposureNoticePage.Notice.self,
            ExposureNoticePage.Rectification.self, ExposureNoticePage.TimelineStep.self, ExposureCard.self,
            ExposureCard.Facet.self, ExposureCard.Status.self, ExposureCard.Picture.self, ExposureListPage.self,
            ExposureListPage.List.self, ExposureFacets.self, ExposureFacets.Link.self, ExposureTotals.self,
            ExposureLedgerPage.self, ExposureLedgerPage.Ledger.self, ExposureLedgerPage.StatusCount.self,
            ExposureLedgerPage.Row.self, ExposureHome.self, SearchPage.self, SearchPage.Search.self,
            SiteMapPage.self, SiteMapPage.Section.self,
        ] + SiteContent.renderSteps().flatMap(\.models)

    static let begin = "<!-- template-data: generated from Sources/SiteBuilder/TemplateData; do not edit -->"
    static let end = "<!-- /template-data -->"

    /// The model's name as the reference spells it: `NewsArticlePage.Article`.
    static func name(_ model: any TemplateModel.Type) -> String {
        let full = String(reflecting: model)
        return full.hasPrefix("SiteBuilder.") ? String(full.dropFirst("SiteBuilder.".count)) : full
    }

    /// The generated section, markers included.
    static func markdown() -> String {
        var lines = [begin, "", "### Templates and their data", "", "| template | data |", "|---|---|"]
        for (template, model) in templates { lines.append("| `\(template)` | `\(name(model))` |") }
        lines.append("")
        lines.append(
            "Page models (`…Page`) also have every field of `PageChrome`. A field looked up but absent in an object "
                + "is looked up in the enclosing sections, as Mustache does.")
        for model in models { lines += section(model) }
        lines += ["", end]
        return lines.joined(separator: "\n")
    }

    static func section(_ model: any TemplateModel.Type) -> [String] {
        var lines = ["", "### `\(name(model))`", "", model.summary]
        let fields = model.documentedFields
        guard !fields.isEmpty else { return lines }
        lines += ["", "| field | meaning |", "|---|---|"]
        for (field, doc) in fields { lines.append("| `\(field)` | \(doc.replacingPipes) |") }
        return lines
    }
}

extension TemplateModel {
    /// Name and description of each field, in order.
    static var documentedFields: [(String, String)] { fields.fields.map { ($0.name, $0.doc) } }
}

extension String {
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
