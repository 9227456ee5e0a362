import CampaignCore
import Foundation

/// Everything loaded and validated from `Content/`, before rendering.
struct SiteContent: Sendable {
    var site: SiteConfig
    var now: Date
    /// Published news, newest first.
    var news: [NewsItem]
    /// The reading of each item of `news` (`Reading`), for `campaign serve`: an article whose item and
    /// neighbours were read when they were for the last build is made of the same texts. Empty when the
    /// content was not loaded through the news loader.
    var newsReadings: [Int] = []
    var pages: [PageItem]
    /// Tag name → news indices (into `news`), newest first.
    var tags: [(name: String, items: [Int])]
    /// Exposure notices (texts masked) with their processed photos; see `ExposureLoader`.
    var exposures = ExposureContent()
    /// The progress dashboard figures; nil when Content/progress/ holds none of its CSV files.
    var progress: ProgressReport? = nil
    /// LED screens and messages of `Content/led/`; nil when the folder is absent.
    var led: SiteLED? = nil
}

extension SiteContent {
    /// Drops the Markdown texts of the pages and notices once their pages are rendered, so that they do not
    /// add to what the search index and the link check hold at the end of a one-off build. The news texts
    /// are freed one by one as their articles render (`TextStore`; docs/performance.md, "Memory").
    mutating func releaseTexts() {
        for index in pages.indices { pages[index].body = "" }
        for index in exposures.notices.indices { exposures.notices[index].body = "" }
    }

    /// Every content kind, in the order they are assembled: the one place a kind is registered
    /// (docs/architecture.md, "Adding a content kind"). A kind sees the kinds before it when it is assembled:
    /// the site checks read news and pages, LED reads the news headlines.
    static func kinds() -> [any ContentKind] {
        [NewsLoader(), PageLoader(), SiteRequirementsLoader(), ExposureLoader(), ProgressLoader(), LEDLoader()]
    }

    /// The render steps of the kinds whose pages depend on nothing but their own content, in the order
    /// `SiteRenderer.renderAll` runs them, each with the template models of its pages (the reference in
    /// docs/theme.md is generated from these). A new kind registers its step here. News, with its lists,
    /// tags, feeds and home page, and the exposure board, whose figures reach the home page, are the
    /// steps `renderAll` runs itself.
    static func renderSteps() -> [RenderStep] {
        [
            RenderStep(templates: [("page", ContentPage.self)], models: [ContentPage.self, ContentPage.Page.self]) {
                await $0.renderPages()
            },
            RenderStep(
                templates: [("progress", ProgressPage.self), ("progress-unit", ProgressUnitPage.self)],
                models: [
                    ProgressPage.self, ProgressPage.Dashboard.self, ProgressUnitPage.self, ProgressUnitPage.Unit.self,
                    ProgressFigures.Common.self, ProgressFigures.Day.self, ProgressFigures.Counts.self,
                    ProgressFigures.Ledger.self, ProgressFigures.DailyPoint.self, ProgressFigures.IndicatorRow.self,
                    ProgressFigures.IndicatorStatus.self, ProgressFigures.Problem.self, ProgressFigures.Chart.self,
                ]
            ) { $0.renderProgress() },
            RenderStep(
                templates: [("led", LEDPage.self)],
                models: [LEDPage.self, LEDPage.Preview.self, LEDPage.Screen.self, LEDPage.Item.self]
            ) { await $0.renderLED() },
        ]
    }
}

/// How a content kind's pages are made: `render` writes them through the renderer's sink and returns
/// what they add to the site (files, sitemap entries, links to check, search documents, diagnostics).
struct RenderStep {
    /// The kind's templates and the model of each one's data, for docs/theme.md.
    var templates: [(template: String, model: any TemplateModel.Type)]
    /// Every model its templates use (nested ones too), in the order of the reference.
    var models: [any TemplateModel.Type]
    var render: (SiteRenderer) async -> SiteRenderer.Output
}
