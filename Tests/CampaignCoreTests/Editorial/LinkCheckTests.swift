import Foundation
import TestSupport
import Testing

@testable import CampaignCore

/// The link check `campaign serve` keeps between builds reports exactly what a check of the whole
/// site reports, after any change of pages, files and anchors.
@Suite struct LinkCheckTests {
    static let base = "https://wmcj.lanzhou.example.gov.cn"

    /// A small site whose pages link to each other, to files that may or may not be written, and to
    /// anchors that may or may not exist.
    struct Site {
        var files: Set<String> = ["index.html", "assets/site.css", "media/a.jpg"]
        var pages: [PageLinks] = []
        var setAside: [String] = []

        static let urls = [
            "/", "/news/", "/news/n1/", "/news/n2/#s1", "/news/n3/#s2", "../n4/", "/news/n5", "/assets/site.css",
            "/assets/site.cs", "/media/a.jpg", "/media/b.jpg", "#s1", "#top", "/progress/", "/led/x/",
            "https://wmcj.lanzhou.example.gov.cn/news/n6/#s3", "https://www.gov.cn/", "../../../x",
            "/news/n7/index.html#s1", "./", "/tags/%E6%96%87%E6%98%8E/",
        ]
        static let ids = ["s1", "s2", "s3", "intro"]

        static func page(_ n: Int, using rng: inout SplitMix64) -> PageLinks {
            let links = (0..<Int(rng.next() % 6)).map { _ in
                HTMLLink(url: urls.randomElement(using: &rng)!, kind: rng.next() % 4 == 0 ? .src : .href)
            }
            let ids = Set(Self.ids.filter { _ in rng.next() % 2 == 0 })
            let fromContent = rng.next() % 2 == 0
            let lines = fromContent ? Dictionary(links.map { ($0.url, 3) }, uniquingKeysWith: { a, _ in a }) : [:]
            return PageLinks(
                outputPath: "news/n\(n)/index.html",
                sourceFile: fromContent ? "Content/news/n\(n).md" : "Theme/templates/news-article.mustache",
                sourceLines: lines, ids: ids, links: links)
        }

        mutating func change(using rng: inout SplitMix64) -> String {
            let n = Int(rng.next() % 9)
            let path = "news/n\(n)/index.html"
            switch rng.next() % 7 {
            case 0:
                pages.removeAll { $0.outputPath == path }
                pages.append(Self.page(n, using: &rng))
                files.insert(path)
                return "page n\(n) written"
            case 1:
                pages.removeAll { $0.outputPath == path }
                files.remove(path)
                return "page n\(n) removed"
            case 2:
                guard let at = pages.indices.randomElement(using: &rng) else { return "nothing" }
                pages[at].ids = Set(Self.ids.filter { _ in rng.next() % 2 == 0 })
                return "anchors of \(pages[at].outputPath)"
            case 3:
                let file = ["news/index.html", "news/n5", "media/b.jpg", "assets/site.css", "index.html"].randomElement(
                    using: &rng)!
                if files.remove(file) == nil { files.insert(file) }
                return "file \(file)"
            case 4:
                setAside = [["progress", "led"], ["led"], []].randomElement(using: &rng)!
                return "set aside \(setAside)"
            case 5:
                pages.shuffle(using: &rng)
                return "page order"
            default:
                guard let at = pages.indices.randomElement(using: &rng) else { return "nothing" }
                pages[at].links.append(HTMLLink(url: Self.urls.randomElement(using: &rng)!, kind: .href))
                return "link added to \(pages[at].outputPath)"
            }
        }
    }

