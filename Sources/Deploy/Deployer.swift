import CampaignCore
import Foundation

/// Settings of one deploy; the defaults are those of `campaign deploy`.
public struct DeployOptions: Sendable {
    /// Print the plan, change nothing.
    public var dryRun = false
    /// More deletions than this and none are done (S3), or the deploy is refused (SSH).
    public var maxDeletes = 100
    /// Access key for S3 targets.
    public var credentials: Credentials?
    /// Uploads in flight at once.
    public var concurrency = 8
    public var retry = RetryPolicy()
    /// `base_url` of site.yml, to write full URLs in the purge list.
    public var baseURL: String?
    /// The project's deploy folder (`.campaign-deploy/`): the deploy log and the purge lists.
    /// Nil: neither is written.
    public var stateFolder: URL?
    /// A shell command run after a successful deploy that changed something, with the purge
    /// list's path as `$1` and in `CAMPAIGN_PURGE_LIST`.
    public var afterCommand: String?
    /// Extra arguments for `ssh` (e.g. `-i KEY`, `-o UserKnownHostsFile=…`).
    public var sshOptions: [String] = []
    /// Releases kept on an SSH target, the current one included.
    public var keepReleases = 5
    /// Who deploys, for the log.
    public var who: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    /// Called as files arrive.
    public var progress: (@Sendable (DeployProgress) -> Void)?

    public init() {}
}

/// Publishes an output folder to one target: the API behind `campaign deploy` and the desk's
/// "publish" action.
///
/// ```swift
/// let report = try await Deployer(name: "oss", target: .parse(url), options: options)
///     .run(outputFolder: output)
/// ```
public struct Deployer: Sendable {
    public var name: String
    public var target: DeployTarget
    public var options: DeployOptions

    public init(name: String, target: DeployTarget, options: DeployOptions) {
        self.name = name
        self.target = target
        self.options = options
    }

    /// Checks the build record, plans against what the server holds, uploads, deletes; appends
    /// to the deploy log (success or failure), writes the purge list and runs the after hook.
    /// Throws a `DeployError`: refused, or failed (with what arrived in `partial`).
    public func run(outputFolder: URL) async throws -> DeployReport {
        let site: LocalSite
        do {
            site = try LocalSite.load(folder: outputFolder)
        } catch let error as DeployError {
            log(nil, recordHash: nil, error: error)
            throw error
        }
        do {
            let report: DeployReport
            switch target {
            case .s3(let location):
                guard let credentials = options.credentials else {
                    throw DeployError(.usage, "没有对象存储的访问密钥 (no credentials)")
                }
                report = try await S3Deployer(
                    name: name, location: location, credentials: credentials, options: options
                ).run(site)
            case .ssh(let location):
                report = try await SSHDeployer(name: name, location: location, options: options).run(site)
            }
            log(report, recordHash: site.recordHash, error: nil)
            try finish(report)
            return report
        } catch let error as DeployError {
            log(error.partial, recordHash: site.recordHash, error: error)
            if let partial = error.partial { _ = try? writePurgeList(partial) }
            throw error
        }
    }

    /// Serves the release before the current one again (SSH targets).
    public func rollback() async throws -> DeployReport {
        guard case .ssh(let location) = target else {
            throw DeployError(
                .usage, "回滚只适用于 ssh:// 目标；对象存储请重新构建旧版本后发布 (--rollback needs an ssh:// target)")
        }
        do {
            let report = try await SSHDeployer(name: name, location: location, options: options).rollback()
            log(report, recordHash: nil, error: nil, action: "rollback")
            return report
        } catch let error as DeployError {
            log(nil, recordHash: nil, error: error, action: "rollback")
            throw error
        }
    }

    /// The purge list and the after hook.
    private func finish(_ report: DeployReport) throws {
        guard !report.dryRun, !report.changedPaths.isEmpty, let file = try writePurgeList(report) else { return }
        guard let command = options.afterCommand else { return }
        var environment = ProcessInfo.processInfo.environment
        for secret in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] { environment[secret] = nil }
        environment["CAMPAIGN_PURGE_LIST"] = file.path
        environment["CAMPAIGN_DEPLOY_TARGET"] = name
        // The hook's output goes to standard error, so a JSON report on standard output stays clean.
        let status: Int32
        do {
            status = try ChildProcess.spawn(
                ["/bin/sh", "-c", command, "campaign-after", file.path], stdout: nil, stderr: nil,
                environment: environment
            ).wait()
        } catch {
            throw DeployError(.remote, "发布已完成，但 --after 命令无法启动：\(error) (the after hook could not start)")
        }
        if status != 0 {
            throw DeployError(
                .remote,
                "发布已完成，但 --after 命令失败（退出码 \(status)）；待刷新的地址在 \(file.path)"
                    + " (the after hook failed)")
        }
    }

    /// `.campaign-deploy/purge-<target>.txt`: one URL a line, for the CDN's purge (refresh) API.
    @discardableResult
    func writePurgeList(_ report: DeployReport) throws -> URL? {
        guard let folder = options.stateFolder, !report.changedPaths.isEmpty else { return nil }
        let file = folder.appendingPathComponent("purge-\(Self.safeFileName(name)).txt")
        let urls = Self.purgeURLs(report.changedPaths, baseURL: options.baseURL)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((urls.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            throw DeployError(.usage, "无法写入刷新列表 \(file.path)：\(error) (cannot write the purge list)")
        }
        return file
    }

    /// Full URLs of changed paths; `dir/index.html` also as `dir/`, the address readers use.
    public static func purgeURLs(_ paths: [String], baseURL: String?) -> [String] {
        var base = baseURL ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        var seen: Set<String> = []
        var result: [String] = []
        for path in paths {
            var forms = [path]
            if path == "index.html" {
                forms.append("")
            } else if path.hasSuffix("/index.html") {
                forms.append(String(path.dropLast("index.html".count)))
            }
            for form in forms {
                let url = base.isEmpty ? "/" + form : base + "/" + form
                if seen.insert(url).inserted { result.append(url) }
            }
        }
        return result
    }

    static func safeFileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    /// One line of `.campaign-deploy/log.jsonl`: who, when, target, counts, build record hash.
    private func log(_ report: DeployReport?, recordHash: String?, error: DeployError?, action: String = "deploy") {
        guard let folder = options.stateFolder else { return }
        struct Entry: Encodable {
            var when: String
            var who: String
            var action: String
            var target: String
            var url: String
            var dryRun: Bool
            var uploaded: Int
            var deleted: Int
            var unchanged: Int
            var release: String?
            var buildRecordSHA256: String?
            var result: String

            enum CodingKeys: String, CodingKey {
                case when, who, action, target, url
                case dryRun = "dry_run"
                case uploaded, deleted, unchanged, release
                case buildRecordSHA256 = "build_record_sha256"
                case result
            }
        }
        let display: String
        switch target {
        case .s3(let location): display = location.display
        case .ssh(let location): display = location.display
        }
        let message = error.map { options.credentials?.masked($0.message) ?? $0.message }
        let entry = Entry(
            when: ISO8601DateFormatter().string(from: Date()), who: options.who, action: action, target: name,
            url: display, dryRun: options.dryRun, uploaded: report?.uploaded.count ?? 0,
            deleted: report?.deleted.count ?? 0, unchanged: report?.unchanged ?? 0, release: report?.release,
            buildRecordSHA256: recordHash, result: message.map { "failed: \($0)" } ?? "ok")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { return }
        line.append(UInt8(ascii: "\n"))
        let file = folder.appendingPathComponent("log.jsonl")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: line)
    }
}
