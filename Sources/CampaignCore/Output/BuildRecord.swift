import Foundation

/// The build record `.campaign-output.json` that every build writes into its output folder
/// (docs/safety.md).
///
/// It marks a folder as one CampaignPress made (so `--output` may replace it) and is the source
/// of truth for `campaign deploy`: which files the build wrote, with their SHA-256, and whether
/// the build is fit to publish. It is never published and never uploaded.
public struct BuildRecord: Sendable, Hashable, Codable {
    /// The file name inside the output folder.
    public static let fileName = ".campaign-output.json"
    /// The record format this code writes.
    public static let currentVersion = 1

    /// Format version of the record.
    public var version: Int
    /// Wall-clock time the build finished, ISO 8601.
    public var builtAt: String
    /// The build's clock (`--now`), ISO 8601 in the site's time zone.
    public var now: String
    /// True for `campaign build --production`.
    public var production: Bool
    /// Number of error diagnostics (a record is written only by builds that succeeded, so 0 in
    /// practice; kept so a reader never has to assume it).
    public var errors: Int
    /// True when `site.yml` says `review: {required: true}`.
    public var reviewRequired: Bool
    /// Items (news, exposure notices, LED messages) still waiting for a review step.
    public var pendingReviews: Int
    /// Every file the build wrote, relative path → lowercase hex SHA-256 of its bytes.
    /// The record itself is not listed.
    public var files: [String: String]

    public init(
        version: Int = BuildRecord.currentVersion, builtAt: String, now: String, production: Bool, errors: Int,
        reviewRequired: Bool, pendingReviews: Int, files: [String: String]
    ) {
        self.version = version
        self.builtAt = builtAt
        self.now = now
        self.production = production
        self.errors = errors
        self.reviewRequired = reviewRequired
        self.pendingReviews = pendingReviews
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case version
        case builtAt = "built_at"
        case now
        case production
        case errors
        case reviewRequired = "review_required"
        case pendingReviews = "pending_reviews"
        case files
    }

    /// The record as JSON with sorted keys (stable across builds of the same input).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a record; throws a `BuildRecordError` naming what is wrong.
    public static func decode(_ data: Data) throws -> BuildRecord {
        do {
            return try JSONDecoder().decode(BuildRecord.self, from: data)
        } catch {
            throw BuildRecordError(reason: "the build record is not readable: \(error)")
        }
    }

    /// Why this build may not be published, or nil when it may: not `--production`, errors, or
    /// (with `review.required`) items still waiting for review.
    public var reasonNotPublishable: String? {
        if !production { return "这次构建不是发布构建（--production），不能发布 (not a --production build)" }
        if errors > 0 { return "这次构建有 \(errors) 个错误，不能发布 (the build had \(errors) errors)" }
        if reviewRequired && pendingReviews > 0 {
            return "还有 \(pendingReviews) 条内容未完成三审，不能发布 (\(pendingReviews) items wait for review)"
        }
        return nil
    }
}

/// A build record that cannot be read.
public struct BuildRecordError: Error, CustomStringConvertible, LocalizedError {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
    public var errorDescription: String? { reason }
}
