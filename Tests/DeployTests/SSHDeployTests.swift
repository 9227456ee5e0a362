import CampaignCore
import Foundation
import TestSupport
import Testing

@testable import Deploy

#if canImport(Glibc)
    import Glibc
#endif

/// Deploys over a real sshd with rsync, served by a real nginx, both started by the test.
@Suite(.serialized) struct SSHDeployTests {
    func deployer(_ server: WebServer, dryRun: Bool = false, maxDeletes: Int = 100) throws -> Deployer {
        var options = DeployOptions()
        options.sshOptions = server.sshOptions
        options.dryRun = dryRun
        options.maxDeletes = maxDeletes
        return Deployer(name: "server", target: try server.target(), options: options)
    }

    @Test func releasesSwitchAtomicallyAndRollBack() async throws {
        let server = try WebServer()
        let work = try TemporaryFolder()
        let v1 = try work.sub("v1")
        let v2 = try work.sub("v2")
        try writeSite(v1, files: sampleFiles())
        var files = sampleFiles(version: "2")
        files["news/index.html"] = nil
        try writeSite(v2, files: files)
        // v2 as a build into an empty folder makes it: every file new, an hour after v1's.
        let later = Date().addingTimeInterval(3600)
        for path in files.keys {
            try FileManager.default.setAttributes(
                [.modificationDate: later], ofItemAtPath: v2.appendingPathComponent(path).path)
        }

        let first = try await deployer(server).run(outputFolder: v1)
        #expect(first.uploaded.count == 8)
        let release1 = try #require(first.release)
        #expect(server.currentRelease == release1)
        #expect(try server.fetch("")?.contains("文明城市 1") == true)
        #expect(
            !FileManager.default.fileExists(
                atPath: server.root.appendingPathComponent("current/\(BuildRecord.fileName)").path),
            "the build record is never uploaded")

        let dry = try await deployer(server, dryRun: true).run(outputFolder: v2)
        #expect(Set(dry.uploaded) == ["news/first/index.html", "index.html", "atom.xml"])
        #expect(dry.deleted == ["news/index.html"])
        #expect(server.releases == [release1], "a dry run changes nothing")

        let second = try await deployer(server).run(outputFolder: v2)
        #expect(Set(second.uploaded) == Set(dry.uploaded))
        #expect(second.deleted == ["news/index.html"])
        #expect(second.unchanged == 4)
        let release2 = try #require(second.release)
        #expect(server.currentRelease == release2)
        #expect(try server.fetch("")?.contains("文明城市 2") == true)
        #expect(try server.fetch("news/") == nil)
        // Unchanged files are hard links to the previous release, not copies, whatever their times.
        let css = "assets/style.1a2b3c4d.css"
        let inode1 = try FileManager.default.attributesOfItem(
            atPath: server.root.appendingPathComponent("releases/\(release1)/\(css)").path)[.systemFileNumber]
        let inode2 = try FileManager.default.attributesOfItem(
            atPath: server.root.appendingPathComponent("releases/\(release2)/\(css)").path)[.systemFileNumber]
        #expect(inode1 as? Int == inode2 as? Int)

        let unchanged = try await deployer(server).run(outputFolder: v2)
        #expect(unchanged.uploaded.isEmpty && unchanged.deleted.isEmpty && unchanged.unchanged == 7)
        #expect(unchanged.release == release2 && server.releases.count == 2, "nothing changed, no new release")

        let back = try await deployer(server).rollback()
        #expect(back.release == release1)
        #expect(server.currentRelease == release1)
        #expect(try server.fetch("")?.contains("文明城市 1") == true)
    }

    @Test func chromiumLoadsTheDeployedSiteThroughNginx() async throws {
        let server = try WebServer()
        let work = try TemporaryFolder()
        let site = try work.sub("site")
        var files = sampleFiles()
        files["index.html"] = Data(
            """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>首页</title>
            <link rel="stylesheet" href="/assets/style.1a2b3c4d.css"></head>
            <body><h1 id="t">文明城市</h1><script>document.getElementById('t').textContent +=
            ' ' + getComputedStyle(document.body).color;</script></body></html>
            """.utf8)
        try writeSite(site, files: files)
        _ = try await deployer(server).run(outputFolder: site)
        let profile = try work.sub("chromium-profile")
        let dom = try runTool([
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(profile.path)", "--dump-dom", "http://127.0.0.1:\(server.httpPort)/",
        ])
        // The script ran and the stylesheet (an asset uploaded before the page) applied.
        #expect(dom.contains("文明城市 rgb(34, 34, 34)"), "\(dom)")
    }

    @Test func onlyTheLastFiveReleasesAreKept() async throws {
        let server = try WebServer()
        let work = try TemporaryFolder()
        try FileManager.default.createDirectory(
            at: server.root.appendingPathComponent("releases/keep-me"), withIntermediateDirectories: true)
        var last: String?
        for version in 1...7 {
            let site = try work.sub("v\(version)")
            try writeSite(site, files: sampleFiles(version: "\(version)"))
            last = try await deployer(server).run(outputFolder: site).release
        }
        let releases = server.releases.filter { $0 != "keep-me" }
        #expect(releases.count == 5)
        #expect(releases.last == last && server.currentRelease == last)
        #expect(server.releases.contains("keep-me"), "folders the deploy did not make are left alone")
    }

    @Test func tooManyDeletionsChangeNothing() async throws {
        let server = try WebServer()
        let work = try TemporaryFolder()
        let full = try work.sub("full")
        let small = try work.sub("small")
        try writeSite(full, files: sampleFiles())
        try writeSite(small, files: ["index.html": Data("<h1>only</h1>".utf8)])
        let first = try await deployer(server).run(outputFolder: full)
        await #expect(throws: DeployError.self) {
            _ = try await deployer(server, maxDeletes: 3).run(outputFolder: small)
        }
        #expect(server.currentRelease == first.release)
        #expect(server.releases.count == 1)
    }

    /// A full disk on the server: the upload fails, the half-written release is removed, and the
    /// old release keeps serving.
    @Test func fullDiskLeavesTheOldReleaseServing() async throws {
        let server = try WebServer()
        let work = try TemporaryFolder()
        let v1 = try work.sub("v1")
        let v2 = try work.sub("v2")
        try writeSite(v1, files: sampleFiles())
        var files = sampleFiles(version: "2")
        files["media/video/big.mp4"] = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        try writeSite(v2, files: files)

        var mounted = false
        if getuid() == 0 {
            // A 1 MiB file system under PATH: the first site fits, the 3 MiB video does not.
            mounted = (try? runTool(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", server.root.path])) != nil
        }
        defer { if mounted { _ = try? runTool(["umount", server.root.path]) } }
        let first = try await deployer(server).run(outputFolder: v1)
        if !mounted {
            // Without the right to mount, a releases folder that refuses writes stands in.
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o555], ofItemAtPath: server.root.appendingPathComponent("releases").path)
        }
        let error = await #expect(throws: DeployError.self) {
            _ = try await deployer(server).run(outputFolder: v2)
        }
        if mounted { #expect(error?.message.contains("磁盘已满") == true, "\(error?.message ?? "")") }
        #expect(error?.message.contains("网站仍在使用原来的版本") == true)
        #expect(server.currentRelease == first.release)
        #expect(server.releases == [first.release].compactMap { $0 }, "the half-written release is removed")
        #expect(try server.fetch("")?.contains("文明城市 1") == true)
        if !mounted {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: server.root.appendingPathComponent("releases").path)
        }
    }
}
