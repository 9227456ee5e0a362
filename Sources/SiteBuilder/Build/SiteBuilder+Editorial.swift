import CampaignCore
import Foundation
import LEDFeed

/// Loading the editorial rules, and the checks over the whole site (registration numbers,
/// freshness) that no single item can make.
extension SiteBuilder {
    /// The term list of a site, optional: `Content/lint/terms.yml`.
    static let termsFile = "lint/terms.yml"

    /// Reads `Content/lint/terms.yml` (when it exists) once and builds the checks of this build.
    static func loadEditorial(
        _ options: BuildOptions, site: SiteConfig, diagnostics: inout [Diagnostic]
    ) -> EditorialChecks {
        let url = options.contentURL.appendingPathComponent(termsFile)
        var rules = TermRules()
        if FileManager.default.fileExists(atPath: url.path) {
            let display = "\(options.contentDisplay)/\(termsFile)"
            let (text, problem) = ContentFiles.readText(url, display: display, code: "terms")
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
            checks.reviewers = loadReviewers(options, diagnostics: &diagnostics)
        }
        return checks
    }

    /// Reads `Content/reviewers.yml`, required when reviews are signed.
    static func loadReviewers(_ options: BuildOptions, diagnostics: inout [Diagnostic]) -> ReviewerDirectory {
        let url = options.contentURL.appendingPathComponent(ReviewerDirectory.file)
        let display = "\(options.contentDisplay)/\(ReviewerDirectory.file)"
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.append(
                .error(
                    "site.yml sets review.signed: true but \(display) is missing; add reviewers with "
                        + "'campaign desk user add … --role reviewer'",
                    code: "review.reviewers", file: display))
            return ReviewerDirectory()
        }
        let (text, problem) = ContentFiles.readText(url, display: display, code: "reviewers")
        if let problem { diagnostics.append(problem) }
        guard let text else { return ReviewerDirectory() }
        let (directory, found) = ReviewerDirectory.parse(text, file: display)
        diagnostics += found
        return directory
    }

    /// The content hash of an exposure notice: its text without the review and its photos' bytes.
    ///
    /// Only photos that exist in the bundle are read (the parser reports the others).
    static func noticeContentHash(_ text: String, notice: ExposureNotice, bundle: URL, files: Set<String>) -> String {
        let photos = notice.photos + (notice.rectification?.photos ?? [])
        let contents = photos.map { photo -> ReviewContent.Photo in
            guard files.contains(photo.file),
                let data = try? Data(contentsOf: bundle.appendingPathComponent(photo.file))
            else { return ReviewContent.Photo(file: photo.file, bytes: []) }
            return ReviewContent.Photo(file: photo.file, bytes: [UInt8](data))
        }
        return ReviewContent.markdownHash(text, photos: contents)
    }

    /// The id of a news item in signatures and in the desk: its file name without the extension.
    static func newsID(fileName: String) -> String {
        (fileName as NSString).deletingPathExtension
    }

    /// Registration numbers of site.yml, the freshness of the news column and undated pages.
    ///
    /// - Parameters:
    ///   - siteText: the text of site.yml, for the positions of the registration numbers.
    ///   - news: published news, newest first.
    static func siteRequirements(
        _ options: BuildOptions, site: SiteConfig, siteText: String, news: [NewsItem], pages: [PageItem], now: Date
    ) -> [Diagnostic] {
        let siteFile = "\(options.contentDisplay)/site.yml"
        var diagnostics = RegistrationRules.check(
            site.registration, location: SourceLocation(file: siteFile),
            fieldLocations: RegistrationRules.fieldLocations(inSiteYAML: siteText, file: siteFile))
        diagnostics += FreshnessRules.checkColumn(
            "创建动态 (news)", latest: news.first?.date, now: now,
            location: SourceLocation(file: "\(options.contentDisplay)/news"), timeZone: site.timeZone)
        for page in pages {
            diagnostics += FreshnessRules.checkDated(
                page.date, title: page.title, location: SourceLocation(file: page.file, line: 2, column: 1))
        }
        return diagnostics
    }
}

extension SiteBuilder {
    /// `load` for callers that do not print the review report (`ledFeeds`).
    static func load(_ options: BuildOptions, diagnostics: inout [Diagnostic]) async -> SiteContent? {
        var reviewItems: [ReviewReport.Item] = []
        return await load(options, diagnostics: &diagnostics, reviewItems: &reviewItems)
    }

    /// The LED messages that play at `now`, for the review report.
    static func reviewItems(led: SiteLED?, now: Date) -> [ReviewReport.Item] {
        (led?.content.messages ?? []).filter { $0.isCurrent(at: now) }.map(ReviewReport.Item.init(message:))
    }
}

extension ReviewReport.Item {
    /// A news item for the review report.
    init(news item: NewsItem) {
        self.init(kind: .news, file: item.file, title: item.title, review: item.review)
    }

    /// An exposure notice for the review report.
    init(notice: ExposureNotice) {
        self.init(kind: .exposure, file: notice.file, title: notice.title, review: notice.review)
    }

    /// An LED message for the review report, titled by its id.
    init(message: LEDMessage) {
        self.init(kind: .led, file: message.location.file, title: message.id, review: message.review)
    }
}
