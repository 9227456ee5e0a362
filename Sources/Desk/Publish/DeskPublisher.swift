import CampaignCore
import Deploy
import Foundation
import HTTPTypes
import SiteBuilder

/// `POST /api/publish`: the production build into the configured Output/, then, when a target of
/// site.yml is named, `campaign deploy` of that build (docs/desk.md). One publish at a time.
///
/// The build's phases (`BuildOptions.progress`) and the deploy's transfers (`DeployOptions.progress`)
/// are handed to `progress` as `PublishRun.Step`s while they happen.
struct DeskPublisher: Sendable {
    let configuration: DeskServer.Configuration
    let running = LockedValue(false)

    /// The report of a publish, as the `--format json` summary of docs/architecture.md ("Command line and exit codes").
    struct Result: Sendable, Encodable {
        var published: Bool
        var errors: Int
        var warnings: Int
        var files: Int
        var diagnostics: [Diagnostic]
        var review: [String]
        var message: String
        /// The deploy report (docs/deploy.md) when a target was named and the build succeeded.
        var deploy: DeployReport?
        /// The run (`GET /api/publish/<id>`), in the answer of a `POST /api/publish` that waited.
        var id: String?
        /// The steps the run went through, in the answer of a `POST /api/publish` that waited.
        var steps: [PublishRun.Step]?
    }

    init(configuration: DeskServer.Configuration) {
        self.configuration = configuration
    }

    func publish(
        target: String?, now: Date, who: String, progress: @escaping @Sendable (PublishRun.Step) -> Void = { _ in }
    ) async -> Result {
        var deployer: Deployer?
        if let target, !target.isEmpty {
            do {
                deployer = try makeDeployer(named: target, who: who)
            } catch {
                return Result(
                    published: false, errors: 1, warnings: 0, files: 0, diagnostics: [], review: [],
                    message: "无法发布到 '\(target)'：\(error)")
            }
        }
        guard
            running.withLock({ busy -> Bool in
                if busy { return false }
                busy = true
                return true
            })
        else {
            return Result(
                published: false, errors: 1, warnings: 0, files: 0, diagnostics: [], review: [],
                message: "已有一次发布正在进行，请稍候（a publish is running）")
        }
        defer { running.withLock { $0 = false } }
        var options = BuildOptions(
            contentURL: configuration.contentURL, themeURL: configuration.themeURL, outputURL: configuration.outputURL,
            contentDisplay: "Content", themeDisplay: "Theme", production: true, now: now)
        // The photo cache goes to the project's `.campaign-cache/` (the folder holding Content/), as
        // for `campaign build` run there, wherever the desk was started from.
        options.workingDirectory = configuration.contentURL.deletingLastPathComponent()
        let previousFiles = previousFileCount()
        options.progress = { progress(PublishRun.Step($0, previousFiles: previousFiles)) }
        let report = await SiteBuilder.build(options)
        let message =
            report.published
            ? "已发布：生成 \(report.fileCount) 个文件（published）"
            : "未发布：有 \(report.errorCount) 个错误（not published: \(report.errorCount) errors）"
        var result = Result(
            published: report.published, errors: report.errorCount, warnings: report.warningCount,
            files: report.fileCount, diagnostics: Array(report.diagnostics.prefix(200)),
            review: report.review?.lines ?? [], message: message)
        guard report.published, var deployer else { return result }
        let name = deployer.name
        progress(PublishRun.Step(phase: "deploying", target: name))
        deployer.options.progress = { sent in
            progress(PublishRun.Step(phase: "deploying", done: sent.done, total: sent.total, target: name))
        }
        do {
            let deployed = try await deployer.run(outputFolder: configuration.outputURL)
            result.deploy = deployed
            result.message =
                "已发布到 \(deployer.name)：上传 \(deployed.uploaded.count) 个，删除 \(deployed.deleted.count) 个，"
                + "未变 \(deployed.unchanged) 个（deployed）"
            if !deployed.skippedDeletions.isEmpty {
                result.published = false
                result.message +=
                    "；\(deployed.skippedDeletions.count) 个文件超过删除上限未删除，请用命令行 campaign deploy --max-deletes 确认"
            }
        } catch let error as DeployError {
            result.published = false
            result.deploy = error.partial
            result.message = "构建成功，但发布到 \(deployer.name) 失败：\(error.message)"
        } catch {
            result.published = false
            result.message = "构建成功，但发布到 \(deployer.name) 失败：\(error)"
        }
        return result
    }

    /// How many files the build in Output/ wrote, from its build record; nil without one.
    func previousFileCount() -> Int? {
        let url = configuration.outputURL.appendingPathComponent(BuildRecord.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return (try? BuildRecord.decode(data))?.files.count
    }

    /// The deploy of site.yml's target `name`, with S3 credentials from the desk's environment
    /// (never from a request) and the deploy log in the project's `.campaign-deploy/`.
    private func makeDeployer(named name: String, who: String) throws -> Deployer {
        let siteFile = configuration.contentURL.appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: siteFile.path) else {
            throw DeployError(.usage, "找不到 site.yml (site.yml not found)")
        }
        let (config, _) = SiteConfig.parse(String(decoding: data, as: UTF8.self), file: "Content/site.yml")
        guard let config else { throw DeployError(.usage, "site.yml 有错误 (site.yml has errors)") }
        let (chosen, location) = try DeployTarget.choose(config.deployTargets, named: name)
        let target = try DeployTarget.parse(location)
        var options = DeployOptions()
        options.baseURL = config.baseURL
        options.stateFolder = configuration.contentURL.deletingLastPathComponent()
            .appendingPathComponent(".campaign-deploy")
        options.who = who
        if case .s3 = target {
            options.credentials = try Credentials.load(file: nil, environment: ProcessInfo.processInfo.environment)
        }
        return Deployer(name: chosen, target: target, options: options)
    }
}
