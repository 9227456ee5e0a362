import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// `--output` may replace only a folder a build made (or a new or empty one), never the user's own files;
/// every build leaves its build record; leftovers of killed builds are cleaned up; two builds of the same
/// output never swap at once (docs/safety.md).
@Suite struct OutputSafetyTests {
    /// A folder `--output` must refuse, given as a path relative to the test site's root.
    struct Refused: Sendable, CustomStringConvertible {
        var name: String
        var output: String
        var reason: String
        var description: String { name }
    }

    static let refused: [Refused] = [
        Refused(name: "the content folder", output: "Content", reason: "内容文件夹"),
        Refused(name: "inside the content folder", output: "Content/news", reason: "内容文件夹"),
        Refused(name: "the theme folder", output: "Theme", reason: "主题文件夹"),
        Refused(name: "the current folder", output: ".", reason: "当前文件夹"),
        Refused(name: "the parent of the current folder", output: "..", reason: "当前文件夹"),
        Refused(name: "a folder of the user's", output: "notes", reason: "不是空文件夹"),
        Refused(name: "a file", output: "notes/todo.txt", reason: "不是文件夹"),
    ]

    @Test(arguments: refused)
    func refusesAFolderItMayNotReplace(_ refused: Refused) async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("买菜\n", to: "notes/todo.txt")
        let before = site.tree(site.root)
        let output = site.root.appendingPathComponent(refused.output)
        let report = await SiteBuilder.build(site.options(output: output))
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.code == "output.refused")
        #expect(error.message.contains(refused.reason), "\(error.message)")
        #expect(error.message.contains(output.path))
        #expect(!report.published)
        #expect(site.tree(site.root) == before, "files changed")
    }

    @Test func refusesTheRootAndTheHomeFolder() throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let options = site.options()
        let home = site.root.appendingPathComponent("home")
        for output in ["/", home.path, site.root.deletingLastPathComponent().path] {
            let reason = OutputGuard.refusal(
                output: URL(fileURLWithPath: output), content: options.contentURL, theme: options.themeURL,
                currentDirectory: home.appendingPathComponent("project"), home: home)
            #expect(reason != nil, "\(output) was accepted")
        }
    }

    @Test func refusesAFolderReachedThroughASymbolicLink() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("out"), withDestinationURL: site.content)
        let report = await SiteBuilder.build(site.options(output: site.root.appendingPathComponent("out/news")))
        #expect(report.diagnostics.contains { $0.code == "output.refused" })
        #expect(FileManager.default.fileExists(atPath: site.content.appendingPathComponent("site.yml").path))
    }

    @Test func refusesACacheInsideTheOutput() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        var options = site.options()
        options.cacheURL = site.output.appendingPathComponent("cache")
        let report = await SiteBuilder.build(options)
        #expect(report.diagnostics.contains { $0.code == "output.refused" && $0.message.contains("缓存") })
    }

    @Test(arguments: ["new", "empty", "gitignore-only"])
    func acceptsANewOrEmptyFolder(_ kind: String) async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let output = site.root.appendingPathComponent("public")
        if kind != "new" { try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true) }
        if kind == "gitignore-only" { try site.write("*\n", to: "public/.gitignore") }
        let report = await SiteBuilder.build(site.options(output: output))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        if kind == "gitignore-only" {
            #expect(try String(contentsOf: output.appendingPathComponent(".gitignore"), encoding: .utf8) == "*\n")
        }
    }

    @Test func replacesAFolderThatHoldsABuildRecord() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        try site.write("stale\n", to: "Output/stale.html")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("stale.html").path))
    }

    /// The search index hands the SHA-256 it computed of each of its files to the record.
    @Test func buildRecordHasTheHashOfEverySearchFile() async throws {
        let site = try TestSite.sample()
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let tree = site.tree()
        let record = try BuildRecord.decode(try #require(tree[BuildRecord.fileName]))
        let search = tree.filter { $0.key.hasPrefix("search/k/") || $0.key.hasPrefix("search/t/") }
        #expect(search.count > 2)
        for (path, data) in search {
            #expect(record.files[path] == OutputWriter.sha256(Array(data)), "\(path)")
        }
    }

    @Test func buildRecordListsEveryWrittenFileWithItsHash() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("*\n", to: "Output/.gitignore")
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        var tree = site.tree()
        let recordData = tree.removeValue(forKey: BuildRecord.fileName)
        let record = try BuildRecord.decode(try #require(recordData))
        tree[".gitignore"] = nil
        #expect(record.version == BuildRecord.currentVersion)
        #expect(record.now == "2026-11-29T12:00:00+08:00")
        #expect(!record.production)
        #expect(record.errors == 0)
        #expect(record.pendingReviews == report.review?.rows.count)
        #expect(Set(record.files.keys) == Set(tree.keys))
        for (path, data) in tree {
            #expect(record.files[path] == OutputWriter.sha256(Array(data)), "\(path)")
        }
        #expect(
            OutputWriter.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        // Never published: not in the sitemap, not linked.
        #expect(!(try site.read("sitemap.xml")).contains("campaign-output"))
    }

    @Test func removesTheStagingFoldersOfKilledBuilds() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let dead = try Self.deadPID()
        let staging = site.root.appendingPathComponent(".Output.staging-\(dead)")
        let old = site.root.appendingPathComponent(".Output.old-\(dead)")
        // A staging folder of a process that is alive (pid 1) is left alone.
        let alive = site.root.appendingPathComponent(".Output.staging-1")
        let unrelated = site.root.appendingPathComponent(".Other.staging-\(dead)")
        for folder in [staging, old, alive, unrelated] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("half".utf8).write(to: folder.appendingPathComponent("index.html"))
        }
        #expect(await site.build().errorCount == 0)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }

    @Test func putsBackThePreviousOutputOfABuildKilledMidSwap() throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let dead = try Self.deadPID()
        try site.write("previous\n", to: ".Output.old-\(dead)/index.html")
        OutputWriter.removeDeadLeftovers(of: site.output)
        #expect(try site.read("index.html") == "previous\n")
    }

    @Test func aSecondBuildOfTheSameOutputExitsWhileTheFirstHoldsTheLock() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        let before = site.tree()
        var first: OutputWriter? = try OutputWriter(output: site.output)
        #expect(first != nil)
        let second = await site.build()
        let busy = try #require(second.diagnostics.first { $0.severity == .error })
        #expect(busy.code == "output.busy")
        #expect(busy.message.contains("\(getpid())"))
        #expect(site.tree() == before)
        first?.discard()
        first = nil
        #expect(await site.build().errorCount == 0)
    }

    @Test func theLockIsLetGoOfWhenTheBuildIsDoneNotWhenTheWriterIsFreed() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let first = try OutputWriter(output: site.output)
        first.discard()
        first.unlock()
        // The first writer is still alive (a build frees it on another thread): the folder is free all the same.
        let second = try OutputWriter(output: site.output)
        second.discard()
        second.unlock()
        withExtendedLifetime(first) {}
        // Builds one right after another never find the folder busy.
        for _ in 0..<10 { #expect(await site.build().diagnostics.filter { $0.code == "output.busy" }.isEmpty) }
    }

    /// The id of a process that has exited: a child that ran `true`.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

/// Every path the writer accepts stays inside the output folder.
@Suite struct OutputPathSafetyTests {
    @Test(arguments: [
        ("a", true), ("news/x/index.html", true), ("..a", true), ("a/...", true), (".a", true), ("a/.b/c", true),
        ("文明/页面.html", true), ("", false), ("/a", false), ("a//b", false), ("a/", false), (".", false),
        ("..", false), ("a/../b", false), ("a/./b", false), ("a\u{0}b", false), ("../x", false), ("x/..", false),
        ("/", false), ("//", false), ("a/.", false),
    ])
    func refusesEmptyDotAndNULSegments(path: String, safe: Bool) {
        #expect(OutputWriter.isSafe(path) == safe)
    }
}
