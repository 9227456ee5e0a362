import CampaignCore
import Foundation
import HTTPTypes
import SiteBuilder

/// `POST /api/publish`: the production build into the configured Output/, one at a time.
struct DeskPublisher: Sendable {
    let configuration: DeskServer.Configuration
    let running = LockedValue(false)

    /// The report of a publish, as §3's `--format json` summary.
    struct Result: Sendable, Encodable {
        var published: Bool
        var errors: Int
        var warnings: Int
        var files: Int
        var diagnostics: [Diagnostic]
        var review: [String]
        var message: String
    }

    init(configuration: DeskServer.Configuration) {
        self.configuration = configuration
    }

    func publish(target: String?, now: Date) async -> Result {
        if let target, !target.isEmpty {
            return Result(
                published: false, errors: 1, warnings: 0, files: 0, diagnostics: [], review: [],
                message: "部署目标 '\(target)' 不可用：此版本的 desk 只做生产构建（deploy is not available in this build）")
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
        let options = BuildOptions(
            contentURL: configuration.contentURL, themeURL: configuration.themeURL, outputURL: configuration.outputURL,
            contentDisplay: "Content", themeDisplay: "Theme", production: true, now: now)
        let report = await SiteBuilder.build(options)
        let message =
            report.published
            ? "已发布：生成 \(report.fileCount) 个文件（published）"
            : "未发布：有 \(report.errorCount) 个错误（not published: \(report.errorCount) errors）"
        return Result(
            published: report.published, errors: report.errorCount, warnings: report.warningCount,
            files: report.fileCount, diagnostics: Array(report.diagnostics.prefix(200)),
            review: report.review?.lines ?? [], message: message)
    }
}
