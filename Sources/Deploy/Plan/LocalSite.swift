import CampaignCore
import Foundation

/// One file of the output folder as the build record lists it and as it is on disk.
public struct LocalFile: Sendable, Hashable {
    /// Path relative to the output folder, `/`-separated.
    public var path: String
    /// Lowercase hex SHA-256 (equal to the build record's entry: checked on load).
    public var sha256: String
    /// Lowercase hex MD5, to compare with an S3 ETag.
    public var md5: String
    public var size: Int

    public init(path: String, sha256: String, md5: String, size: Int) {
        self.path = path
        self.sha256 = sha256
        self.md5 = md5
        self.size = size
    }
}

/// An output folder fit to publish: its build record allows it and every file matches the record.
public struct LocalSite: Sendable {
    public var folder: URL
    public var record: BuildRecord
    /// SHA-256 of the record file itself, for the deploy log.
    public var recordHash: String
    /// Every file of the record, sorted by path.
    public var files: [LocalFile]
}
