import Foundation
import Testing

@testable import Deploy

@Suite struct DeployPlanTests {
    func file(_ path: String, _ content: String) -> LocalFile {
        let data = Data(content.utf8)
        return LocalFile(path: path, sha256: sha256(data), md5: md5Hex(data), size: data.count)
    }

    @Test func newChangedUnchangedAndDeletedInOrder() {
        let local = [
            file("index.html", "home"), file("news/a/index.html", "a2"), file("assets/site.0123abcd.css", "css"),
            file("media/p.webp", "img"), file("sitemap.xml", "map"), file("news/b/index.html", "b"),
        ]
        let remote: [String: RemoteObject] = [
            "index.html": RemoteObject(path: "index.html", etag: md5Hex(Data("home".utf8)), size: 4),
            "news/a/index.html": RemoteObject(path: "news/a/index.html", etag: md5Hex(Data("a1".utf8)), size: 2),
            "old/index.html": RemoteObject(path: "old/index.html", etag: md5Hex(Data("x".utf8)), size: 1),
        ]
        let plan = DeployPlan(local: local, remote: remote)
        #expect(
            plan.uploads.map(\.file.path) == [
                "assets/site.0123abcd.css", "media/p.webp", "news/a/index.html", "news/b/index.html", "sitemap.xml",
            ])
        #expect(plan.uploads.first { $0.file.path == "news/a/index.html" }?.reason == .changed)
        #expect(plan.uploads.first { $0.file.path == "news/b/index.html" }?.reason == .new)
        #expect(plan.deletions == ["old/index.html"])
        #expect(plan.unchanged == 1)
    }

    @Test func nothingChangedMeansNothingToDo() {
        let local = [file("index.html", "home"), file("atom.xml", "feed")]
        let remote = Dictionary(
            uniqueKeysWithValues: local.map { ($0.path, RemoteObject(path: $0.path, etag: $0.md5, size: $0.size)) })
        let plan = DeployPlan(local: local, remote: remote)
        #expect(plan.uploads.isEmpty && plan.deletions.isEmpty && plan.unchanged == 2)
    }

    @Test func etagThatIsNotAnMD5IsComparedThroughTheStoredSHA256() {
        let page = file("index.html", "home")
        var remote = ["index.html": RemoteObject(path: "index.html", etag: "abc123-2", size: page.size)]
        #expect(DeployPlan.pathsNeedingChecksum(local: [page], remote: remote) == ["index.html"])
        remote["index.html"]?.sha256 = page.sha256
        #expect(DeployPlan(local: [page], remote: remote).unchanged == 1)
        remote["index.html"]?.sha256 = ""
        #expect(DeployPlan(local: [page], remote: remote).uploads.map(\.reason) == [.changed])
    }

    @Test func sameMD5ButDifferentSizeIsChanged() {
        let page = file("index.html", "home")
        let remote = ["index.html": RemoteObject(path: "index.html", etag: page.md5, size: 99)]
        #expect(DeployPlan(local: [page], remote: remote).uploads.count == 1)
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8", "no-cache", PublishClass.Phase.entryPoints),
        ("news/a/index.html", "text/html; charset=utf-8", "no-cache", .pages),
        ("assets/site.0123abcd.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable", .assetsAndMedia),
        ("assets/app.js", "text/javascript; charset=utf-8", "no-cache", .assetsAndMedia),
        ("media/exposures/x/p-640.webp", "image/webp", "no-cache", .assetsAndMedia),
        ("atom.xml", "application/atom+xml; charset=utf-8", "no-cache", .entryPoints),
        ("sitemap.xml", "application/xml; charset=utf-8", "no-cache", .entryPoints),
        ("progress/progress.json", "application/json; charset=utf-8", "no-cache", .entryPoints),
        ("led/gate/feed.json", "application/json; charset=utf-8", "no-store", .entryPoints),
        ("led/gate/news.txt", "text/plain", "no-store", .entryPoints),
        ("led/gate/page-001.png", "image/png", "no-store", .assetsAndMedia),
        ("led/index.html", "text/html; charset=utf-8", "no-cache", .pages),
        ("robots.txt", "text/plain; charset=utf-8", "no-cache", .entryPoints),
    ])
    func classOfAFile(path: String, type: String, cache: String, phase: PublishClass.Phase) {
        #expect(PublishClass.contentType(of: path) == type)
        #expect(PublishClass.cacheControl(of: path) == cache)
        #expect(PublishClass.phase(of: path) == phase)
    }

    @Test func purgeURLsNameDirectoriesToo() {
        #expect(
            Deployer.purgeURLs(["index.html", "news/a/index.html", "atom.xml"], baseURL: "https://w.example.cn/")
                == [
                    "https://w.example.cn/index.html", "https://w.example.cn/",
                    "https://w.example.cn/news/a/index.html",
                    "https://w.example.cn/news/a/", "https://w.example.cn/atom.xml",
                ])
    }
}
