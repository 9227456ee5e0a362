import CampaignCore
import Foundation
import SiteBuilder

/// One publish started from the desk: who started it, where to, the steps so far and, once it
/// ended, the report. `GET /api/publish/<id>` answers with it while the build and deploy run.
struct PublishRun: Sendable, Encodable {
    /// `running` until the end, then `published` or `failed`.
    enum State: String, Sendable, Encodable {
        case running
        case published
        case failed
    }

    /// A step of the run: a phase of the build (`BuildProgress.Phase`) or `deploying`, with counts
    /// when the phase has them, and the Chinese line the publish page shows for it.
    struct Step: Sendable, Hashable, Encodable {
        /// `loading`, `photos`, `rendering`, `checking`, `writing` or `deploying`.
        var phase: String
        var done: Int?
        var total: Int?
        /// `total` is what the previous build wrote, so the count to expect, not a promise.
        var estimated = false
        /// For `deploying`: the target's name.
        var target: String?

        /// 读取并检查内容, 处理照片（共 3 张）, 生成页面：已写出 50 个文件（上次 120 个）, ….
        var text: String {
            let count: String
            switch (done, total) {
            case (let done?, let total?): count = estimated ? "\(done) / 约 \(total)" : "\(done) / \(total)"
            case (let done?, nil): count = "\(done)"
            default: count = ""
            }
            switch phase {
            case "loading": return "读取并检查内容"
            case "photos": return "处理曝光照片" + (total.map { "（共 \($0) 张）" } ?? "")
            case "rendering": return "生成页面" + (count.isEmpty ? "" : "：已写出 \(count) 个文件")
            case "checking": return "检查站内链接"
            case "writing": return "替换输出文件夹 Output/"
            case "deploying":
                return "上传到 \(target ?? "服务器")" + (count.isEmpty ? "" : "：已传送 \(count) 个文件")
            default: return phase
            }
        }

        enum CodingKeys: String, CodingKey {
            case phase, done, total, estimated, target, text
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(phase, forKey: .phase)
            try container.encodeIfPresent(done, forKey: .done)
            try container.encodeIfPresent(total, forKey: .total)
            try container.encode(estimated, forKey: .estimated)
            try container.encodeIfPresent(target, forKey: .target)
            try container.encode(text, forKey: .text)
        }

        /// The step of a build report; `previousFiles` (what the last build wrote) estimates the
        /// files of `rendering`.
        init(_ progress: BuildProgress, previousFiles: Int?) {
            phase = progress.phase.rawValue
            done = progress.done
            total = progress.total
            if progress.phase == .rendering, total == nil, let previousFiles, previousFiles > 0 {
                total = max(previousFiles, done ?? 0)
                estimated = true
            }
        }

        init(phase: String, done: Int? = nil, total: Int? = nil, target: String? = nil) {
            self.phase = phase
            self.done = done
            self.total = total
            self.target = target
        }
    }

    var id: String
    /// The login that started it.
    var by: String
    var target: String?
    /// RFC 3339.
    var started: String
    var finished: String?
    var state: State = .running
    /// The phases in the order they began; a phase reported again updates its own step.
    var steps: [Step] = []
    /// The report, once the run ended.
    var result: DeskPublisher.Result?

    /// Records `step`: a new phase is appended, the same phase again updates the last step (never
    /// counting backwards, as reports from parallel tasks may arrive out of order).
    mutating func record(_ step: Step) {
        guard state == .running else { return }
        if let last = steps.last, last.phase == step.phase {
            var merged = last
            if let done = step.done { merged.done = max(done, last.done ?? 0) }
            if let total = step.total {
                merged.total = total
                merged.estimated = step.estimated
            }
            if merged.estimated, let done = merged.done, let total = merged.total, done > total { merged.total = done }
            steps[steps.count - 1] = merged
        } else {
            steps.append(step)
        }
    }

    /// The line for the page: what runs now, or how it ended.
    var message: String {
        switch state {
        case .running: return "正在发布：" + (steps.last?.text ?? "准备中") + "……"
        case .published, .failed: return result?.message ?? ""
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, by, target, started, finished, state, steps, result, message, phase
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(by, forKey: .by)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encode(started, forKey: .started)
        try container.encodeIfPresent(finished, forKey: .finished)
        try container.encode(state, forKey: .state)
        try container.encode(steps, forKey: .steps)
        try container.encode(steps.last?.phase, forKey: .phase)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(result, forKey: .result)
    }
}
