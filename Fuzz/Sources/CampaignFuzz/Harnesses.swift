import CFuzzerDriver
import CampaignCore
import Foundation
import LEDFeed
import Markdown
import Mustache
import ThemeTemplates

/// The parsers fed with fuzzed bytes, one per `FUZZ_TARGET` (see `make fuzz`). Each must return for every
/// input: a crash, a trap or a hang is a finding. Crashers found are kept as regression tests in the
/// test targets (docs/safety.md).
enum Harness: String, CaseIterable {
    case frontMatter = "front-matter"
    case csv
    case xlsx
    case markdown
    case ledLayout = "led-layout"
    case ledEncoder = "led-encoder"
    case privacy
    case template
    case html

    /// The harness this run fuzzes, set once by `main` before the driver starts.
    nonisolated(unsafe) static var selected: Harness = .frontMatter

    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .gmt

    static let site = SiteConfig(
        title: "测试", baseURL: "https://example.gov.cn", timeZone: shanghai,
        campaign: .init(name: "测评", inspectionDate: ContentDate.parse("2027-01-10", timeZone: shanghai)),
        organization: .init(sponsor: "s", organizer: nil, contact: "c"),
        registration: .init(icp: "i", police: "p", siteIDCode: "6201000012"),
        districts: [.init(name: "城关区", slug: "chengguan")],
        categories: [.init(name: "乱停乱放", slug: "parking")],
        units: [.init(name: "市文明办", slug: "civilization-office"), .init(name: "市城管委", slug: "urban")])

