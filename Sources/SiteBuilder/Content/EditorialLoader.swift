import CampaignCore
import Foundation

/// The editorial rules every loader checks with: the term list `Content/lint/terms.yml` (optional) and, when
/// site.yml signs reviews, the reviewers' keys `Content/reviewers.yml` (docs/editorial-checks.md).
///
/// A change to either file changes the checks of every item, so `LoadedSite.reload(_:)` loads the whole
/// site again for them.
enum EditorialLoader {
    /// The term list of a site, optional.
    static let termsFile = "lint/terms.yml"

    /// The content-relative files read here.
    static var files: Set<String> { [termsFile, ReviewerDirectory.file] }

    /// Reads the term list (when it exists) and the reviewers once and builds the checks of this build.
    static func load(
        _ source: any ContentSource, options: BuildOptions, site: SiteConfig
    ) -> (EditorialChecks, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var rules = TermRules()
        if source.info(termsFile) != nil {
            let display = ContentPath.join(options.contentDisplay, termsFile)
            let (text, problem) = source.readText(termsFile, display: display, code: "terms")
            if let problem { diagnostics.append(problem) }
            if let text {
                let (parsed, parseDiagnostics) = TermRules.parse(text, file: display)
                rules = parsed
                diagnostics += parseDiagnostics
            }
        }
        var checks = EditorialChecks(
            linter: TermLinter(rules: rules), reviewRequired: site.reviewRequired, production: options.production,
            timeZone: site.timeZone)
        checks.signed = site.reviewSigned
        if site.reviewSigned {
            checks.reviewers = loadReviewers(source, options: options, diagnostics: &diagnostics)
        }
        return (checks, diagnostics)
    }

    /// Reads `Content/reviewers.yml`, required when reviews are signed.
    static func loadReviewers(
        _ source: any ContentSource, options: BuildOptions, diagnostics: inout [Diagnostic]
    ) -> ReviewerDirectory {
        let path = ReviewerDirectory.file
        let display = ContentPath.join(options.contentDisplay, path)
        guard source.info(path) != nil else {
            diagnostics.append(
                .error(
                    "site.yml sets review.signed: true but \(display) is missing; add reviewers with "
                        + "'campaign desk user add … --role reviewer'",
                    code: "review.reviewers", file: display))
            return ReviewerDirectory()
        }
        let (text, problem) = source.readText(path, display: display, code: "reviewers")
        if let problem { diagnostics.append(problem) }
        guard let text else { return ReviewerDirectory() }
        let (directory, found) = ReviewerDirectory.parse(text, file: display)
        diagnostics += found
        return directory
    }
}
