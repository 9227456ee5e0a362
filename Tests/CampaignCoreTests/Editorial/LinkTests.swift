import TestSupport
import Testing

@testable import CampaignCore

@Suite struct HTMLLinkScannerTests {
    @Test func findsIdsAndLinksOfAllKinds() {
        let html = """
            <!doctype html><html><head><link rel=stylesheet href=/assets/site.1a2b.css>
            <script src="/assets/app.js">if (a < b && "<a href='/in-script/'>") {}</script>
            <STYLE>a[href="/in-style/"] {}</STYLE></head>
            <body><!-- <a href="/in-comment/"> -->
            <h2 id="sec-1">一</h2><a name='old'>x</a><div ID = 'Big'></div>
            <a class="x" href = "/news/?page=2&amp;tag=a" >n</a>
            <img src='/media/a.jpg' alt="a > b" srcset="/media/a-480.jpg 480w, /media/a-960.jpg 960w">
            <img srcset="/media/b.jpg 1x,/media/b@2x.jpg 2x"><a href="&#x2F;x/">x</a><a href="">e</a>
            </body></html>
            """
        let result = HTMLLinkScanner.scan(html)
        #expect(result.ids == ["sec-1", "old", "Big"])
        #expect(
            result.links == [
                HTMLLink(url: "/assets/site.1a2b.css", kind: .href), HTMLLink(url: "/assets/app.js", kind: .src),
                HTMLLink(url: "/news/?page=2&tag=a", kind: .href), HTMLLink(url: "/media/a.jpg", kind: .src),
                HTMLLink(url: "/media/a-480.jpg", kind: .srcset), HTMLLink(url: "/media/a-960.jpg", kind: .srcset),
                HTMLLink(url: "/media/b.jpg", kind: .srcset), HTMLLink(url: "/media/b@2x.jpg", kind: .srcset),
                HTMLLink(url: "/x/", kind: .href),
            ])
    }

    /// A page scanned with fragments found once (the header and footer of every page) gives what a scan
    /// of the whole page gives: fragments that end inside markup are never taken as found, and a fragment
    /// the scan meets inside other markup, or in pieces, is read as usual.
    @Test func splicedFragmentsScanAsTheWholePage() {
        let pieces = [
            "<a href=\"/x/\">x</a>", "<div id=\"d1\">", "text ", "<!-- c <a href=/c/> -->", "<!--", "-->",
            "<script>var a='<a href=/s/>';</script>", "<script>", "</script>",
            "<img src='/i.jpg' srcset=\"/a.jpg 1x, /b.jpg 2x\">",
            "<a name=n1>", "<", "<b", " x=\"", "\"", ">", "&amp;", "<a href=\"/q?a=1&amp;b=2\">", "<STYLE>a{}</style>",
            "</div>", "<br/>", "<p id=p1 title='<a href=/t/>'>", "<!doctype html>", "<!x",
        ]
        var rng = SplitMix64(state: 20_261_130)
        func piece() -> String { pieces[Int(rng.next() % UInt64(pieces.count))] }
        func run(_ count: Int) -> String { (0..<count).map { _ in piece() }.joined() }
        var spliced = 0
        for _ in 0..<3000 {
            let header = Array(("<header>" + run(Int(rng.next() % 5)) + "</header>").utf8)
            let footer = Array(("<footer>" + run(Int(rng.next() % 4))).utf8)
            let before = Array(run(Int(rng.next() % 4)).utf8)
            let middle = Array(run(Int(rng.next() % 4)).utf8)
            let after = Array(run(Int(rng.next() % 3)).utf8)
            let page = before + header + middle + footer + after
            var values = AttributeValueTable()
            let fragments = [header, footer].compactMap { HTMLLinkScanner.Fragment($0, values: &values) }
            spliced += fragments.count
            let whole = HTMLLinkScanner.scan(page)
            #expect(
                HTMLLinkScanner.scan(page, values: &values, fragments: fragments) == whole,
                "\(String(decoding: page, as: UTF8.self).debugDescription)")
        }
        #expect(spliced > 1000)
    }

    @Test func unterminatedMarkupDoesNotCrash() {
        for html in ["<a href=\"/x", "<a href=", "<", "<!--", "<script>", "<a", "&", "<a href='&#xFFFFFFFF;'>"] {
            _ = HTMLLinkScanner.scan(html)
        }
        #expect(HTMLLinkScanner.scan("<a href='&#xFFFFFFFF;'>").links.first?.url == "&#xFFFFFFFF;")
    }

    /// One table over many pages finds what a fresh scan of each page finds, makes each distinct value
    /// once, and keeps working when it grows and when it starts again at its limit.
    @Test(arguments: [8, 1 << 15])
    func aTableOfValuesFindsWhatAFreshScanFinds(limit: Int) {
        var rng = SplitMix64(state: 20_261_130)
        let urls = ["/", "/news/", "/tags/文明/", "/a?x=1&amp;y=2", "/a?x=1&y=2", "&#x2F;x/", "", " /sp/ ", "/文明城市/"]
        var made = 0
        var values = AttributeValueTable(limit: limit) { text in
            made += 1
            return text
        }
        var distinct: Set<String> = []
        for page in 0..<400 {
            var html = "<html><body>"
            for _ in 0..<Int(rng.next() % 12) {
                let url =
                    rng.next() % 3 == 0
                    ? "/news/\(page)-\(rng.next() % 50)/" : urls[Int(rng.next() % UInt64(urls.count))]
                html += "<a id='h\(rng.next() % 30)' href=\"\(url)\">x</a><img srcset='\(url) 1x, /m.jpg 2x'>"
            }
            let bytes = Array((html + "</body></html>").utf8)
            let fresh = HTMLLinkScanner.scan(bytes)
            let shared = HTMLLinkScanner.scan(bytes, values: &values)
            #expect(shared == fresh)
            for link in fresh.links { distinct.insert(link.url) }
            distinct.formUnion(fresh.ids)
        }
        #expect(values.count <= limit)
        if limit > 1000 {
            #expect(made == values.count)
            #expect(made <= distinct.count + 3)  // "&amp;" and "&#x2F;" forms give values met in other bytes
        } else {
            #expect(made > distinct.count)  // started again at its limit, so some were made twice
        }
    }
}

