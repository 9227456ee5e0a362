import CLITestSupport
import Foundation
import Testing

@testable import CampaignCLI

/// `campaign check`: one report for editors, and `--external`.
@Suite struct CheckReportTests {
    func arguments(_ root: URL, _ extra: [String] = []) -> [String] {
        [
            "check", "--content", root.appendingPathComponent("Content").path, "--theme",
            root.appendingPathComponent("Theme").path, "--now", "2026-11-29T12:00:00+08:00",
        ] + extra
    }

    func write(_ text: String, to path: String, in root: URL) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    @Test func errorsThenWarningsGroupedByFileThenReviewsThenSummary() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        // Two errors in one file, one in another; warnings (missing reviews, a stale column) elsewhere.
        try write("---\ntitle: 共合国\ndate: 2026-11-02\n---\n攻府通知。\n", to: "Content/news/2026-11-02-a.md", in: root)
        try write("---\ntitle: b\ndate: nope\n---\n", to: "Content/news/b.md", in: root)
        let capture = Capture()
        let code = await runCampaign(arguments(root), capture: capture)
        #expect(code == 1)
        let lines = capture.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let errors = try #require(lines.firstIndex { $0.hasPrefix("Errors (3)") })
        let warnings = try #require(lines.firstIndex { $0.hasPrefix("Warnings (") })
        let review = try #require(lines.firstIndex { $0.hasPrefix("review (三审):") })
        #expect(errors < warnings && warnings < review)
        #expect(lines.last?.hasPrefix("check: 3 error(s)") == true)
        // Each file once, as a header, with its diagnostics indented below it.
        let errorBlock = Array(lines[errors..<warnings])
        let header = try #require(errorBlock.firstIndex { $0.hasSuffix("Content/news/2026-11-02-a.md") })
        #expect(
            errorBlock[header + 1] == "  2:8: error: wrong term '共合国' in title; write '共和国' (国名不得有误) [terms.correction]"
        )
        #expect(errorBlock[header + 2].hasPrefix("  5:1: error: wrong term '攻府' in body"))
        #expect(errorBlock.filter { $0.hasSuffix("Content/news/2026-11-02-a.md") }.count == 1)
        #expect(errorBlock.contains { $0.hasSuffix("Content/news/b.md") })
        let warningBlock = Array(lines[warnings..<review])
        #expect(warningBlock.contains { $0.hasPrefix("  warning: column '创建动态 (news)'") })
        #expect(warningBlock.allSatisfy { !$0.contains("error:") })
        // The review report names what each item still needs.
        #expect(
            lines[review...].contains { $0.contains("2026-11-01-first.md: 新闻 '第一篇") && $0.contains("needs 初审, 复审, 终审") }
        )
        #expect(capture.err.isEmpty)
    }

    @Test func externalLinksAreListedWithTheirFiles() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            "---\ntitle: 外链\ndate: 2026-11-02\n---\n见[中国政府网](https://www.gov.cn/)和[来信](mailto:wmb@example.gov.cn)。\n",
            to: "Content/news/2026-11-02-links.md", in: root)
        // The department's public mailbox is on the privacy allow list, so its link is published as written.
        let site = root.appendingPathComponent("Content/site.yml")
        try (String(contentsOf: site, encoding: .utf8) + "\nprivacy:\n  allow: [wmb@example.gov.cn]\n").write(
            to: site, atomically: true, encoding: .utf8)
        let capture = Capture()
        let code = await runCampaign(arguments(root, ["--external"]), capture: capture)
        #expect(code == 0)
        let out = capture.out
        #expect(out.contains("external links (2, listed, not fetched):"))
        #expect(out.contains("  https://www.gov.cn/  (") && out.contains("Content/news/2026-11-02-links.md"))
        #expect(out.contains("  mailto:wmb@example.gov.cn  ("))
        // Without the flag nothing is listed.
        let plain = Capture()
        _ = await runCampaign(arguments(root), capture: plain)
        #expect(!plain.out.contains("external links"))
    }

    @Test func jsonKeepsItsShapeAndAddsReviewRows() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let capture = Capture()
        let code = await runCampaign(arguments(root, ["--format", "json", "--external"]), capture: capture)
        #expect(code == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(capture.out.utf8)) as? [String: Any])
        #expect(json["diagnostics"] is [[String: Any]])
        let summary = try #require(json["summary"] as? [String: Any])
        for key in ["errors", "warnings", "files", "published", "counts"] { #expect(summary[key] != nil, "\(key)") }
        let rows = try #require(summary["review"] as? [[String: Any]])
        #expect(rows.count == 3)
        let first = try #require(rows.first { ($0["file"] as? String)?.hasSuffix("2026-11-01-first.md") == true })
        #expect(first["kind"] as? String == "news")
        #expect(first["needs"] as? [String] == ["first", "second", "final"])
        #expect(summary["external"] is [[String: Any]])
    }
}
