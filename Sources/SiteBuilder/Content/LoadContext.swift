import CampaignCore
import Foundation

/// What every content loader reads with: the content source, the parsed site.yml, the build's clock and
/// switches, and the editorial checks and privacy allow list built once per build.
struct LoadContext: Sendable {
    /// Where the files are read from.
    var source: any ContentSource
    /// The build's options (`--production`, `--drafts`, `--future`, jobs, the photo cache).
    var options: BuildOptions
    /// The parsed `site.yml`.
    var site: SiteConfig
    /// The text of `site.yml`, for the positions of its fields.
    var siteText: String
    /// The build's clock.
    var now: Date
    /// Review and term checks (`Content/lint/terms.yml`, `Content/reviewers.yml`).
    var editorial: EditorialChecks
    /// Names in site.yml the privacy scanner must not mask.
    var privacy: PrivacyAllowList
    /// Counts the files read, for `BuildOptions.progress` (`loaded N files`).
    var loading: ProgressCounter? = nil

    /// Counts `count` content files read.
    func loaded(_ count: Int = 1) { loading?.advance(by: count) }

    /// `Content/news/a.md` for the content-relative `news/a.md`: how diagnostics name a file.
    func display(_ path: String) -> String { ContentPath.join(options.contentDisplay, path) }

    /// Parallel tasks for loading.
    var jobs: Int { options.jobs }
    /// `--production`: privacy findings and review gaps are errors.
    var production: Bool { options.production }
}
