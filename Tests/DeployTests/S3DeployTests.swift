import CampaignCore
import Foundation
import NIOHTTP1
import TestSupport
import Testing

@testable import Deploy

/// Deploys to a real S3 server (moto_server, signatures checked) started by the test.
@Suite(.serialized) struct S3DeployTests {
    func options(_ server: MotoServer, state: URL? = nil) -> DeployOptions {
        var options = DeployOptions()
        options.credentials = server.credentials
        options.retry = RetryPolicy(attempts: 3, initialDelay: 0.05, readTimeoutSeconds: 10)
        options.concurrency = 4
        options.baseURL = "https://wmcj.example.gov.cn"
        options.stateFolder = state
        return options
    }

    @Test func firstDeployUploadsInOrderAndNoChangeDeployUploadsNothing() async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let output = try work.sub("Output")
        let state = work.url.appendingPathComponent(".campaign-deploy")
        try writeSite(output, files: sampleFiles())
        var withHook = options(server, state: state)
        let hooked = work.url.appendingPathComponent("hook-received.txt")
        withHook.afterCommand = "cp \"$1\" '\(hooked.path)'"
        let deployer = Deployer(name: "oss", target: try server.target(), options: withHook)

        let first = try await deployer.run(outputFolder: output)
        #expect(first.uploaded.count == 8)
        #expect(first.unchanged == 0)
        let phases = first.uploaded.map { PublishClass.phase(of: $0).rawValue }
        #expect(phases == phases.sorted(), "assets and media, then pages, then home, feeds and sitemap")
        #expect(Set(first.uploaded.suffix(4)) == ["atom.xml", "index.html", "led/east-gate/feed.json", "sitemap.xml"])

        let listed = try await server.list()
        #expect(Set(listed.keys) == Set(sampleFiles().keys), "the build record itself is never uploaded")
        let (page, css, feed) = try await server.withClient { client in
            (
                try await client.send(.HEAD, key: "site/news/first/index.html", what: "head"),
                try await client.send(.HEAD, key: "site/assets/style.1a2b3c4d.css", what: "head"),
                try await client.send(.HEAD, key: "site/led/east-gate/feed.json", what: "head")
            )
        }
        #expect(page.headers.first(name: "content-type") == "text/html; charset=utf-8")
        #expect(page.headers.first(name: "cache-control") == "no-cache")
        #expect(css.headers.first(name: "cache-control") == "public, max-age=31536000, immutable")
        #expect(css.headers.first(name: "x-amz-meta-sha256") == sha256(Data("body{color:#222}".utf8)))
        #expect(feed.headers.first(name: "cache-control") == "no-store")

        let second = try await deployer.run(outputFolder: output)
        #expect(second.uploaded.isEmpty)
        #expect(second.deleted.isEmpty)
        #expect(second.unchanged == 8)

