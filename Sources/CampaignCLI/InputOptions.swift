import ArgumentParser
import CampaignCore
import Foundation
import SiteBuilder

/// The folders and switches shared by `build`, `check` and `serve`.
struct InputOptions: ParsableArguments {
    @Option(help: "The content folder.")
    var content: String = "Content"

    @Option(help: "The theme folder.")
    var theme: String = "Theme"

    @Option(help: "The output folder, replaced whole by a successful build.")
    var output: String = "Output"

    @Option(help: "The cache of processed photos (default: .campaign-cache in the current folder).")
    var cache: String?

    @Flag(help: "Publication mode: personal data and missing reviews are errors.")
    var production = false

    @Flag(help: "Include drafts.")
    var drafts = false

    @Flag(help: "Include items dated in the future.")
    var future = false

    @Option(help: ClockArgument.help)
    var now: ClockArgument?

    @Option(help: "Diagnostics as text or json.")
    var format: ReportFormat = .text

    @Option(help: "Parallel jobs (default: the number of cores).")
    var jobs: Int?

    func buildOptions(writeOutput: Bool) throws -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        var options = BuildOptions(
            contentURL: url(content), themeURL: url(theme), outputURL: url(output),
            contentDisplay: Self.display(content), themeDisplay: Self.display(theme), production: production,
            drafts: drafts, future: future, now: now?.date, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            writeOutput: writeOutput)
        options.workingDirectory = cwd
        options.cacheURL = cache.map(url)
        return options
    }

    static func display(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        if p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }
}
