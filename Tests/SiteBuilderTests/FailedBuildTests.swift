import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// Each broken content file fails the build with a located diagnostic and leaves Output/ as it was.
@Suite struct FailedBuildTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var code: String
        var line: Int
        var column: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "broken YAML", text: "---\ntitle: \"unclosed\ndate: 2026-11-01\n---\nbody\n", code: "news.yaml",
            line: 4, column: 1),
        Case(name: "missing title", text: "---\ndate: 2026-11-01\n---\nbody\n", code: "news.title", line: 2, column: 1),
        Case(
            name: "bad date", text: "---\ntitle: 标题\ndate: 2026-02-30\n---\nbody\n", code: "news.date", line: 3,
            column: 7),
        Case(
            name: "slug with a path", text: "---\ntitle: 标题\ndate: 2026-11-01\nslug: ../../etc\n---\nbody\n",
            code: "news.slug", line: 4, column: 7),
        Case(name: "no front matter", text: "title: 标题\n", code: "news.front-matter", line: 1, column: 1),
    ]

    @Test(arguments: cases)
    func brokenFileFailsAndKeepsPreviousOutput(_ broken: Case) async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let first = await site.build()
        #expect(first.errorCount == 0)
        let before = site.tree()
        try site.write(broken.text, to: "Content/news/2026-11-09-broken.md")
        let report = await site.build()
        let diagnostic = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(diagnostic.file == "Content/news/2026-11-09-broken.md")
        #expect(diagnostic.code == broken.code)
        #expect(diagnostic.line == broken.line)
        #expect(diagnostic.column == broken.column)
        #expect(!report.published)
        #expect(site.tree() == before, "Output/ changed after a failed build")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter {
            $0.contains("staging")
        }
        #expect(leftovers.isEmpty)
    }

    /// A home template whose sections nest over the latest news: 24 levels over three items would write 3²⁴
    /// copies of its text. The render stops at its output limit and the build fails naming the template.
    @Test(.timeLimit(.minutes(2)))
    func aTemplateThatWouldFillTheMemoryFailsTheBuild() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        #expect(await site.build().errorCount == 0)
        let before = site.tree()
        let depth = 24
        try site.write(
            "{{<base}}{{$main}}{{#home}}" + String(repeating: "{{#latest_news}}", count: depth)
                + String(repeating: "新闻", count: 500) + String(repeating: "{{/latest_news}}", count: depth)
                + "{{/home}}{{/main}}{{/base}}",
            to: "Theme/templates/home.mustache")
        let report = await site.build()
        let error = try #require(report.diagnostics.first { $0.code == "theme.render-limit" })
        #expect(error.severity == .error)
        #expect(error.file == "Theme/templates/home.mustache")
        #expect(error.message.contains("64 MB"))
        #expect(!report.published)
        #expect(site.tree() == before, "Output/ changed after a failed build")
    }

    @Test func allProblemsAreReportedTogether() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("---\ndate: 2026-11-01\n---\n", to: "Content/news/a.md")
        try site.write("---\ntitle: x\ndate: nope\n---\n", to: "Content/news/b.md")
        let report = await site.build()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.map(\.file)) == ["Content/news/a.md", "Content/news/b.md"])
    }

    @Test func notUTF8IsADiagnosticNotACrash() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let gbk: [UInt8] =
            Array("---\ntitle: ".utf8) + [0xCE, 0xC4, 0xC3, 0xF7] + Array("\ndate: 2026-11-01\n---\n".utf8)
        try Data(gbk).write(to: site.content.appendingPathComponent("news/gbk.md"))
        let report = await site.build()
        #expect(report.diagnostics.contains { $0.code == "news.encoding" && $0.line == 2 })
    }

    @Test func duplicateSlugsAreAnError() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("---\ntitle: 重复\ndate: 2026-11-06\n---\n", to: "Content/news/2026-11-06-first.md")
        let report = await site.build()
        #expect(report.diagnostics.contains { $0.code == "news.slug-duplicate" })
    }

    @Test func unknownFieldIsAWarningOnly() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try site.write("---\ntitle: 标题\ndate: 2026-11-06\ntitel: 错字\n---\n", to: "Content/news/2026-11-06-x.md")
        let report = await site.build()
        #expect(report.errorCount == 0)
        let warning = try #require(report.diagnostics.first { $0.code == "news.unknown-field" })
        #expect(warning.line == 4)
        #expect(warning.message.contains("did you mean 'title'"))
    }

    @Test func missingContentFolderIsOneClearError() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.content)
        let report = await site.build()
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.code == "content.missing")
    }
}

@Suite struct OutputWriterTests {
    @Test func removeTreeDeletesNestedFoldersButNotWhatALinkPointsTo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("remove-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("keep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outside) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("a/b/c"), withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        for path in ["top.html", "a/x.html", "a/b/y.html", "a/b/c/z.html"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(path))
        }
        try fm.createSymbolicLink(at: root.appendingPathComponent("a/link"), withDestinationURL: outside)
        OutputWriter.removeTree(root.path)
        #expect(!fm.fileExists(atPath: root.path))
        #expect(fm.fileExists(atPath: outside.appendingPathComponent("keep.txt").path))
    }

    @Test func removeTreeOnSeveralThreadsDeletesEverythingButWhatLinksPointTo() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("remove-\(UUID().uuidString)")
        let outside = fm.temporaryDirectory.appendingPathComponent("keep-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: outside) }
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        // Enough folders two levels down to be shared among threads, links at both levels.
        for top in 0..<4 {
            for page in 0..<40 {
                let folder = root.appendingPathComponent("s\(top)/p\(page)/deeper")
                try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data("x".utf8).write(to: folder.appendingPathComponent("index.html"))
            }
            try Data("x".utf8).write(to: root.appendingPathComponent("s\(top)/index.html"))
            try fm.createSymbolicLink(at: root.appendingPathComponent("s\(top)/link"), withDestinationURL: outside)
        }
        try fm.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: outside)
        OutputWriter.removeTree(root.path, jobs: 4)
        #expect(!fm.fileExists(atPath: root.path))
        #expect(try fm.contentsOfDirectory(atPath: outside.path) == ["keep.txt"])
    }
}
