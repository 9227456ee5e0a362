import CampaignCore
import Foundation
import LEDFeed
import TestSupport
import Testing

@testable import SiteBuilder

/// The content seam: a site read from memory builds like the same site on disk, and a site kept in memory and
/// updated file by file equals a site loaded whole from the same files.
@Suite struct ContentSourceTests {
    /// Every file of the sample's Content/ as path → bytes.
    static func sampleFiles() throws -> [String: Data] {
        let root = TestSite.repository.appendingPathComponent("Content")
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        for case let path as String in enumerator {
            var isFolder: ObjCBool = false
            let url = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// Options reading `source`; photos are processed only when `photos` is set (libvips is slow).
    static func options(_ source: any ContentSource, output: URL? = nil, photos: Bool = false) -> BuildOptions {
        let theme = TestSite.repository.appendingPathComponent("Theme")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "campaignpress-\(UUID().uuidString)")  // never created: nothing is written there
        var options = BuildOptions(
            contentURL: folder.appendingPathComponent("Content"), themeURL: theme,
            outputURL: output ?? folder.appendingPathComponent("Output"), contentDisplay: "Content",
            themeDisplay: "Theme", now: TestSite.clock, jobs: 2, writeOutput: output != nil)
        options.contentSource = source
        options.cacheURL = TestSite.sharedPhotoCache
        options.workingDirectory = folder
        options.processPhotos = photos
        return options
    }

    /// What a test can compare of a loaded site.
    static func summary(_ site: inout LoadedSite) async -> [String] {
        lines(await site.assemble())
    }

    /// What a test can compare of an assembled site.
    static func lines(_ assembled: LoadedSite.Assembled) -> [String] {
        let (content, diagnostics, reviewItems) = assembled
        var lines = diagnostics.sortedForReport().map(\.description)
        lines += reviewItems.map { "review \($0.file) \($0.title)" }
        guard let content else { return lines + ["no content"] }
        lines.append("site \(content.site.title)")
        lines += content.news.map { "news \($0.slug) \($0.title) \($0.tags)" }
        lines += content.tags.map { "tag \($0.name) \($0.items)" }
        lines += content.pages.map { "page \($0.slug) \($0.title)" }
        lines += content.exposures.notices.map { "notice \($0.id) \($0.title) \($0.status)" }
        lines += content.exposures.photos.keys.sorted().map { "photo \($0)" }
        lines.append("progress \(content.progress?.ledger.total ?? -1) \(content.progress?.indicatorsMet ?? -1)")
        lines += (content.led?.content.messages ?? []).map { "led \($0.id) \($0.body.source)" }
        return lines
    }

    @Test func memorySourceBuildsTheSameSiteAsTheFolder() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let fromDisk = await site.build()
        #expect(fromDisk.published, "\(fromDisk.diagnostics)")
        let output = site.root.appendingPathComponent("FromMemory")
        var options = site.options(output: output)
        options.contentSource = MemoryContentSource(contents: try Self.sampleFiles())
        let fromMemory = await SiteBuilder.build(options)
        #expect(fromMemory.published, "\(fromMemory.diagnostics)")
        #expect(fromMemory.diagnostics == fromDisk.diagnostics)
        #expect(site.tree(output) == site.tree())
    }

    /// File names split over their bytes as `NSString` splits them, unusual names included.
    @Test func fileNameExtensionsAreThoseOfNSString() {
        let names = [
            "a.md", "2026-11-29-文明.md", "a.b.MD", ".md", ".hidden.yml", "a.", "a..md", "noext", "", ".", "..",
            "a/b.md", "文明", "文明.csv", "x.tar.gz", " .md", "a .md", "é.md",
        ]
        for name in names {
            #expect(ContentPath.pathExtension(name) == (name as NSString).pathExtension, "\(name)")
            #expect(ContentPath.deletingExtension(name) == (name as NSString).deletingPathExtension, "\(name)")
        }
    }

