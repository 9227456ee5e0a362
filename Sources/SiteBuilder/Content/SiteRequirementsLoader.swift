import CampaignCore
import Foundation

/// The checks over the whole site that no single file can make: the registration numbers of site.yml, the
/// freshness of the news column, undated pages (docs/editorial-checks.md). It reads no file of its own and is
/// registered after news and pages, whose assembled lists it checks.
struct SiteRequirementsLoader: ContentKind {
    func unit(of path: String) -> String? { nil }
    mutating func loadAll(_ context: LoadContext) async {}
    mutating func reload(unit: String, _ context: LoadContext) async {}

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        site.diagnostics += Self.check(
            site: context.site, siteText: context.siteText, news: site.content.news, pages: site.content.pages,
            now: context.now, contentDisplay: context.options.contentDisplay)
    }

    /// Registration numbers of site.yml, the freshness of the news column and undated pages.
    ///
    /// - Parameters:
    ///   - siteText: the text of site.yml, for the positions of the registration numbers.
    ///   - news: published news, newest first.
    static func check(
        site: SiteConfig, siteText: String, news: [NewsItem], pages: [PageItem], now: Date, contentDisplay: String
    ) -> [Diagnostic] {
        let siteFile = "\(contentDisplay)/site.yml"
        var diagnostics = RegistrationRules.check(
            site.registration, location: SourceLocation(file: siteFile),
            fieldLocations: RegistrationRules.fieldLocations(inSiteYAML: siteText, file: siteFile))
        diagnostics += FreshnessRules.checkColumn(
            "创建动态 (news)", latest: news.first?.date, now: now,
            location: SourceLocation(file: "\(contentDisplay)/news"), timeZone: site.timeZone)
        for page in pages {
            diagnostics += FreshnessRules.checkDated(
                page.date, title: page.title, location: SourceLocation(file: page.file, line: 2, column: 1))
        }
        return diagnostics
    }
}