    @Test func aKeptCheckReportsWhatAFullCheckReports() {
        let seed = UInt64(ProcessInfo.processInfo.environment["CAMPAIGN_EDIT_SEED"] ?? "") ?? 20_261_201
        var rng = SplitMix64(state: seed)
        var site = Site()
        for n in 0..<6 {
            site.pages.append(Site.page(n, using: &rng))
            site.files.insert("news/n\(n)/index.html")
        }
        var kept = LinkCheck(baseURL: Self.base)
        var history: [String] = []
        var reused = 0
        var findings = 0
        for _ in 0..<400 {
            history.append(site.change(using: &rng))
            let served = kept.check(pages: site.pages, existingFiles: site.files, setAside: site.setAside)
            var fresh = LinkCheck(baseURL: Self.base, remembers: false)
            let full = fresh.check(pages: site.pages, existingFiles: site.files, setAside: site.setAside)
            #expect(served.diagnostics == full.diagnostics, "seed \(seed), after \(history.suffix(5))")
            #expect(served.setAside == full.setAside, "seed \(seed), after \(history.suffix(5))")
            reused += kept.reusedPages
            findings += full.diagnostics.count
        }
        // The check did reuse pages, and the sites had broken links to find.
        #expect(reused > 400)
        #expect(findings > 400)
    }

    @Test func aCheckOnSeveralThreadsReportsWhatOneThreadReports() {
        var rng = SplitMix64(state: 20_261_130)
        var site = Site()
        // Enough pages for many chunks, linking to each other's numbers beyond the site as well.
        for n in 0..<(LinkCheck.pagesPerChunk * 9 + 5) {
            site.pages.append(Site.page(n % 40, using: &rng))
            site.pages[n].outputPath = "news/n\(n)/index.html"
            site.files.insert(site.pages[n].outputPath)
        }
        for setAside in [[], ["progress", "led"]] {
            var serial = LinkCheck(baseURL: Self.base, remembers: false)
            var parallel = LinkCheck(baseURL: Self.base, remembers: false)
            let one = serial.check(pages: site.pages, existingFiles: site.files, setAside: setAside, jobs: 1)
            let many = parallel.check(pages: site.pages, existingFiles: site.files, setAside: setAside, jobs: 4)
            #expect(many.diagnostics == one.diagnostics)
            #expect(many.setAside == one.setAside)
            #expect(one.diagnostics.count > 3)
            #expect(setAside.isEmpty ? one.setAside.isEmpty : one.setAside.count > 3)
        }
    }

    @Test func anUnchangedSiteIsNotCheckedAgain() {
        let pages = (0..<3).map {
            PageLinks(
                outputPath: "news/p\($0)/index.html", sourceFile: "Content/news/p\($0).md", ids: ["s"],
                links: [HTMLLink(url: "/news/p\(($0 + 1) % 3)/#s", kind: .href)])
        }
        let files = Set(pages.map(\.outputPath))
        var check = LinkCheck(baseURL: Self.base)
        #expect(check.check(pages: pages, existingFiles: files).diagnostics.isEmpty)
        #expect(check.reusedPages == 0)
        #expect(check.check(pages: pages, existingFiles: files).diagnostics.isEmpty)
        #expect(check.reusedPages == 3)
    }

    @Test func aLinkBrokenByARemovedFileAndRepairedByANewOne() {
        let linking = PageLinks(
            outputPath: "news/a/index.html", sourceFile: "Content/news/a.md", sourceLines: ["/news/b/#s2": 9],
            ids: [], links: [HTMLLink(url: "/news/b/#s2", kind: .href)])
        let target = PageLinks(outputPath: "news/b/index.html", sourceFile: "t", ids: ["s2"], links: [])
        var check = LinkCheck(baseURL: Self.base)
        let files: Set<String> = ["news/a/index.html", "news/b/index.html"]
        #expect(check.check(pages: [linking, target], existingFiles: files).diagnostics.isEmpty)
        // The target page is gone: the link breaks, though its own page did not change.
        let broken = check.check(pages: [linking], existingFiles: ["news/a/index.html"]).diagnostics
        #expect(broken.map(\.code) == ["link.broken"])
        #expect(broken.first?.line == 9)
        // Back, without the anchor.
        var renamed = target
        renamed.ids = ["s3"]
        let anchor = check.check(pages: [linking, renamed], existingFiles: files).diagnostics
        #expect(anchor.map(\.code) == ["link.anchor"])
        #expect(anchor.first?.message.contains("did you mean 's3'") == true)
        #expect(check.check(pages: [linking, target], existingFiles: files).diagnostics.isEmpty)
    }
}
