import CampaignCore
import Foundation

/// What to build and how: the folders, the switches of `campaign build`, and the clock.
public struct BuildOptions: Sendable {
    public var contentURL: URL
    public var themeURL: URL
    public var outputURL: URL
    /// The folder names as the user gave them, for diagnostics (`Content/news/x.md`).
    public var contentDisplay: String
    public var themeDisplay: String
    /// Strict mode for publication: privacy findings and review gaps become errors.
    public var production: Bool
    public var drafts: Bool
    public var future: Bool
    /// The build's clock; nil means the current time.
    public var now: Date?
    /// Parallel tasks; defaults to the number of cores.
    public var jobs: Int
    /// False for `campaign check`: everything is rendered and checked, nothing is written.
    public var writeOutput: Bool
    /// Where processed photos are kept between builds (`--cache`); nil means `.campaign-cache/` in the
    /// working folder. Never beside the output folder: that may be anywhere.
    public var cacheURL: URL? = nil
    /// The folder the command runs in: the default place of the cache, and a folder `--output` may
    /// never be or contain.
    public var workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    /// The user's home folder, which `--output` may never be or contain.
    public var homeDirectory: URL? = BuildOptions.defaultHome
    /// The cache folder this build uses.
    public var cache: URL { cacheURL ?? workingDirectory.appendingPathComponent(".campaign-cache", isDirectory: true) }

    static var defaultHome: URL? {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home)
        }
        return FileManager.default.homeDirectoryForCurrentUser
    }
    /// False when only the content's text is needed (`campaign led preview`): photos are not processed.
    public var processPhotos = true
    /// Collect the links leaving the site into `BuildReport.externalLinks` (`campaign check --external`).
    public var listExternalLinks = false

    public init(
        contentURL: URL, themeURL: URL, outputURL: URL, contentDisplay: String? = nil, themeDisplay: String? = nil,
        production: Bool = false, drafts: Bool = false, future: Bool = false, now: Date? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, writeOutput: Bool = true
    ) {
        self.contentURL = contentURL
        self.themeURL = themeURL
        self.outputURL = outputURL
        self.contentDisplay = contentDisplay ?? contentURL.lastPathComponent
        self.themeDisplay = themeDisplay ?? themeURL.lastPathComponent
        self.production = production
        self.drafts = drafts
        self.future = future
        self.now = now
        self.jobs = max(1, jobs)
        self.writeOutput = writeOutput
    }
}

/// The outcome of a build: every diagnostic and what was written.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Files written (or, for a check, rendered).
    public var fileCount: Int
    /// True when the output was replaced.
    public var published: Bool
    /// Counts for the summary line and JSON output.
    public var counts: [String: Int]
    /// Which items still need which of the three reviews (三审); nil when the content did not load.
    public var review: ReviewReport?
    /// Links leaving the site, when `BuildOptions.listExternalLinks` asked for them; never fetched.
    public var externalLinks: [ExternalLink] = []
    /// The path of `base_url` the pages link under (`/wmcj` for `https://host/wmcj/`, empty for a site at
    /// the root of its host); nil when site.yml could not be read.
    public var sitePath: String?

    public init(diagnostics: [Diagnostic], fileCount: Int = 0, published: Bool = false, counts: [String: Int] = [:]) {
        self.diagnostics = diagnostics
        self.fileCount = fileCount
        self.published = published
        self.counts = counts
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}
