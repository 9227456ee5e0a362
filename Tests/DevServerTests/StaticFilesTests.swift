import DevServer
import Foundation
import Testing

@Suite struct StaticFilesTests {
    @Test(arguments: [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/index.html", "index.html", "text/html; charset=utf-8"),
        ("/news/", "news/index.html", "text/html; charset=utf-8"),
        ("/news/?page=2", "news/index.html", "text/html; charset=utf-8"),
        ("/style.css", "style.css", "text/css; charset=utf-8"),
        ("/feed.json", "feed.json", "application/json"),
        ("/%73tyle.css", "style.css", "text/css; charset=utf-8"),
    ])
    func resolvesFilesInsideOutput(path: String, file: String, contentType: String) throws {
        let site = try TempSite()
        defer { site.remove() }
        let files = StaticFiles(root: site.output)
        let expected = StaticFiles.Resolution.file(
            site.output.appendingPathComponent(file).standardizedFileURL, contentType: contentType)
        #expect(files.resolve(path) == expected)
    }

    @Test func folderWithoutSlashRedirects() throws {
        let site = try TempSite()
        defer { site.remove() }
        #expect(StaticFiles(root: site.output).resolve("/news") == .redirect("/news/"))
    }

    @Test(arguments: [
        ("/wmcj/", "index.html"), ("/wmcj/news/", "news/index.html"), ("/wmcj/style.css", "style.css"),
        ("/%77mcj/feed.json", "feed.json"),
    ])
    func resolvesFilesUnderASitePath(path: String, file: String) throws {
        let site = try TempSite()
        defer { site.remove() }
        let resolved = StaticFiles(root: site.output).resolve(path, under: "/wmcj")
        guard case .file(let url, _) = resolved else {
            Issue.record("\(path): \(resolved)")
            return
        }
        #expect(url == site.output.appendingPathComponent(file).standardizedFileURL)
    }

    @Test(arguments: [
        ("/", StaticFiles.Resolution.siteRoot("/wmcj/")), ("/?q=1", .siteRoot("/wmcj/")),
        ("/wmcj", .redirect("/wmcj/")), ("/wmcj/news", .redirect("/wmcj/news/")), ("/news/", .notFound),
        ("/wmcjx/", .notFound), ("/style.css", .notFound), ("/wmcj/../secret.txt", .forbidden),
    ])
    func pathsOutsideTheSitePath(path: String, expected: StaticFiles.Resolution) throws {
        let site = try TempSite()
        defer { site.remove() }
        #expect(StaticFiles(root: site.output).resolve(path, under: "/wmcj") == expected)
    }

    @Test func aSiteAtTheRootIgnoresTheSitePath() throws {
        let site = try TempSite()
        defer { site.remove() }
        let files = StaticFiles(root: site.output)
        #expect(files.resolve("/news/", under: "") == files.resolve("/news/"))
        #expect(files.resolve("/news", under: "/") == .redirect("/news/"))
    }

    @Test(arguments: ["/missing.html", "/missing/", "/news/missing/"])
    func missingIsNotFound(path: String) throws {
        let site = try TempSite()
        defer { site.remove() }
        #expect(StaticFiles(root: site.output).resolve(path) == .notFound)
    }

    @Test(arguments: [
        "/../secret.txt", "/news/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/news/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt",
        "/./index.html", "/%00", "/%zz",
    ])
    func refusesPathsLeavingOutput(path: String) throws {
        let site = try TempSite()
        defer { site.remove() }
        #expect(StaticFiles(root: site.output).resolve(path) == .forbidden)
    }

    @Test func refusesSymbolicLinksLeavingOutput() throws {
        let site = try TempSite()
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent("leak.txt"),
            withDestinationURL: site.base.appendingPathComponent("secret.txt"))
        #expect(StaticFiles(root: site.output).resolve("/leak.txt") == .forbidden)
    }

    @Test func segmentsAreDecodedOnce() {
        #expect(StaticFiles.segments(of: "/news/%E6%96%B0%E9%97%BB/") == ["news", "新闻"])
        #expect(StaticFiles.segments(of: "/%252e%252e/") == ["%2e%2e"])
        #expect(StaticFiles.segments(of: "/a/../b") == nil)
    }

    @Test(arguments: [
        ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
        ("a.js", "text/javascript; charset=utf-8"), ("a.json", "application/json"), ("sitemap.xml", "application/xml"),
        ("a.PNG", "image/png"), ("a.jpg", "image/jpeg"), ("a.webp", "image/webp"), ("a.svg", "image/svg+xml"),
        ("robots.txt", "text/plain; charset=utf-8"), ("feed.bin", "application/octet-stream"),
        ("Makefile", "application/octet-stream"),
    ])
    func contentTypes(name: String, type: String) {
        #expect(MediaTypes.contentType(forPath: "/x/" + name) == type)
    }
}
