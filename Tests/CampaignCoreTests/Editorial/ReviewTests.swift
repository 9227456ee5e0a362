import Foundation
import Testing

@testable import CampaignCore

@Suite struct ReviewTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// Parses front matter YAML (starting on file line 2, as in a Markdown file) and checks its review.
    func check(
        _ yaml: String, published: String? = "2026-11-20 12:00", required: Bool = true, production: Bool = false
    ) throws -> (ReviewSignOff?, [Diagnostic]) {
        let sink = FieldReader.Sink()
        let reader = try #require(
            FieldReader.parse(yaml, file: "Content/news/a.md", lineOffset: 1, codePrefix: "news", sink: sink))
        let review = ReviewSignOff.parse(from: reader, timeZone: shanghai)
        reader.allow("title")
        reader.reportUnknownKeys()
        let publishedAt = published.flatMap { ContentDate.parse($0, timeZone: shanghai) }
        let findings = ReviewRules.check(
            review, publishedAt: publishedAt, file: "Content/news/a.md",
            itemLocation: SourceLocation(file: "Content/news/a.md", line: 1, column: 1), required: required,
            production: production, timeZone: shanghai)
        return (review, sink.diagnostics + findings)
    }

    static let complete = """
        title: 标题
        review:
          first: {by: 张三, at: 2026-11-19 09:00}
          second: {by: 李四, at: 2026-11-19 15:00}
          final: {by: 王五, at: 2026-11-20 10:00}
        """

    @Test func completeReviewPasses() throws {
        let (review, diagnostics) = try check(Self.complete, production: true)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(try #require(review).isComplete)
        #expect(review?.final?.by == "王五")
        #expect(review?.second?.location.line == 5)
    }

    /// (yaml, production, required, expected code, expected severity, expected line)
    static let cases: [(String, Bool, Bool, String, Severity, Int)] = [
        ("title: x\n", false, true, "review.missing", .warning, 1),
        ("title: x\n", true, true, "review.missing", .error, 1),
        ("title: x\n", true, false, "review.missing", .warning, 1),
        (
            "review:\n  first: {by: 张三, at: 2026-11-19}\n  second: {by: 李四, at: 2026-11-19}\n",
            false, true, "review.incomplete", .warning, 3
        ),
        (
            "review:\n  first: {by: 张三, at: 2026-11-19}\n  second: {by: 李四, at: 2026-11-19}\n",
            true, true, "review.incomplete", .error, 3
        ),
        (
            "review:\n  first: {by: 张三, at: 2026-11-19}\n  second: {by: 李四, at: 2026-11-19}\n"
                + "  final: {at: 2026-11-19}\n",
            true, true, "review.incomplete", .error, 5
        ),
        (
            "review:\n  first: {by: 张三, at: 2026-11-19}\n  second: {by: 李四, at: 2026-11-19}\n"
                + "  final: {by: 张三, at: 2026-11-20}\n",
            false, false, "review.same-person", .error, 5
        ),
        (
            "review:\n  first: {by: 张三, at: 2026-11-19}\n  second: {by: 李四, at: 2026-11-19}\n"
                + "  final: {by: 王五, at: 2026-11-21 08:00}\n",
            false, false, "review.after-publication", .error, 5
        ),
        (
            "review:\n  first: {by: 张三, at: 2026-11-19 16:00}\n  second: {by: 李四, at: 2026-11-19 15:00}\n"
                + "  final: {by: 王五, at: 2026-11-20}\n",
            false, false, "review.order", .error, 4
        ),
    ]

    @Test(arguments: cases)
    func reportsEachProblem(
        yaml: String, production: Bool, required: Bool, code: String, severity: Severity, line: Int
    ) throws {
        let (_, diagnostics) = try check(yaml, required: required, production: production)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let d = try #require(diagnostics.first)
        #expect(d.code == code)
        #expect(d.severity == severity)
        #expect(d.line == line)
        #expect(d.file == "Content/news/a.md")
    }

    @Test func samePersonNamesPersonAndBothSteps() throws {
        let yaml = """
            review:
              first: {by: 张三, at: 2026-11-19}
              second: {by: 张 三, at: 2026-11-19}
              final: {by: 王五, at: 2026-11-20}
            """
        let (_, diagnostics) = try check(yaml)
        let d = try #require(diagnostics.first { $0.code == "review.same-person" })
        #expect(d.message.contains("'张三'"))
        #expect(d.message.contains("初审 (first)") && d.message.contains("复审 (second)"))
        #expect(diagnostics.count == 1)
    }

    @Test func oneDiagnosticForOnePersonSigningAllThree() throws {
        let yaml = """
            review:
              first: {by: 张三, at: 2026-11-19}
              second: {by: 张三, at: 2026-11-19}
              final: {by: 张三, at: 2026-11-20}
            """
        let (_, diagnostics) = try check(yaml)
        #expect(diagnostics.map(\.code) == ["review.same-person"])
        #expect(diagnostics.first?.message.contains("终审 (final)") == true)
    }

    @Test(arguments: [
        ("2026-11-20", "2026-11-20 16:00", false),  // publish date without time counts as the whole day
        ("2026-11-20 12:00", "2026-11-20", false),  // review date without time likewise
        ("2026-11-20 12:00", "2026-11-20 12:30", true),
        ("2026-11-20", "2026-11-21", true),
    ])
    func afterPublicationUsesWholeDaysForDatesWithoutTime(published: String, final: String, flagged: Bool) throws {
        let yaml = """
            review:
              first: {by: 张三, at: 2026-11-19}
              second: {by: 李四, at: 2026-11-19}
              final: {by: 王五, at: \(final)}
            """
        let (_, diagnostics) = try check(yaml, published: published)
        #expect(diagnostics.contains { $0.code == "review.after-publication" } == flagged, "\(diagnostics)")
    }

    @Test func badDateAndUnknownKeyAreReportedAndStepKept() throws {
        let yaml = """
            review:
              first: {by: 张三, at: 2026-11-45}
              second: {by: 李四, at: 2026-11-19, note: x}
              final: {by: 王五, at: 2026-11-20}
            """
        let (review, diagnostics) = try check(yaml)
        #expect(review?.first?.by == "张三")
        #expect(review?.first?.at == nil)
        #expect(diagnostics.contains { $0.code == "news.at" && $0.line == 3 && $0.severity == .error })
        #expect(diagnostics.contains { $0.code == "news.unknown-field" && $0.line == 4 })
        #expect(diagnostics.contains { $0.code == "review.incomplete" && $0.line == 3 })
    }

    @Test func reportListsWhatStillNeedsWhom() throws {
        let (partial, _) = try check(
            "review:\n  first: {by: 张三, at: 2026-11-19}\n  second: {by: 张三, at: 2026-11-19}\n")
        let (full, _) = try check(Self.complete)
        let report = ReviewReport(items: [
            .init(kind: .news, file: "Content/news/a.md", title: "动员大会", review: partial),
            .init(kind: .exposure, file: "Content/exposures/b/index.md", title: "占道经营", review: nil),
            .init(kind: .led, file: "Content/led/messages.yml", title: "welcome", review: full),
        ])
        #expect(report.total == 3)
        #expect(report.complete == 1)
        #expect(report.rows.map(\.needs) == [[.second, .final], [.first, .second, .final]])
        #expect(report.rows[0].repeatedReviewers == ["张三"])
        #expect(
            report.rows[0].text
                == "Content/news/a.md: 新闻 '动员大会' needs 复审, 终审 (初审 by 张三; '张三' signed twice; another person must review)"
        )
        #expect(report.lines.first == "review (三审): 1 of 3 items fully reviewed, 2 need reviews")
    }
}
