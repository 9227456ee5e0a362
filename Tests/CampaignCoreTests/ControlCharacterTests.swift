import Foundation
import TestSupport
import Testing

@testable import CampaignCore

/// BEL, ESC, NUL and the other C0 controls (except tab and newline) and DEL never reach HTML, XML, JSON or
/// an LED text file: each is an error on its line.
@Suite struct ControlCharacterTests {
    @Test func findsTheFirstRefusedCharacterWithLineAndColumn() throws {
        #expect(ControlCharacters.first(in: "正常\t文字\n第二行\r\n") == nil)
        let finding = try #require(ControlCharacters.first(in: "一\n二三\u{1B}[31m"))
        #expect(finding.line == 2)
        #expect(finding.column == 3)
        #expect(finding.name == "U+001B (ESC)")
        #expect(ControlCharacters.first(in: "a\u{7F}")?.name == "U+007F (DEL)")
        #expect(ControlCharacters.first(in: "a\rb")?.name == "U+000D (CR)")
    }

    /// YAML escapes in double quotes are how such bytes get into a title.
    /// Texts scanned sixteen bytes at a time agree with a scalar-by-scalar reading, wherever the control
    /// character or a CRLF falls against the blocks.
    @Test func blockScanAgreesWithAReadingScalarByScalar() {
        var rng = SplitMix64(state: 20_261_130)
        let pieces = ["文明", "a", "\t", "\n", "\r\n", "\r", "\u{07}", "\u{7F}", "é", "😀", " ", "\u{1B}"]
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let scalars = Array(text.unicodeScalars)
            let expected = scalars.indices.contains { index in
                let scalar = scalars[index]
                guard ControlCharacters.isRefused(scalar) else { return false }
                return !(scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] == "\n"))
            }
            #expect((ControlCharacters.first(in: text) != nil) == expected, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("title: \"文明\\a城市\"", "news.title", 2),
        ("summary: \"摘要\\e[0m\"", "news.summary", 4),
        ("led: \"NUL\\0\"", "news.led", 4),
        ("tags: [\"好\\x7F\"]", "news.tags", 4),
    ])
    func aControlCharacterInAFieldIsAnErrorOnItsLine(field: String, code: String, line: Int) throws {
        var lines = ["title: 标题", "date: 2026-11-01"]
        if field.hasPrefix("title") { lines[0] = field } else { lines.append(field) }
        let text = "---\n" + lines.joined(separator: "\n") + "\n---\n正文\n"
        let (item, _, diagnostics) = NewsItem.parse(
            text, file: "Content/news/a.md", fileName: "a.md", site: ProgressFixture.site)
        let error = try #require(diagnostics.first { $0.severity == .error }, "\(diagnostics)")
        #expect(error.code == code)
        #expect(error.line == line)
        #expect(error.message.contains("控制字符"))
        if code == "news.title" { #expect(item == nil) }
    }

    @Test func aControlCharacterInTheBodyIsAnErrorOnItsLine() throws {
        let text = "---\ntitle: 标题\ndate: 2026-11-01\n---\n第一段\n\n响铃\u{07}了\n"
        let (item, _, diagnostics) = NewsItem.parse(
            text, file: "Content/news/a.md", fileName: "a.md", site: ProgressFixture.site)
        #expect(item == nil)
        let error = try #require(diagnostics.first)
        #expect(error.code == "news.control")
        #expect(error.line == 7)
        #expect(error.column == 3)
        #expect(error.message.contains("BEL"))
    }

    @Test func aControlCharacterInATableIsAnErrorOnItsRow() throws {
        let text = """
            id,found,source,district,unit,problem,deadline,status,closed
            L1,2026-11-20,督查,城关区,市城管委,垃圾\u{1B}堆放,2026-11-25,open,

            """
        let (rows, diagnostics) = LedgerProblem.load(csv: text, file: "ledger.csv", site: ProgressFixture.site)
        #expect(rows.isEmpty)
        let error = try #require(diagnostics.first)
        #expect(error.line == 2)
        #expect(error.code == "ledger.control")
    }
}

