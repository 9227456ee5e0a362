import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// A rebuild over the previous output leaves the files whose bytes are already there in place and merges
/// the rest in; the folder it leaves is the one a build into an empty folder makes, and nothing outside
/// it is touched (docs/safety.md, "Rebuilding over the previous output").
@Suite struct RebuildOverOutputTests {
    static let edited = "Content/news/2026-11-02-second.md"
    static let editedPage = "news/second/index.html"

    /// Edits one news item.
    static func edit(_ site: TestSite) throws {
        try site.write(
            "---\ntitle: 第二篇\ndate: 2026-11-02 10:30\nsummary: 手写摘要\ntags: [迎检, 志愿]\n---\n## 小标题\n\n第二篇正文，改过了。\n",
            to: edited)
    }

    /// The file's inode number, or nil when there is no such file.
    static func inode(_ url: URL) -> UInt64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    /// The folder a build into an empty folder makes of the site as it is now.
    static func coldTree(_ site: TestSite) async throws -> [String: Data] {
        let cold = site.root.appendingPathComponent("Cold")
        try? FileManager.default.removeItem(at: cold)
        #expect(await site.build(output: cold).errorCount == 0)
        defer { try? FileManager.default.removeItem(at: cold) }
        return site.tree(cold)
    }

    @Test func unchangedFilesStayAndTheOutputIsThatOfAColdBuild() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        let files = Array(site.tree().keys).filter { $0 != BuildRecord.fileName }
        let before = Dictionary(
            uniqueKeysWithValues: files.map { ($0, Self.inode(site.output.appendingPathComponent($0))) })
        try Self.edit(site)
        try site.write("*\n", to: "Output/.gitignore")
        try site.write("stale\n", to: "Output/stale.html")
        try site.write("stale\n", to: "Output/news/old-post/index.html")
        try site.write("stale\n", to: "Output/assets/old/deep/x.css")
        #expect(await site.build().errorCount == 0)

