import Testing

@testable import CampaignCore

@Suite struct TermTests {
    static let linter = TermLinter(
        rules: TermRules(
            corrections: [.init(wrong: "文明城", right: "文明城市"), .init(wrong: "兰洲", right: "兰州", note: "地名")],
            forbidden: [.init(term: "最高级", note: "广告法禁用语")]))

    func check(_ text: String, line: Int = 10, column: Int = 1) -> [Diagnostic] {
        Self.linter.check(text, file: "Content/news/a.md", startLine: line, startColumn: column, field: "body")
    }

    /// (text, code, line, column, words the message must contain)
    static let hits: [(String, String, Int, Int, [String])] = [
        ("我们是中华人民共合国公民", "terms.correction", 10, 4, ["'中华人民共合国'", "'中华人民共和国'"]),
        ("第一行\n市攻府召开会议", "terms.correction", 11, 2, ["'攻府'", "'政府'"]),
        ("学习社会主义核心价值规。", "terms.correction", 10, 3, ["'社会主义核心价值观'"]),
        ("创建全国文名城市", "terms.correction", 10, 3, ["'全国文明城市'"]),
        ("A\r\nab兰洲市", "terms.correction", 11, 3, ["'兰州'", "(地名)"]),
        ("这是最高级的服务", "terms.forbidden", 10, 3, ["'最高级'", "广告法禁用语"]),
    ]

    @Test(arguments: hits)
    func reportsWrongTermWithExactPosition(text: String, code: String, line: Int, column: Int, words: [String]) throws {
        let diagnostics = check(text)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let d = try #require(diagnostics.first)
        #expect(d.code == code)
        #expect(d.severity == .error)
        #expect((d.line, d.column) == (line, column))
        for word in words { #expect(d.message.contains(word), "\(d.message)") }
    }

    @Test func startColumnAppliesToFirstLineOnly() {
        let diagnostics = check("共合国\n共合国", line: 2, column: 8)
        #expect(diagnostics.map { [$0.line, $0.column] } == [[2, 8], [3, 1]])
    }

    /// Columns count scalars of every UTF-8 length: one, two, three and four bytes, and a carriage return.
    @Test func columnsCountScalarsOfEveryLength() {
        // `check` puts the text at line 10; 文明城 is a wrong form of 文明城市.
        let diagnostics = check("aé共合国😀共合国\r\n𠀀文明城共合国")
        #expect(
            diagnostics.map { [$0.line, $0.column] } == [[10, 3], [10, 7], [11, 2], [11, 5]], "\(diagnostics)")
    }

    @Test func correctFormContainingWrongFormIsNotFlagged() {
        #expect(check("创建全国文明城市，共建文明城").map(\.column) == [12])
    }

    @Test(arguments: [
        "创建全国文明城市，建设和谐社会。",
        "倡导富强、民主、文明、和谐，倡导自由、平等、公正、法治，倡导爱国、敬业、诚信、友善。",
        "社会主义核心价值观：富强、民主、文明、和谐、自由、平等、公正、法治、爱国、敬业、诚信、友善。",
        "富强 民主 文明 和谐 自由 平等 公正 法治 爱国 敬业 诚信 友善",
        "“富强”“民主”“文明”“和谐”“自由”“平等”“公正”“法治”“爱国”“敬业”“诚信”“友善”",
        "富强民主文明和谐自由平等公正法治爱国敬业诚信友善",
        "践行富强、民主、文明、和谐、自由、平等、公正、法治、爱国、敬业、诚信、友善的要求",
        "文明、和谐是我们的追求，法制宣传进社区。",
    ])
    func acceptsCorrectListsAndMentions(text: String) {
        #expect(check(text).isEmpty, "\(check(text))")
    }

    /// (text, column, words the message must contain)
    static let coreValueErrors: [(String, Int, [String])] = [
        ("富强、民主、文明、和谐、自由、平等、公正、法制、爱国、敬业、诚信、友善", 22, ["'法制'", "'法治'", "misspelled"]),
        ("富强、文明、民主、和谐、自由、平等、公正、法治、爱国、敬业、诚信、友善", 4, ["'文明'", "out of order"]),
        ("富强、民主、文明、和谐、自由、平等、法治、爱国、敬业、诚信、友善", 19, ["lacks '公正'", "after '平等'"]),
        ("富强民主文明和谐自由平等公正法治爱国敬业诚心友善", 21, ["'诚心'", "'诚信'"]),
        ("倡导富强、民主、文明、和谐，倡导自由、平等、公平、法治", 23, ["'公平'", "'公正'"]),
    ]

    @Test(arguments: coreValueErrors)
    func reportsBrokenCoreValuesList(text: String, column: Int, words: [String]) throws {
        let diagnostics = check(text)
        let d = try #require(diagnostics.first { $0.code == "terms.core-values" }, "\(diagnostics)")
        #expect(d.column == column, "\(diagnostics)")
        #expect(d.severity == .error)
        for word in words { #expect(d.message.contains(word), "\(d.message)") }
        #expect(diagnostics.count == 1 || text.contains("公平"), "\(diagnostics)")
    }

    @Test func builtInRulesCanBeSwitchedOff() {
        let plain = TermLinter(rules: TermRules(), includeBuiltIn: false)
        #expect(plain.check("共合国", file: "a", startLine: 1, field: "title").isEmpty)
        #expect(TermLinter().check("共合国", file: "a", startLine: 1, field: "title").count == 1)
    }

    @Test func parsesTermsFile() {
        let yaml = """
            corrections:
              - {wrong: 兰洲, right: 兰州, note: 地名}
              - {wrong: 文名}
              - {wrong: 同样, right: 同样}
              - {wrong: 兰洲, right: 兰州}
              - {wrong: 错, right: 对, notes: x}
            forbidden:
              - 最高级
              - {term: 第一品牌, note: 广告法}
              - {note: 没有词}
              - [a, b]
            """
        let (rules, diagnostics) = TermRules.parse(yaml, file: "Content/lint/terms.yml")
        #expect(rules.corrections.map(\.wrong) == ["兰洲", "错"])
        #expect(rules.corrections.first?.note == "地名")
        #expect(rules.forbidden.map(\.term) == ["最高级", "第一品牌"])
        let found = diagnostics.map { "\($0.line):\($0.code):\($0.severity)" }
        #expect(
            Set(found) == [
                "3:terms.right:error", "4:terms.right:error", "5:terms.duplicate:warning",
                "6:terms.unknown-field:warning", "10:terms.term:error", "11:terms.term:error",
            ], "\(diagnostics)")
    }

    @Test func brokenTermsFileIsOneDiagnostic() {
        let (rules, diagnostics) = TermRules.parse("corrections: [\n", file: "terms.yml")
        #expect(rules.corrections.isEmpty)
        #expect(diagnostics.map(\.code) == ["terms.yaml"])
    }
}