    /// What the folder source says of a path and reads from it: one `stat` and one `fstat`, links followed.
    @Test func folderSourceInfoAndReadFollowLinksAndKnowSizes() throws {
        let folder = try TemporaryFolder()
        let root = folder.url
        let text = Data("---\ntitle: 文明\n---\n正文\n".utf8)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("news"), withIntermediateDirectories: true)
        try text.write(to: root.appendingPathComponent("news/a.md"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("news/link.md").path, withDestinationPath: "a.md")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("news/dangling.md").path, withDestinationPath: "gone.md")
        let source = FileSystemContentSource(root: root)
        #expect(source.info("news")?.isFolder == true)
        #expect(source.info("news/a.md")?.isFolder == false)
        #expect(source.info("news/a.md")?.size == text.count)
        #expect(source.info("news/link.md")?.size == text.count)
        #expect(source.info("news/dangling.md") == nil)
        #expect(source.info("news/missing.md") == nil)
        guard case .data(let read) = try source.read("news/link.md", limit: 1_000) else {
            Issue.record("a file under the limit is read")
            return
        }
        #expect(read == text)
        guard case .tooLarge(let size) = try source.read("news/a.md", limit: text.count - 1) else {
            Issue.record("a file over the limit is not read")
            return
        }
        #expect(size == text.count)
        #expect(throws: (any Error).self) { try source.read("news", limit: 1_000) }
        #expect(throws: (any Error).self) { try source.read("news/missing.md", limit: 1_000) }
    }

    @Test func missingContentFolderIsOneError() async {
        var options = Self.options(FileSystemContentSource(root: URL(fileURLWithPath: "/nonexistent/Content")))
        options.contentSource = nil
        options.contentURL = URL(fileURLWithPath: "/nonexistent/Content")
        let report = await SiteBuilder.build(options)
        #expect(report.diagnostics.map(\.code) == ["content.missing"])
    }

    /// One edit after another, each reloaded alone, always equals a whole load of the same files.
    @Test(arguments: [
        ("news/2026-10-10-party-office-commitment.md", Edit.replace("title:", "title: 改过的标题 ·")),
        ("news/2026-10-10-party-office-commitment.md", Edit.delete),
        ("news/2026-12-01-new.md", Edit.create("---\ntitle: 新的一条\ndate: 2026-11-28\ntags: [新标签]\n---\n正文\n")),
        ("news/2026-10-15-qilihe-district-review.md", Edit.replace("title:", "slug: party-office-commitment\ntitle:")),
        ("pages/about.md", Edit.replace("title:", "title: 关于 ·")),
        ("exposures/bg-2026-0101-xiguan-parking/index.md", Edit.replace("title:", "title: 改过 ·")),
        ("exposures/bg-2026-0101-xiguan-parking/index.md", Edit.delete),
        ("progress/ledger.csv", Edit.append("TZ-2026-9999,2026-11-20,督查,城官区,市城管委,人行道破损,2026-11-30,open,\n")),
        ("led/messages.yml", Edit.replace("text:", "text: 新 ")),
        ("site.yml", Edit.replace("title:", "title: 新 ")),
    ])
    func reloadingOneFileEqualsLoadingAll(path: String, edit: Edit) async throws {
        var source = MemoryContentSource(contents: try Self.sampleFiles())
        let photos = path.hasPrefix("exposures/")
        var kept = await LoadedSite.load(Self.options(source, photos: photos))
        let before = await Self.summary(&kept)
        switch edit {
        case .replace(let old, let new):
            let text = String(decoding: try #require(source.contents[path], "\(path) is in the sample"), as: UTF8.self)
            let range = try #require(text.range(of: old))
            source.contents[path] = Data(text.replacingCharacters(in: range, with: new).utf8)
        case .append(let line):
            source.contents[path] = (source.contents[path] ?? Data()) + Data(line.utf8)
        case .create(let text):
            source.contents[path] = Data(text.utf8)
        case .delete:
            #expect(source.contents.removeValue(forKey: path) != nil)
        }
        await kept.reload([path], source: source)
        var whole = await LoadedSite.load(Self.options(source, photos: photos))
        let expected = await Self.summary(&whole)
        let actual = await Self.summary(&kept)
        #expect(actual == expected)
        #expect(actual != before, "the edit shows")
    }

    /// A one-off build moves what was loaded into the site instead of copying it (`assembleOnce`); the site
    /// must be the one `assemble()` makes, findings, review items, tags and the notices' order included, and a
    /// kept site must assemble the same again afterwards.
    @Test(arguments: [false, true])
    func aOneOffAssemblyPutsTogetherWhatAKeptOneDoes(withClashes: Bool) async throws {
        var files = try Self.sampleFiles()
        if withClashes {
            // Findings from the assembly itself: a slug used twice (an error, so no content) and a notice id twice.
            let news = "news/2026-10-15-qilihe-district-review.md"
            let text = String(decoding: try #require(files[news]), as: UTF8.self)
            files[news] = Data(
                text.replacingOccurrences(of: "title:", with: "slug: party-office-commitment\ntitle:").utf8)
            let bundle = "exposures/bg-2026-0101-xiguan-parking/"
            for (path, data) in files where path.hasPrefix(bundle) {
                files["exposures/bg-2026-9999-copy/" + path.dropFirst(bundle.count)] = data
            }
        }
        let source = MemoryContentSource(contents: files)
        var kept = await LoadedSite.load(Self.options(source))
        let expected = await Self.summary(&kept)
        let once = Self.lines(await LoadedSite.load(Self.options(source)).assembleOnce())
        #expect(once == expected)
        #expect(await Self.summary(&kept) == expected, "a kept site assembles the same again")
        if withClashes {
            #expect(once.contains { $0.contains("news.slug-duplicate") })
            #expect(once.contains { $0.contains("exposure.duplicate-id") })
            #expect(once.contains("no content"))
        } else {
            #expect(once.filter { $0.hasPrefix("news ") }.count > 10)
            #expect(once.filter { $0.hasPrefix("notice ") }.count > 5)
            #expect(once.contains { $0.hasPrefix("review ") })
        }
    }

    enum Edit: Sendable {
        case replace(String, String)
        case append(String)
        case create(String)
        case delete
    }
}
