/// What a deploy did (or, with `--dry-run`, would do): the JSON report of docs/deploy.md.
public struct DeployReport: Sendable, Codable, Equatable {
    /// The target's name in `site.yml`.
    public var target: String
    public var dryRun: Bool
    /// Paths uploaded (or to upload), in upload order.
    public var uploaded: [String]
    /// Paths deleted (or to delete).
    public var deleted: [String]
    /// Files the server already held byte for byte.
    public var unchanged: Int
    /// Deletions not done because there were more than `--max-deletes`.
    public var skippedDeletions: [String]
    /// The release folder now served (SSH targets).
    public var release: String?

    public init(
        target: String, dryRun: Bool, uploaded: [String] = [], deleted: [String] = [], unchanged: Int = 0,
        skippedDeletions: [String] = [], release: String? = nil
    ) {
        self.target = target
        self.dryRun = dryRun
        self.uploaded = uploaded
        self.deleted = deleted
        self.unchanged = unchanged
        self.skippedDeletions = skippedDeletions
        self.release = release
    }

    enum CodingKeys: String, CodingKey {
        case target
        case dryRun = "dry_run"
        case uploaded, deleted, unchanged
        case skippedDeletions = "skipped_deletions"
        case release
    }

    /// Paths whose public URL changed (uploaded or deleted), for CDN purging.
    public var changedPaths: [String] { dryRun ? [] : uploaded + deleted }
}

/// Progress of a running deploy, for the progress line on a terminal.
public struct DeployProgress: Sendable {
    public var done: Int
    public var total: Int
    public var path: String
}
