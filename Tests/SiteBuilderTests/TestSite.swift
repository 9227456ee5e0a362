import CampaignCore
import Foundation
import SiteBuilder
import TestSupport

/// A throwaway project folder for one test: a copy of a fixture (or the sample) in a temporary folder.
struct TestSite {
    let root: URL
    /// The photo cache of this site's builds. By default one folder shared by every test (entries are keyed
    /// by content and pipeline version, so sharing is safe), so the sample's photos go through libvips once
    /// instead of once per test; tests of the cache itself set it to nil (the default `.campaign-cache/` of
    /// the working folder, which for a test site is its root).
    var photoCache: URL? = TestSite.sharedPhotoCache

    static let sharedPhotoCache = FileManager.default.temporaryDirectory.appendingPathComponent(
        "campaignpress-test-photo-cache")

    static let repository = Repository.root
    static let fixtures = Repository.siteFixture("")
    static let clock = ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: .gmt)!

    /// Copies `Fixtures/<name>` (Content/ and Theme/) into a new temporary folder.
    init(fixture name: String) throws {
        try self.init(copying: Repository.siteFixture(name), parts: ["Content", "Theme"])
    }

    /// Copies the repository's sample Content/ and default Theme/.
    static func sample() throws -> TestSite {
        try TestSite(copying: repository, parts: ["Content", "Theme"])
    }

    init(copying source: URL, parts: [String]) throws {
        root = try Repository.project(copying: parts, from: source)
    }

    var content: URL { root.appendingPathComponent("Content") }
    var output: URL { root.appendingPathComponent("Output") }

    func options(
        now: Date = TestSite.clock, production: Bool = false, drafts: Bool = false, future: Bool = false,
        write: Bool = true, output: URL? = nil
    ) -> BuildOptions {
        var options = BuildOptions(
            contentURL: content, themeURL: root.appendingPathComponent("Theme"), outputURL: output ?? self.output,
            contentDisplay: "Content", themeDisplay: "Theme", production: production, drafts: drafts, future: future,
            now: now, jobs: 2, writeOutput: write)
        options.cacheURL = photoCache
        options.workingDirectory = root
        return options
    }

    func build(production: Bool = false, drafts: Bool = false, future: Bool = false, output: URL? = nil) async
        -> BuildReport
    {
        await SiteBuilder.build(options(production: production, drafts: drafts, future: future, output: output))
    }

    func write(_ text: String, to relativePath: String) throws { try root.write(text, to: relativePath) }

    func read(_ outputPath: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(outputPath), encoding: .utf8)
    }

    /// Every file under `folder` (default Output/) as relative path → bytes. The build record's wall-clock
    /// `built_at` is blanked, the one thing two builds of the same input may differ in.
    func tree(_ folder: URL? = nil) -> [String: Data] {
        let base = folder ?? output
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [:] }
        for case let rel as String in enumerator {
            let url = base.appendingPathComponent(rel)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = try? Data(contentsOf: url)
                if rel == BuildRecord.fileName, let data = files[rel], var record = try? BuildRecord.decode(data) {
                    record.builtAt = ""
                    files[rel] = try? record.encoded()
                }
            }
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
