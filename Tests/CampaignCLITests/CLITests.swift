import ArgumentParser
import CLITestSupport
import Foundation
import SiteBuilder
import TestSupport
import Testing

@testable import CampaignCLI

/// A new temporary project holding the `small` fixture's Content/ and Theme/; the caller removes it.
func makeProject() throws -> URL {
    try Repository.project(from: Repository.siteFixture("small"), prefix: "campaign-cli")
}

@Suite struct CLITests {
    @Test func buildWritesOutputAndExitsZero() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let capture = Capture()
        let code = await runCampaign(
            [
                "build", "--cache", root.appendingPathComponent(".campaign-cache").path,
                "--content", root.appendingPathComponent("Content").path, "--theme",
                root.appendingPathComponent("Theme").path, "--output", root.appendingPathComponent("Output").path,
                "--now", "2026-11-29T12:00:00+08:00",
            ], capture: capture)
        #expect(code == 0)
        #expect(capture.out.contains("0 error(s)"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Output/index.html").path))
    }

    @Test func checkWritesNothingAndReportsJSON() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("---\ntitle: x\ndate: 2026-02-30\n---\n".utf8).write(
            to: root.appendingPathComponent("Content/news/bad.md"))
        let capture = Capture()
        let code = await runCampaign(
            [
                "check", "--content", root.appendingPathComponent("Content").path, "--theme",
                root.appendingPathComponent("Theme").path, "--output", root.appendingPathComponent("Output").path,
                "--format", "json",
            ], capture: capture)
        #expect(code == 1)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Output").path))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(capture.out.utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(first["code"] as? String == "news.date")
        #expect(first["line"] as? Int == 3)
        #expect(first["severity"] as? String == "error")
        #expect(json["summary"] != nil)
    }

    @Test func textDiagnosticsAreCompilerStyle() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("---\ndate: 2026-11-01\n---\n".utf8).write(to: root.appendingPathComponent("Content/news/t.md"))
        let capture = Capture()
        let code = await runCampaign(
            [
                "build", "--cache", root.appendingPathComponent(".campaign-cache").path,
                "--content", root.appendingPathComponent("Content").path, "--theme",
                root.appendingPathComponent("Theme").path, "--output", root.appendingPathComponent("Output").path,
            ],
            capture: capture)
        #expect(code == 1)
        #expect(capture.err.contains("Content/news/t.md:2:1: error: missing required field 'title' [news.title]"))
    }

    @Test func missingContentIsExitTwo() async throws {
        let capture = Capture()
        let code = await runCampaign(["build", "--content", "/nonexistent/Content"], capture: capture)
        #expect(code == 2)
        #expect(capture.err.contains("content folder"))
    }

    @Test(arguments: ["Content/news", "Theme", "Content/../Content"])
    func outputThatWouldDestroySourcesIsExitTwo(output: String) async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let news = root.appendingPathComponent("Content/news")
        let before = try FileManager.default.contentsOfDirectory(atPath: news.path).sorted()
        let capture = Capture()
        let code = await runCampaign(
            [
                "build", "--cache", root.appendingPathComponent(".campaign-cache").path,
                "--content", root.appendingPathComponent("Content").path, "--theme",
                root.appendingPathComponent("Theme").path, "--output", root.appendingPathComponent(output).path,
                "--now", "2026-11-29T12:00:00+08:00",
            ], capture: capture)
        #expect(code == 2)
        #expect(capture.err.contains("[output.refused]"))
        #expect(capture.err.contains(root.appendingPathComponent(output).path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: news.path).sorted() == before)
    }

    @Test(arguments: ["9999-12-31", "0001-01-01", "2101-01-01T00:00:00+08:00", "1948-12-31", "tomorrow"])
    func nowOutsideTheValidYearsIsAUsageError(now: String) async throws {
        let capture = Capture()
        #expect(await runCampaign(["build", "--now", now], capture: capture) == 2)
        #expect(capture.err.contains("'\(now)'"), "names the value: \(capture.err)")
        #expect(capture.err.contains("1949"), "names the years allowed: \(capture.err)")
        let command = try #require(try CampaignCommand.parseAsRoot(["build", "--now", "2026-11-29"]) as? BuildCommand)
        let options = try command.inputs.buildOptions(writeOutput: true)
        #expect(
            options.now == ISO8601DateFormatter().date(from: "2026-11-28T16:00:00Z"), "a date without a zone is CST")
    }

    /// Usage errors exit with 2 (not the argument parser's 64), content errors with 1, as the command really
    /// runs from `main.swift`.
    @Test(arguments: [
        ["build", "--no-such-option"],
        ["build", "--now", "tomorrow"],
        ["check", "--format", "xml"],
        ["build", "--jobs", "0"],
        ["led", "fit", "--width", "64", "--height", "32", "--kinsoku", "strictest", "文明"],
        ["led", "fit", "--width", "64", "--height", "32", "--charset", "big5", "文明"],
        ["led", "fit", "--width", "64", "--height", "32", "--mode", "scroll-down", "文明"],
        ["led", "preview", "bus-stop", "--now", "2026-13-01"],
        ["no-such-command"],
    ])
    func usageErrorsExitTwo(arguments: [String]) async {
        let capture = Capture()
        let code = await runCampaign(arguments, capture: capture)
        #expect(code == 2, "\(arguments): \(capture.err)")
        #expect(!capture.err.isEmpty, "says what is wrong")
    }

    @Test func contentErrorsExitOne() async throws {
        let capture = Capture()
        let code = await runCampaign(
            ["led", "fit", "--width", "64", "--height", "32", "--charset", "gb2312", "文明😀"], capture: capture)
        #expect(code == 1, "\(capture.err)")
        #expect(capture.err.contains("error"))
    }

    @Test func helpExitsZero() async {
        let capture = Capture()
        #expect(await runCampaign(["build", "--help"], capture: capture) == 0)
        #expect(capture.out.contains("--now"))
    }

    @Test(arguments: ["news", "page", "exposure"])
    func newScaffoldsAFileThatParses(kind: String) async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let capture = Capture()
        let content = root.appendingPathComponent("Content").path
        let code = await runCampaign(
            ["new", kind, "文明交通劝导活动", "--slug", "traffic-test", "--content", content],
            capture: capture)
        #expect(code == 0)
        let created = try #require(capture.out.split(separator: "\n").last.map(String.init))
        let text = try String(contentsOfFile: created, encoding: .utf8)
        #expect(text.hasPrefix("---\n"))
        #expect(text.contains("title: \"文明交通劝导活动\""))
        // The scaffold itself is valid: a news post or page checks clean (the post is a draft), an
        // exposure notice fails only on the facts the editor has to fill in.
        let checkCapture = Capture()
        let checked = await runCampaign(
            [
                "check", "--content", content, "--theme", root.appendingPathComponent("Theme").path, "--format",
                "json",
            ], capture: checkCapture)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(checkCapture.out.utf8)) as? [String: Any])
        let errors = (report["diagnostics"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
        let codes = Set(errors.compactMap { $0["code"] as? String })
        if kind == "exposure" {
            #expect(checked == 1)
            #expect(
                codes.isSubset(of: [
                    "exposure.district", "exposure.location", "exposure.category", "exposure.unit", "exposure.photo",
                ]), "\(codes)")
        } else {
            #expect(checked == 0, "\(errors)")
        }
        // A second time the file exists: refused, nothing overwritten.
        let again = await runCampaign(
            ["new", kind, "文明交通劝导活动", "--slug", "traffic-test", "--content", content],
            capture: capture)
        #expect(again == 1)
    }
}