@Suite struct LinkCheckerTests {
    static let base = "https://wmcj.lanzhou.example.gov.cn"

    /// Paths with nothing to resolve take a short way; every path, random or written to trip it, resolves
    /// as segment by segment.
    @Test func theShortWayResolvesPathsAsSegmentBySegment() {
        var paths = [
            "", "/", "//", "/.", "/..", "/...", "/a", "/a/", "a", "a/", "./a", "../a", "/a/./b", "/a/../b", "/a//b",
            "/a/..", "/a/.", "/.a/b.", "/a/b/..c", "/文明/", "/\u{301}a", "/a/\u{301}/",
        ]
        var rng = SplitMix64(state: 20_261_130)
        let pieces = ["/", "a", ".", "..", "b.c", "文", "\u{301}", "-"]
        for _ in 0..<5000 {
            paths.append((0..<Int(rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
        }
        var short = 0
        for path in paths {
            #expect(LinkChecker.normalize(path) == LinkChecker.normalizeSegments(path), "\(path.debugDescription)")
            if LinkChecker.isNormal(path) { short += 1 }
        }
        #expect(short > 200)
    }
    /// Plain root-relative paths, and those whose escapes spell UTF-8 beyond ASCII (Chinese tag names),
    /// take shortcuts in `resolve`; every URL, random or written to trip them, resolves as in full, under a
    /// site at the root and under a sub-path.
    @Test func theShortcutResolvesURLsAsInFull() {
        var urls = [
            "", "/", "//", "//x/", "/a", "/a/", "/news/post-1/", "/a?b", "/a#b", "/a%20b", "/./", "/a/../b", "/a//b",
            "/文明/", "a/b", "#top", "https://x/", "/a b/", "/A/B.HTML", "/tags/%E6%96%87%E6%98%8E/",
            "/tags/%e6%96%87%e6%98%8e/", "/%E6%96/", "/%CC%81b/", "/a/%2E%2E/", "/a%2Fb/", "/%FF/", "/%zz/", "/%E6%9",
            "/%E6%96%87/../b/", "/%E6%96%87?q", "/%E6%96%87#f",
        ]
        var rng = SplitMix64(state: 20_261_201)
        let pieces = [
            "/", "a", ".", "..", "b.c", "文", "%41", "?q", "#f", "-", ":", "//", "%E6%96%87", "%e6%98%8e", "%CC%81",
            "%2E", "%E6", "%",
        ]
        for _ in 0..<5000 {
            let url = (0..<Int(rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            urls.append(rng.next() % 2 == 0 ? "/" + url : url)
        }
        var shortcuts = 0
        var escaped = 0
        for base in [LinkChecker.SiteBase(Self.base), LinkChecker.SiteBase(Self.base + "/wmcj/")] {
            for url in urls {
                let resolved = LinkChecker.resolve(url, from: "news/a/index.html", base: base)
                #expect(resolved == LinkChecker.resolveInFull(url, from: "news/a/index.html", base: base), "\(url)")
                if base.prefix.isEmpty && LinkChecker.isPlainRootPath(url) { shortcuts += 1 }
                if base.prefix.isEmpty && LinkChecker.escapedRootPath(url) != nil { escaped += 1 }
            }
        }
        #expect(shortcuts > 300)
        #expect(escaped > 100)
        #expect(LinkChecker.escapedRootPath("/tags/%E6%96%87%E6%98%8E/") == "tags/文明/")
    }

    static let files: Set<String> = [
        "index.html", "news/index.html", "news/a/index.html", "news/b/index.html", "assets/site.css",
        "media/a.jpg", "media/a-960.jpg", "tags/文明/index.html",
    ]
    static let other = PageLinks(
        outputPath: "news/b/index.html", sourceFile: "Content/news/b.md", ids: ["s2"],
        links: [])

    func check(_ url: String, kind: HTMLLink.Kind = .href, line: Int? = 7) -> [Diagnostic] {
        let page = PageLinks(
            outputPath: "news/a/index.html", sourceFile: "Content/news/a.md",
            sourceLines: line.map { [url: $0] } ?? [:], ids: ["intro"], links: [HTMLLink(url: url, kind: kind)])
        return LinkChecker.check(pages: [page, Self.other], existingFiles: Self.files, baseURL: Self.base)
    }

    @Test(arguments: [
        "/news/", "/", "/news/a/", "../b/", "../../assets/site.css", "/assets/site.css?v=3", "#intro",
        "/news/b/#s2", "../b/index.html#s2", "https://wmcj.lanzhou.example.gov.cn/news/",
        "//wmcj.lanzhou.example.gov.cn/",
        "/news", "/tags/%E6%96%87%E6%98%8E/", "#", "#top", "https://www.gov.cn/", "mailto:wmb@lanzhou.gov.cn",
        "tel:0931-8888000", "javascript:void(0)",
    ])
    func goodLinksPass(url: String) {
        #expect(check(url).isEmpty, "\(check(url))")
    }

    /// (url, kind, code, message fragment)
    static let broken: [(String, HTMLLink.Kind, String, String)] = [
        ("/news/c/", .href, "link.broken", "no file 'news/c/index.html'"),
        ("../c/", .href, "link.broken", "'news/c/index.html'"),
        ("/assets/site.cs", .href, "link.broken", "did you mean 'assets/site.css'"),
        ("/media/b.jpg", .src, "link.broken", "broken image"),
        ("/media/a-480.jpg", .srcset, "link.broken", "'media/a-480.jpg'"),
        ("#missing", .href, "link.anchor", "news/a/index.html has no element with id 'missing'"),
        ("/news/b/#s3", .href, "link.anchor", "did you mean 's2'"),
        ("https://wmcj.lanzhou.example.gov.cn/nope.html", .href, "link.broken", "'nope.html'"),
        ("../../../x", .href, "link.broken", "outside the site"),
    ]

    @Test(arguments: broken)
    func brokenLinksAreErrorsAtSourceLine(url: String, kind: HTMLLink.Kind, code: String, words: String) throws {
        let diagnostics = check(url, kind: kind)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let d = try #require(diagnostics.first)
        #expect(d.code == code)
        #expect(d.severity == .error)
        #expect(d.file == "Content/news/a.md")
        #expect(d.line == 7)
        #expect(d.message.contains(words), "\(d.message)")
    }

    @Test func sameBrokenTemplateLinkIsReportedOnce() {
        let pages = (0..<3).map {
            PageLinks(
                outputPath: "news/p\($0)/index.html", sourceFile: "Theme/templates/footer.mustache",
                ids: [], links: [HTMLLink(url: "/about/", kind: .href)])
        }
        let diagnostics = LinkChecker.check(pages: pages, existingFiles: Self.files, baseURL: Self.base)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("and on 2 other pages") == true)
    }

    @Test func basePathPrefixIsRequired() {
        let page = PageLinks(
            outputPath: "index.html", sourceFile: "t", ids: [],
            links: [HTMLLink(url: "/wmcj/news/", kind: .href), HTMLLink(url: "/news/", kind: .href)])
        let diagnostics = LinkChecker.check(
            pages: [page], existingFiles: Self.files, baseURL: "https://example.gov.cn/wmcj/")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("'/news/'") == true)
    }

    @Test func externalLinksAreListedNotChecked() {
        let page = PageLinks(
            outputPath: "index.html", sourceFile: "Content/news/a.md", ids: [],
            links: [
                HTMLLink(url: "https://www.gov.cn/", kind: .href),
                HTMLLink(url: "mailto:wmb@lanzhou.gov.cn", kind: .href),
                HTMLLink(url: "/news/", kind: .href), HTMLLink(url: "https://www.gov.cn/", kind: .href),
                HTMLLink(url: "https://wmcj.lanzhou.example.gov.cn/news/", kind: .href),
            ])
        #expect(LinkChecker.check(pages: [page], existingFiles: Self.files, baseURL: Self.base).isEmpty)
        #expect(
            LinkChecker.externalLinks(pages: [page], baseURL: Self.base) == [
                ExternalLink(url: "https://www.gov.cn/", sourceFile: "Content/news/a.md"),
                ExternalLink(url: "mailto:wmb@lanzhou.gov.cn", sourceFile: "Content/news/a.md"),
            ])
    }
}