        let log = try String(contentsOf: state.appendingPathComponent("log.jsonl"), encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.count == 2)
        let recordHash = sha256(try Data(contentsOf: output.appendingPathComponent(BuildRecord.fileName)))
        #expect(lines.allSatisfy { $0.contains("\"build_record_sha256\":\"\(recordHash)\"") })
        #expect(lines[0].contains("\"uploaded\":8") && lines[1].contains("\"uploaded\":0"))
        #expect(!log.contains(server.credentials.secretAccessKey))
        let purge = try String(contentsOf: state.appendingPathComponent("purge-oss.txt"), encoding: .utf8)
        #expect(try String(contentsOf: hooked, encoding: .utf8) == purge, "the --after hook got the purge list")
        #expect(purge.contains("https://wmcj.example.gov.cn/news/first/\n"))
        #expect(purge.contains("https://wmcj.example.gov.cn/\n"))
    }

    @Test func objectChangedOnTheServerIsPutBack() async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let output = try work.sub("Output")
        try writeSite(output, files: sampleFiles())
        let deployer = Deployer(name: "oss", target: try server.target(), options: options(server))
        _ = try await deployer.run(outputFolder: output)

        // Someone replaces the home page, even keeping the checksum metadata of the real one.
        let original = try #require(sampleFiles()["index.html"])
        let forged = Data("<h1>被篡改</h1>".utf8)
        let file = LocalFile(path: "index.html", sha256: sha256(original), md5: "", size: forged.count)
        try await server.withClient { try await $0.put(file, data: forged) }

        let report = try await deployer.run(outputFolder: output)
        #expect(report.uploaded == ["index.html"])
        #expect(report.unchanged == 7)
        #expect(try await server.list()["index.html"]?.etag == md5Hex(original))
    }

    @Test func dryRunChangesNothingAndThenChangesAndDeletionsApply() async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let v1 = try work.sub("v1")
        let v2 = try work.sub("v2")
        try writeSite(v1, files: sampleFiles())
        var files = sampleFiles(version: "2")
        files["news/index.html"] = nil
        try writeSite(v2, files: files)
        _ = try await Deployer(name: "oss", target: try server.target(), options: options(server)).run(outputFolder: v1)
        let before = try await server.list()

        var dry = options(server)
        dry.dryRun = true
        let plan = try await Deployer(name: "oss", target: try server.target(), options: dry).run(outputFolder: v2)
        #expect(plan.dryRun)
        #expect(plan.uploaded == ["news/first/index.html", "atom.xml", "index.html"])
        #expect(plan.deleted == ["news/index.html"])
        #expect(try await server.list() == before, "a dry run changes nothing")

        let done = try await Deployer(name: "oss", target: try server.target(), options: options(server))
            .run(outputFolder: v2)
        #expect(done.uploaded == plan.uploaded)
        #expect(done.deleted == ["news/index.html"])
        #expect(done.unchanged == 4)
        #expect(try await server.list()["news/index.html"] == nil)
    }

    @Test func deletionsBeyondTheCapAreNotDone() async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let full = try work.sub("full")
        let small = try work.sub("small")
        try writeSite(full, files: sampleFiles())
        try writeSite(small, files: ["index.html": Data("<h1>only</h1>".utf8)])
        _ = try await Deployer(name: "oss", target: try server.target(), options: options(server))
            .run(outputFolder: full)
        var capped = options(server)
        capped.maxDeletes = 3
        let report = try await Deployer(name: "oss", target: try server.target(), options: capped)
            .run(outputFolder: small)
        #expect(report.uploaded == ["index.html"])
        #expect(report.deleted.isEmpty)
        #expect(report.skippedDeletions.count == 7)
        #expect(try await server.list().count == 8, "nothing was deleted")
    }

    @Test func wrongSecretOrUnknownKeyGivesAClearMessageWithoutTheSecret() async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let output = try work.sub("Output")
        try writeSite(output, files: sampleFiles())
        for credentials in [
            Credentials(accessKeyID: server.credentials.accessKeyID, secretAccessKey: "wrong-secret-0123456789"),
            Credentials(accessKeyID: "AKIANOTAKEY000000000", secretAccessKey: "another-secret-987654321"),
        ] {
            var wrong = options(server)
            wrong.credentials = credentials
            let error = await #expect(throws: DeployError.self) {
                try await Deployer(name: "oss", target: try server.target(), options: wrong).run(outputFolder: output)
            }
            let message = error?.message ?? ""
            #expect(message.contains("check the access key"), "\(message)")
            #expect(!message.contains(credentials.secretAccessKey))
            #expect(!message.contains(credentials.accessKeyID))
        }
        #expect(try await server.list().isEmpty)
    }

    /// A fault part-way through: uploads stop, nothing is deleted, and the next run finishes
    /// without sending again what arrived.
    @Test(arguments: ["500", "drop"])
    func faultMidDeployDeletesNothingAndResumes(mode: String) async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let v1 = try work.sub("v1")
        let v2 = try work.sub("v2")
        var old = sampleFiles()
        old["old/index.html"] = Data("<p>旧页面</p>".utf8)
        try writeSite(v1, files: old)
        var files = sampleFiles(version: "2")
        for i in 0..<10 { files["news/n\(i)/index.html"] = Data("<p>新闻 \(i)</p>".utf8) }
        try writeSite(v2, files: files)
        _ = try await Deployer(name: "oss", target: try server.target(), options: options(server)).run(outputFolder: v1)

        let proxy = try server.faultProxy(mode: mode, after: 4, times: -1)
        var faulty = options(server)
        faulty.concurrency = 1
        let error = await #expect(throws: DeployError.self) {
            try await Deployer(name: "oss", target: try server.target(port: proxy), options: faulty)
                .run(outputFolder: v2)
        }
        #expect(error?.partial?.uploaded.count == 4)
        #expect(error?.message.contains("未删除任何文件") == true)
        #expect(try await server.list()["old/index.html"] != nil, "no deletion after a failed upload")
        #expect(
            try await server.list()["index.html"]?.etag == md5Hex(old["index.html"] ?? Data()),
            "the home page goes last, so it still shows the old site")

        let resumed = try await Deployer(name: "oss", target: try server.target(), options: options(server))
            .run(outputFolder: v2)
        #expect(resumed.uploaded.count == 13 - 4)
        #expect(Set(resumed.uploaded).isDisjoint(with: error?.partial?.uploaded ?? []))
        #expect(resumed.deleted == ["old/index.html"])
    }

    @Test func aPassingFaultIsRetried() async throws {
        let server = try MotoServer()
        let work = try TemporaryFolder()
        let output = try work.sub("Output")
        try writeSite(output, files: sampleFiles())
        let proxy = try server.faultProxy(mode: "500", after: 1, times: 2)
        let report = try await Deployer(name: "oss", target: try server.target(port: proxy), options: options(server))
            .run(outputFolder: output)
        #expect(report.uploaded.count == 8)
        #expect(try await server.list().count == 8)
    }
}
