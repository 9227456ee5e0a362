import Foundation
import SiteBuilder
import Testing

@testable import CampaignCLI

/// The progress line of long builds: its texts, its drawing over itself, and silence where it must not show.
@Suite struct ProgressLineTests {
    /// Collects what a progress line writes.
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func append(_ text: String) { lock.withLock { parts.append(text) } }
        var all: [String] { lock.withLock { parts } }
    }

    @Test(arguments: [
        (BuildProgress(phase: .loading, done: 812), "loaded 812 files"),
        (BuildProgress(phase: .photos, done: 12, total: 40), "photos 12/40"),
        (BuildProgress(phase: .rendering, done: 3100, total: 10000), "rendered 3100/10000 pages"),
        (BuildProgress(phase: .rendering, done: 7), "rendered 7 pages"),
    ])
    func texts(progress: BuildProgress, text: String) {
        #expect(ProgressLine.text(progress) == text)
    }

    @Test func drawsOverItselfAndClears() {
        let written = Written()
        let line = ProgressLine(write: { written.append($0) }, delay: .zero)
        line.update(BuildProgress(phase: .loading, done: 1))
        line.update(BuildProgress(phase: .loading, done: 2))
        line.clear()
        line.clear()
        #expect(written.all == ["\r" + "loaded 1 files\u{1B}[K", "\rloaded 2 files\u{1B}[K", "\r\u{1B}[K"])
    }

    @Test func nothingDuringTheFirstSecond() {
        let written = Written()
        let line = ProgressLine(write: { written.append($0) })
        line.update(BuildProgress(phase: .loading, done: 1))
        line.clear()
        #expect(written.all.isEmpty)
    }

    @Test func noLineWithoutATerminalOrWithJSON() {
        let plain = Console(out: { _ in }, err: { _ in })
        #expect(ProgressLine.forConsole(plain, format: .text) == nil)
        let terminal = Console(out: { _ in }, err: { _ in }, progress: { _ in })
        #expect(ProgressLine.forConsole(terminal, format: .json) == nil)
        #expect(ProgressLine.forConsole(terminal, format: .text) != nil)
    }

    /// A real build through the command, with a console that is no terminal: its output holds no `\r` and no
    /// progress text, only the report.
    @Test func buildPrintsNoProgressWhenNotATerminal() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = Written()
        let console = Console(out: { out.append($0) }, err: { out.append($0) })
        let code = await Console.$current.withValue(console) {
            await CampaignCommand.run([
                "build", "--cache", root.appendingPathComponent(".campaign-cache").path, "--content",
                root.appendingPathComponent("Content").path, "--theme", root.appendingPathComponent("Theme").path,
                "--output", root.appendingPathComponent("Output").path, "--now", "2026-11-29T12:00:00+08:00",
            ])
        }
        #expect(code == 0)
        #expect(!out.all.joined().contains("\r"))
        #expect(!out.all.contains { $0.hasPrefix("loaded ") })
    }

    /// The build reports every phase through `BuildOptions.progress`, ending with the full counts.
    @Test func buildReportsEachPhase() async throws {
        let root = try makeProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = Reports()
        var options = BuildOptions(
            contentURL: root.appendingPathComponent("Content"), themeURL: root.appendingPathComponent("Theme"),
            outputURL: root.appendingPathComponent("Output"),
            now: ISO8601DateFormatter().date(from: "2026-11-29T04:00:00Z"), jobs: 2)
        options.cacheURL = root.appendingPathComponent(".campaign-cache")
        options.workingDirectory = root
        options.progress = { reports.append($0) }
        let report = await SiteBuilder.build(options)
        #expect(report.published, "\(report.diagnostics)")
        let all = reports.all
        let loading = try #require(all.last { $0.phase == .loading })
        #expect((loading.done ?? 0) > 0)
        let rendering = try #require(all.last { $0.phase == .rendering })
        #expect(rendering.done == report.fileCount)
        #expect(all.firstIndex { $0.phase == .loading }! < all.firstIndex { $0.phase == .rendering }!)
    }

    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [BuildProgress] = []
        func append(_ progress: BuildProgress) { lock.withLock { items.append(progress) } }
        var all: [BuildProgress] { lock.withLock { items } }
    }
}
