import Foundation

/// A new, empty folder under the system's temporary folder for one test, removed when the last reference to
/// it goes. Tests write only inside their own folder.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder.
    public let url: URL

    /// Creates `<tmp>/<prefix>-<UUID>`.
    public init(prefix: String = "campaignpress") throws {
        url = try Self.make(prefix: prefix)
    }

    /// Creates `<tmp>/<prefix>-<UUID>` and returns it; the caller removes it.
    public static func make(prefix: String = "campaignpress") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The subfolder `name`, created.
    public func sub(_ name: String) throws -> URL {
        let folder = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// This repository's folders that tests copy: the sample site and the fixtures.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Tests/SiteBuilderTests/Fixtures/<name>`: whole-site fixtures, each with Content/ and Theme/.
    public static func siteFixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/SiteBuilderTests/Fixtures").appendingPathComponent(name)
    }

    /// Copies the folders `parts` (e.g. `Content`, `Theme`) of `source` into `folder`.
    public static func copy(_ parts: [String], from source: URL, into folder: URL) throws {
        for part in parts {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(part), to: folder.appendingPathComponent(part))
        }
    }

    /// A new temporary folder holding a copy of `parts` of `source` (by default the sample's Content/ and
    /// Theme/); the caller removes it.
    public static func project(
        copying parts: [String] = ["Content", "Theme"], from source: URL = root, prefix: String = "campaignpress"
    ) throws -> URL {
        let folder = try TemporaryFolder.make(prefix: prefix)
        try copy(parts, from: source, into: folder)
        return folder
    }
}

extension URL {
    /// Writes `text` as UTF-8 to the file at `relativePath` below this folder, creating folders on the way.
    public func write(_ text: String, to relativePath: String) throws {
        let url = appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
