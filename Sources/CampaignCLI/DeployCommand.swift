import ArgumentParser
import CampaignCore
import Deploy
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `campaign deploy`: publishes a checked production build to a target of site.yml (docs/deploy.md).
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Publish Output/ to a target of site.yml (s3:// object storage or ssh:// web server).",
        discussion: """
            Only a build made with --production, without errors and (with review.required) without items \
            waiting for review is published; the folder must match its .campaign-output.json. Files are \
            compared by content with what the server holds: only new and changed files are sent, assets \
            first, then pages, then home, feeds and sitemap; deletions come last. S3 credentials come from \
            AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY [/ AWS_SESSION_TOKEN] or --credentials FILE (mode 0600).
            """)

    @Option(help: "The target's name in site.yml (default: the only target).")
    var target: String?

    @Option(help: "The content folder holding site.yml.")
    var content: String = "Content"

    @Option(help: "The output folder to publish.")
    var output: String = "Output"

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    @Option(help: "Delete at most this many files; more and none are deleted.")
    var maxDeletes: Int = 100

    @Option(help: "Report as text or json.")
    var format: ReportFormat = .text

    @Flag(help: "Serve the previous release again (ssh:// targets).")
    var rollback = false

    @Option(help: "A file with aws_access_key_id / aws_secret_access_key (mode 0600).")
    var credentials: String?

    @Option(help: "A shell command run after a deploy that changed something; $1 is the purge list.")
    var after: String?

    @Option(help: "Uploads in flight at once.")
    var jobs: Int = 8

    @Option(parsing: .singleValue, help: "An extra argument for ssh, e.g. --ssh-option=-i --ssh-option=KEY.")
    var sshOption: [String] = []

    @Option(help: "The folder of the deploy log and purge lists.")
    var state: String = ".campaign-deploy"

    func validate() throws {
        guard maxDeletes >= 0 else { throw ValidationError("--max-deletes must be 0 or more") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
    }

    func run() async throws {
        let console = Console.current
        do {
            let report = try await deploy()
            print(report)
            if !report.skippedDeletions.isEmpty {
                console.err(
                    "warning: 需要删除 \(report.skippedDeletions.count) 个文件，超过 --max-deletes \(maxDeletes)，"
                        + "未删除任何文件；确认后加 --max-deletes \(report.skippedDeletions.count) 再次发布"
                        + " (deletions over --max-deletes were not done)")
                if !report.dryRun { throw ExitCode(1) }
            }
        } catch let error as DeployError {
            if let partial = error.partial, format == .json { print(partial) }
            console.err("error: \(error.message)")
            throw ExitCode(error.exitCode)
        }
    }

    private func deploy() async throws -> DeployReport {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        }
        let siteFile = url(content).appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: siteFile.path) else {
            throw DeployError(.usage, "找不到 \(siteFile.path) (site.yml not found; use --content)")
        }
        let (config, diagnostics) = SiteConfig.parse(
            String(decoding: data, as: UTF8.self), file: "\(InputOptions.display(content))/site.yml")
        guard let config else {
            for diagnostic in diagnostics where diagnostic.severity == .error {
                Console.current.err(diagnostic.description)
            }
            throw DeployError(.usage, "site.yml 有错误，无法发布 (site.yml has errors)")
        }
        let (name, location) = try DeployTarget.choose(config.deployTargets, named: target)
        let parsed = try DeployTarget.parse(location)
        var options = DeployOptions()
        options.dryRun = dryRun
        options.maxDeletes = maxDeletes
        options.concurrency = jobs
        options.baseURL = config.baseURL
        options.stateFolder = url(state)
        options.afterCommand = after
        options.sshOptions = sshOption
        let environment = ProcessInfo.processInfo.environment
        options.who = environment["USER"] ?? ProcessInfo.processInfo.userName
        if case .s3 = parsed, !rollback {
            options.credentials = try Credentials.load(file: credentials.map(url), environment: environment)
        }
        if format == .text && isatty(STDERR_FILENO) == 1 {
            options.progress = { step in
                let line = "\r上传 \(step.done)/\(step.total) \(step.path.prefix(60))\u{1B}[K"
                FileHandle.standardError.write(Data(line.utf8))
                if step.done == step.total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        let deployer = Deployer(name: name, target: parsed, options: options)
        if rollback { return try await deployer.rollback() }
        return try await deployer.run(outputFolder: url(output))
    }

    /// The target named on the command line, or the only one of site.yml.
    private func print(_ report: DeployReport) {
        let console = Console.current
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
            console.out(String(decoding: data, as: UTF8.self))
        case .text:
            for line in Self.textLines(report) { console.out(line) }
        }
    }

    /// Each file when the plan is short or only printed, then one summary line.
    static func textLines(_ report: DeployReport) -> [String] {
        var lines: [String] = []
        let verb = report.dryRun ? "将" : "已"
        if report.dryRun || report.uploaded.count + report.deleted.count <= 50 {
            lines += report.uploaded.map { "\(verb)上传 \($0)" }
            lines += report.deleted.map { "\(verb)删除 \($0)" }
            lines += report.skippedDeletions.map { "不删除（超过 --max-deletes）\($0)" }
        }
        var summary =
            "deploy \(report.target)\(report.dryRun ? " (dry run, nothing changed)" : ""): "
            + "\(report.uploaded.count) uploaded, \(report.deleted.count) deleted, \(report.unchanged) unchanged"
        if let release = report.release { summary += "; release \(release)" }
        lines.append(summary)
        return lines
    }
}