    static let now =
        ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: shanghai) ?? Date(timeIntervalSince1970: 0)

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .frontMatter:
            _ = NewsItem.parse(text, file: "news/a.md", fileName: "2026-11-01-a.md", site: Self.site)
            _ = PageItem.parse(text, file: "pages/a.md", fileName: "a.md", site: Self.site)
            if let frontMatter = FrontMatter.split(text, file: "x/index.md", code: "exposure").0 {
                _ = ExposureNotice.parse(
                    frontMatter: frontMatter, file: "x/index.md", bundle: "x", site: Self.site,
                    filesInBundle: ["a.jpg"])
            }
            _ = SiteConfig.parse(text, file: "site.yml")
            _ = LEDContent.parse(screens: text, messages: text, timeZone: Self.shanghai)
        case .csv:
            let (decoded, _) = TableText.decode(Data(bytes), file: "t.csv", code: "progress")
            let table = CSVTable.parse(decoded ?? text, file: "t.csv")
            Self.loadTables(table)
        case .xlsx:
            let table = XLSXTable.parse(
                Data(bytes), file: "t.xlsx", code: "progress", dateColumns: ProgressData.dateColumns["ledger"] ?? [])
            Self.loadTables(table)
        case .markdown:
            let document = MarkdownRenderer.render(text)
            _ = TextMetrics.summary(of: document.plainText, limit: 60)
            _ = TextMetrics.readingLength(of: document.plainText)
        case .ledLayout:
            // The first bytes pick the geometry, the rest is the message.
            guard bytes.count >= 3 else { return }
            let fonts = [12, 16, 24, 32]
            let settings = LayoutSettings(
                width: Int(bytes[0]) * 2, height: Int(bytes[1]), font: fonts[Int(bytes[2]) % fonts.count],
                lineGap: Int(bytes[2] >> 4), kinsoku: KinsokuLevel.allCases[Int(bytes[2] >> 2) % 4],
                mode: LEDMode.allCases[Int(bytes[2] >> 5) % LEDMode.allCases.count])
            let message = String(decoding: UnsafeBufferPointer(rebasing: bytes[3...]), as: UTF8.self)
            _ = LineLayout.pages(message, settings: settings)
        case .ledEncoder:
            for charset in LEDCharset.allCases {
                let encoded = LEDEncoder.encode(text, as: charset)
                _ = LEDEncoder.decode(encoded, as: charset)
                _ = LEDEncoder.unencodable(in: text, charset: charset)
                _ = LEDEncoder.decode(Array(bytes), as: charset)
            }
        case .privacy:
            _ = PrivacyScanner.mask(text)
        case .template:
            Self.template(text)
        case .html:
            Self.html(Array(bytes))
        }
    }

    /// The link scan of a rendered page, which Markdown's raw HTML and the theme's markup reach, read as the
    /// build reads it: whole, and with its first third taken as a header scanned once (`Fragment`), which must
    /// find the same links and anchors. Then the link check resolves what was found, under a sub-path.
    static func html(_ page: [UInt8]) {
        var values = AttributeValueTable()
        let whole = HTMLLinkScanner.scan(page, values: &values)
        if let header = HTMLLinkScanner.Fragment(Array(page[..<(page.count / 3)]), values: &values) {
            let split = HTMLLinkScanner.scan(page, values: &values, fragments: [header])
            precondition(split == whole, "a page scanned with its header as a fragment found other links")
        }
        let links = PageLinks(outputPath: "news/a/index.html", sourceFile: "news/a.md", scanned: whole)
        _ = LinkChecker.check(
            pages: [links], existingFiles: ["index.html", "news/a/index.html", "news/index.html"],
            baseURL: "https://example.gov.cn/wmcj/")
        _ = LinkChecker.externalLinks(pages: [links], baseURL: "https://example.gov.cn/wmcj/")
    }

    static func loadTables(_ table: CSVTable) {
        _ = Indicator.load(table, site: site)
        let (ledger, _) = LedgerProblem.load(table, site: site)
        let (daily, _) = DailySummary.load(table, site: site)
        _ = ProgressReport.make(indicators: [], ledger: ledger, daily: daily, site: site, now: now)
    }

    /// Loads the input as a template `t` beside a partial `p` that includes `t`. ThemeTemplates parses
    /// and renders it whatever it holds: recursion, however it comes about, must end by the renderer's
    /// own limits.
    ///
    /// swift-mustache, which the product does not use, is the oracle for the include check: it renders a
    /// theme the way the Mustache spec reads it, and recurses until the stack overflows on an include
    /// cycle. It renders only a theme the product would accept (ThemeTemplates parses it, the include
    /// check finds nothing), so a crash here means the check missed a cycle. A theme the product rejects
    /// is not given to it: on a malformed one (an unclosed `{{<s}}` holding a block, seed
    /// `crash-unclosed-parent-in-swift-mustache.mustache`) swift-mustache recurses on its own.
    static func template(_ text: String) {
        let templates = ["t": text, "p": "<p>{{>t}}</p>", "base": "<main>{{$main}}{{/main}}</main>"]
        guard var themeLibrary = try? TemplateLibrary(sources: templates) else { return }
        // Lower bounds than a build's, so that every input stays well under the fuzzer's time limit.
        themeLibrary.limits.steps = 1_000_000
        themeLibrary.limits.outputBytes = 8 << 20
        var output: [UInt8] = []
        _ = themeLibrary.render("p", .object(TemplateFuzzContext()), into: &output) { _ in }
        guard TemplateIncludes(templates: templates).problems(file: { "\($0).mustache" }).isEmpty,
            let parsed = try? MustacheTemplate(string: text)
        else { return }
        var library = MustacheLibrary()
        library.register(parsed, named: "t")
        if let partial = try? MustacheTemplate(string: templates["p"] ?? "") { library.register(partial, named: "p") }
        if let base = try? MustacheTemplate(string: templates["base"] ?? "") { library.register(base, named: "base") }
        let context: [String: Any] = [
            "title": "标题", "items": [["name": "a"], ["name": "b"]], "flag": true, "html": "<b>x</b>",
        ]
        _ = library.render(context, withTemplate: "p")
    }
}

/// What the template harness renders with through ThemeTemplates: a value of each kind, as a typed
/// model answers them.
struct TemplateFuzzContext: TemplateObject {
    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "title": .text("标题 <b>&'\"")
        case "items": .list([.object(["name": .text("a")]), .object(["name": .text("b"), "flag": .bool(false)])])
        case "flag": .bool(true)
        case "html": .text("<b>x</b>")
        case "count": .number(-3)
        case "ratio": .decimal(0.5)
        case "none": .null
        default: nil
        }
    }
}

/// libFuzzer's archive also wants the classic entry point; it runs the same harness.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    Harness.selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
