import CampaignCore

/// The site while the kinds put it together (`ContentKind.assemble(into:_:)`).
struct SiteAssembly: Sendable {
    /// The content so far; kinds fill their part.
    var content: SiteContent
    /// Every finding so far, site.yml's and the editorial files' included.
    var diagnostics: [Diagnostic]
    /// Published texts that need the three reviews (三审), for the review report.
    var reviewItems: [ReviewReport.Item] = []
    /// Slug → where a published news item's `led` headline is written, for headlines holding characters
    /// outside GB2312 (the only ones a screen's charset can refuse).
    var headlineLocations: [String: SourceLocation] = [:]
}