        var tree = site.tree()
        #expect(tree.removeValue(forKey: ".gitignore") == Data("*\n".utf8))
        #expect(tree == (try await Self.coldTree(site)))
        #expect(try site.read(Self.editedPage).contains("改过了"))
        #expect(Self.inode(site.output.appendingPathComponent(Self.editedPage)) != before[Self.editedPage])
        let kept = files.filter { Self.inode(site.output.appendingPathComponent($0)) == before[$0] }
        #expect(kept.contains("about/index.html"), "\(kept)")
        #expect(kept.count > files.count / 2, "\(kept.count) of \(files.count) kept")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter {
            $0.contains("staging") || $0.contains(".old-")
        }
        #expect(leftovers.isEmpty)
    }

    /// The bytes decide, not the record: a file changed by hand is written again, and the record holds the
    /// hash of what is there.
    @Test func aFileChangedByHandIsWrittenAgain() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        let page = site.output.appendingPathComponent("about/index.html")
        var bytes = try Data(contentsOf: page)
        let original = bytes
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: page)
        try site.write("<p>appended</p>\n", to: "Output/index.html.tmp")
        let home = site.output.appendingPathComponent("index.html")
        let grown = try Data(contentsOf: home) + Data(" ".utf8)
        try grown.write(to: home)
        #expect(await site.build().errorCount == 0)
        #expect(try Data(contentsOf: page) == original)
        #expect(site.tree() == (try await Self.coldTree(site)))
        let record = try BuildRecord.decode(
            try Data(contentsOf: site.output.appendingPathComponent(BuildRecord.fileName)))
        #expect(record.files["about/index.html"] == OutputWriter.sha256(Array(original)))
    }

    /// A folder of the previous output replaced by a link to a folder elsewhere: the rebuild replaces the
    /// link with a folder and neither reads from nor writes to what it points at.
    @Test func aLinkInThePreviousOutputIsReplacedNotFollowed() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: site.output.appendingPathComponent("news"), to: elsewhere.appendingPathComponent("news"))
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent("news"), withDestinationURL: elsewhere.appendingPathComponent("news")
        )
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("404.html"))
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent("404.html"),
            withDestinationURL: elsewhere.appendingPathComponent("news/second/index.html"))
        let outside = site.tree(elsewhere)
        let inodes = outside.keys.map { Self.inode(elsewhere.appendingPathComponent($0)) }
        try Self.edit(site)
        #expect(await site.build().errorCount == 0)
        #expect(site.tree(elsewhere) == outside)
        #expect(outside.keys.map { Self.inode(elsewhere.appendingPathComponent($0)) } == inodes)
        let news = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("news").path)
        #expect(news[.type] as? FileAttributeType == .typeDirectory)
        #expect(site.tree() == (try await Self.coldTree(site)))
    }

    /// A file with a second name (a `cp -al` backup) or another mode is written again: the backup keeps
    /// its bytes, and the new file is the output's alone, with the mode a new file gets.
    @Test func aFileSharedWithABackupOrWithAnotherModeIsWrittenAgain() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        let home = site.output.appendingPathComponent("index.html")
        let about = site.output.appendingPathComponent("about/index.html")
        let backup = site.root.appendingPathComponent("backup.html")
        try FileManager.default.linkItem(at: home, to: backup)
        let backupBytes = try Data(contentsOf: backup)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: about.path)
        let fresh =
            try FileManager.default.attributesOfItem(
                atPath: site.output.appendingPathComponent("news/second/index.html").path)[.posixPermissions] as? Int
        #expect(await site.build().errorCount == 0)
        #expect(Self.inode(home) != Self.inode(backup))
        #expect(try Data(contentsOf: backup) == backupBytes)
        #expect(try FileManager.default.attributesOfItem(atPath: about.path)[.posixPermissions] as? Int == fresh)
        #expect(site.tree() == (try await Self.coldTree(site)))
    }

    /// A build killed while it merged: its staging folder holds the marker, the record and what it had
    /// not moved yet. The next build finishes the merge before anything else.
    @Test func aMergeKilledHalfwayIsFinishedByTheNextBuild() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        try Self.edit(site)
        let next = site.root.appendingPathComponent("Next")
        #expect(await site.build(output: next).errorCount == 0)
        let expected = site.tree(next)
        let dead = try OutputSafetyTests.deadPID()
        let staging = site.root.appendingPathComponent(".Output.staging-\(dead)")
        let fm = FileManager.default
        try fm.createDirectory(at: staging.appendingPathComponent("news/second"), withIntermediateDirectories: true)
        for path in [Self.editedPage, BuildRecord.fileName] {
            try fm.copyItem(at: next.appendingPathComponent(path), to: staging.appendingPathComponent(path))
        }
        try Data().write(to: staging.appendingPathComponent(OutputMerge.mergeMarker))
        try site.write("stale\n", to: "Output/stale.html")
        OutputWriter.removeDeadLeftovers(of: site.output)
        #expect(!fm.fileExists(atPath: staging.path))
        #expect(site.tree() == expected)

        // Without the marker the staging folder is a build that never finished: thrown away, Output/ kept.
        let before = site.tree()
        try fm.createDirectory(at: staging.appendingPathComponent("news/second"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: staging.appendingPathComponent(Self.editedPage))
        try fm.copyItem(
            at: next.appendingPathComponent(BuildRecord.fileName),
            to: staging.appendingPathComponent(BuildRecord.fileName))
        OutputWriter.removeDeadLeftovers(of: site.output)
        #expect(!fm.fileExists(atPath: staging.path))
        #expect(site.tree() == before)
    }

    /// The record's files read without `JSONDecoder` are those it reads; any other layout is left to it.
    @Test func recordFilesAreReadAsJSONDecoderReadsThem() throws {
        let record = BuildRecord(
            builtAt: "2026-12-01T08:00:00Z", now: "2026-11-29T12:00:00+08:00", production: false, errors: 0,
            reviewRequired: false, pendingReviews: 0, files: [:])
        let files = ["index.html": "ab12", "tags/督查督办/index.html": "cd34", "a b/c.json": "ef56"]
        let data = try RecordEntries(files).record(record)
        let read = data.withUnsafeBytes { RecordEntries.files(ofRecord: $0) }
        #expect(read == files)
        #expect(read == (try BuildRecord.decode(data)).files)
        let empty = try RecordEntries([:]).record(record)
        #expect(empty.withUnsafeBytes { RecordEntries.files(ofRecord: $0) } == [:])
        for odd in [["say \"hi\".html": "01"], ["tab\there": "02"]] {
            let data = try RecordEntries(odd).record(record)
            #expect(data.withUnsafeBytes { RecordEntries.files(ofRecord: $0) } == nil)
            #expect(try BuildRecord.decode(data).files == odd)
        }
        for broken in [#"{"files":{"a":"b""#, #"{"files":{"a""#, #"{"files":{"a":"b"x"#, "{}"] {
            #expect(Data(broken.utf8).withUnsafeBytes { RecordEntries.files(ofRecord: $0) } == nil, "\(broken)")
        }
    }
}