/// Messages that used to mislead.
@Suite struct HonestMessageTests {
    @Test func theTagErrorNamesEveryRefusedCharacterItHolds() throws {
        let problem = try #require(TagName.problem("创建:文明 城市|2026"))
        #expect(problem.contains("':'"))
        #expect(problem.contains("space"))
        #expect(problem.contains("'|'"))
        // The rule lists every refused character, not only some of them.
        for character in ["/", "\\", "?", "#", "%", ":", "*", "\"", "<", ">", "|"] {
            #expect(problem.contains(character), "\(character) missing from the rule")
        }
        #expect(TagName.problem("文明城市") == nil)
        #expect(TagName.problem(".hidden")?.contains("dot") == true)
    }
}

/// `base_url` is written into every page: credentials, queries, fragments, spaces and quotes are refused.
@Suite struct BaseURLTests {
    @Test(arguments: [
        "https://admin:s3cret@wmcj.example.gov.cn/", "https://wmcj.example.gov.cn/?token=abc",
        "https://wmcj.example.gov.cn/#top", "https://wmcj.example.gov.cn/文明 城市/",
        "https://wmcj.example.gov.cn/\"onload=\"x", "https://wmcj.example.gov.cn/'x'", "ftp://x", "https:///path",
    ])
    func refusedAddressesAreSiteBaseURLErrors(url: String) throws {
        let text = "title: x\nbase_url: '\(url.replacingOccurrences(of: "'", with: "''"))'\n"
        let (_, diagnostics) = SiteConfig.parse(text, file: "site.yml")
        let error = try #require(diagnostics.first { $0.code == "site.base_url" }, "\(url) accepted")
        #expect(error.line == 2)
        #expect(!error.message.contains("s3cret"))
        #expect(!error.message.contains("token=abc"))
    }

    @Test(arguments: ["https://wmcj.example.gov.cn/", "http://127.0.0.1:1313/wmcj/", "https://a.b/%E6%96%87/"])
    func plainAddressesAreAccepted(url: String) {
        #expect(BaseURLRules.problem(url) == nil)
    }
}

/// The trimming of field values is Foundation's, without the bridge to `NSString`.
@Suite struct WhitespaceTrimmingTests {
    @Test(arguments: [
        "", " ", "\u{3000}", "标题", "  标题  ", "\u{3000}创建文明城市\u{3000}", "\t值\n", "\u{A0}a b\u{A0}",
        "\r\n第一行\r\n第二行\r\n", "\u{2028}x\u{2029}", "\u{85}x\u{85}", "\u{200B}零宽\u{200B}", "x\u{1680}",
        " \u{202F}\u{205F}\u{2000}\u{200A}y\u{0B}\u{0C}", "é\u{301} ", "👍🏽 ",
    ])
    func trimsWhatFoundationTrims(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingWhitespace(newlines: false) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func everyScalarIsTrimmedExactlyWhenFoundationTrimsIt() {
        for value in 0...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)"
            #expect(text.trimmingWhitespace().isEmpty == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(
                text.trimmingWhitespace(newlines: false).isEmpty == text.trimmingCharacters(in: .whitespaces).isEmpty)
        }
    }

    @Test func controlCharactersAreFoundAtEveryPositionAsBefore() {
        for text in ["\u{07}", "a\u{1B}", "一\r二", "\r", "行\r\n", "\u{7F}末", "\t\n\r\n", "中\u{0}"] {
            let found = ControlCharacters.first(in: text)
            let expected = text.unicodeScalars.enumerated().contains { index, scalar in
                let scalars = Array(text.unicodeScalars)
                let endsLine = scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] == "\n")
                return ControlCharacters.isRefused(scalar) && !endsLine
            }
            #expect((found != nil) == expected, "\(text.debugDescription)")
        }
    }
}
