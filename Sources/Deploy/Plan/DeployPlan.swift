/// What the server holds for one key, as its listing says.
public struct RemoteObject: Sendable, Hashable {
    /// The key relative to the target's prefix.
    public var path: String
    /// The ETag without quotes, lowercased.
    public var etag: String
    public var size: Int
    /// `x-amz-meta-sha256`, when it was asked for (only for objects whose ETag is not an MD5).
    public var sha256: String?

    public init(path: String, etag: String, size: Int, sha256: String? = nil) {
        self.path = path
        self.etag = etag
        self.size = size
        self.sha256 = sha256
    }

    /// True when the ETag is the MD5 of the bytes (a single PUT without KMS encryption): then
    /// comparing it with the local MD5 is exact, and no HEAD request is needed.
    public var etagIsMD5: Bool { etag.count == 32 && etag.allSatisfy(\.isHexDigit) }
}

/// One upload of a plan.
public struct PlannedUpload: Sendable, Hashable {
    /// Why the file is sent.
    public enum Reason: String, Sendable, Codable {
        /// The server does not hold it.
        case new
        /// The build changed it, or someone changed it on the server: either way the server's
        /// bytes differ from the build record's.
        case changed
    }

    public var file: LocalFile
    public var reason: Reason
    public var phase: PublishClass.Phase
}

/// The uploads and deletions that make the server hold exactly the build (docs/deploy.md).
public struct DeployPlan: Sendable {
    /// In upload order: assets and media, then pages, then home, feeds and sitemap.
    public var uploads: [PlannedUpload]
    /// Paths to delete after every upload succeeded, sorted.
    public var deletions: [String]
    /// Files the server already holds byte for byte.
    public var unchanged: Int

    /// Compares the build's files with the server's objects.
    ///
    /// An object whose ETag is not an MD5 compares through its `sha256`, which the caller fetches
    /// first for the paths of `pathsNeedingChecksum`; without it the file is sent again.
    public init(local: [LocalFile], remote: [String: RemoteObject]) {
        var uploads: [PlannedUpload] = []
        var unchanged = 0
        let localPaths = Set(local.map(\.path))
        for file in local {
            let phase = PublishClass.phase(of: file.path)
            guard let object = remote[file.path] else {
                uploads.append(PlannedUpload(file: file, reason: .new, phase: phase))
                continue
            }
            if Self.matches(file, object) {
                unchanged += 1
            } else {
                uploads.append(PlannedUpload(file: file, reason: .changed, phase: phase))
            }
        }
        uploads.sort { $0.phase == $1.phase ? $0.file.path < $1.file.path : $0.phase < $1.phase }
        self.uploads = uploads
        self.deletions = remote.keys.filter { !localPaths.contains($0) }.sorted()
        self.unchanged = unchanged
    }

    /// Paths whose server copy can only be compared through its `x-amz-meta-sha256`.
    public static func pathsNeedingChecksum(local: [LocalFile], remote: [String: RemoteObject]) -> [String] {
        local.compactMap { file in
            guard let object = remote[file.path], !object.etagIsMD5, object.sha256 == nil else { return nil }
            return file.path
        }
    }

    static func matches(_ file: LocalFile, _ object: RemoteObject) -> Bool {
        guard object.size == file.size else { return false }
        if object.etagIsMD5 { return object.etag == file.md5 }
        return object.sha256 == file.sha256
    }
}
