import CampaignCore

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

    /// The exit code of a command that made this report (docs/architecture.md, "Exit codes"): 2 when the
    /// build could not run at all (no content folder, an output folder it may not use or is busy, a missing
    /// library or font), 1 when the content has errors, 0 otherwise (warnings allowed).
    public var exitCode: Int32 { Self.exitCode(for: diagnostics) }

    /// `exitCode` of a report holding `diagnostics`, for commands that print findings without a build.
    public static func exitCode(for diagnostics: [Diagnostic]) -> Int32 {
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.contains(where: { isEnvironmentProblem($0.code) }) { return 2 }
        return errors.isEmpty ? 0 : 1
    }

    /// True for the codes of problems with the command's environment rather than the content.
    static func isEnvironmentProblem(_ code: String) -> Bool {
        code == "content.missing" || code.hasPrefix("output.") || code.hasPrefix("environment.")
    }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}
