import CampaignCore
import Deploy
import Foundation
import HTTPTypes
import Hummingbird

/// Publishing from the desk: the production build and the optional deploy run in the background,
/// and their steps are shown live.
///
/// - `POST /api/publish {"target"?, "wait"?}` starts a run; by default the answer waits for the
///   end and is the report (200, or 422 when nothing was published), with the run's `id` and
///   `steps`; with `"wait": false` it is 202 at once with the run (`Location: /api/publish/<id>`).
///   A second publish while one runs: 409 with the running one's `id`.
/// - `GET /api/publish/<id>` → the run: `state` (`running`, `published`, `failed`), `phase`,
///   `steps` in order, `message`, and at the end `result`. `GET /api/publish` lists the kept runs.
/// - Pages: the form on the home page posts to `/publish` (works without JavaScript), which answers
///   303 to `/publish/<id>`; that page shows the steps so far and, once ended, the report; `desk.js`
///   polls the API and updates it in place.
extension DeskServer {
    func addPublishRoutes(to router: Router<DeskContext>) {
        router.post("/api/publish") { request, context in try await self.publish(request, context) }
        router.get("/api/publish") { _, context in
            _ = try self.publisherAccount(context)
            return try self.json(["runs": self.runs.all])
        }
        router.get("/api/publish/:run") { _, context in
            _ = try self.publisherAccount(context)
            return try self.json(try self.publishRun(context))
        }
        router.post("/publish") { request, context in try await self.publishForm(request, context) }
        router.get("/publish/:run") { _, context in try self.publishPage(context) }
    }

    func publisherAccount(_ context: DeskContext) throws -> Account {
        let account = try account(context)
        guard account.role.canPublish else { throw DeskError(.forbidden, "只有发布员和管理员可以发布（publishers only）") }
        return account
    }

    func publishRun(_ context: DeskContext) throws -> PublishRun {
        guard let id = context.parameters.get("run"), let run = runs.run(id) else {
            throw DeskError(.notFound, "没有这次发布（no such publish）")
        }
        return run
    }

    /// `POST /api/publish {"target"?, "wait"?}`.
    func publish(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try publisherAccount(context)
        let body = try await jsonObject(request, limit: 16 * 1024)
        let target = (body["target"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let (id, task) = startPublish(target: target, account: account, origin: context.origin)
        guard let task else {
            throw DeskError(
                .conflict, "已有一次发布正在进行，请稍候（a publish is running）",
                details: ["id": .string(id), "url": .string("/publish/\(id)")])
        }
        guard body["wait"] as? Bool ?? true else {
            let run = runs.run(id)
            return try json(run, status: .accepted, headers: [.location: "/api/publish/\(id)"])
        }
        var result = await task.value
        result.id = id
        result.steps = runs.run(id)?.steps
        return try json(result, status: result.published ? .ok : .unprocessableContent)
    }

    /// Starts a run in the background; no task when another run is still going (its id comes back).
    ///
    /// The audit entry is written before the run is marked ended, so whoever sees the end sees it.
    func startPublish(target: String?, account: Account, origin: String) -> (
        id: String, task: Task<DeskPublisher.Result, Never>?
    ) {
        let zone = (try? items.folder.site().timeZone) ?? SiteConfig.defaultTimeZone
        let (id, started) = runs.start(by: account.login, target: target, at: clock.now(), timeZone: zone)
        guard started else { return (id, nil) }
        let runs = runs
        let task = Task { () -> DeskPublisher.Result in
            var result = await publisher.publish(target: target, now: clock.now(), who: account.login) { step in
                runs.record(step, in: id)
            }
            do {
                try store.audit(
                    actor: account.login, action: "publish", target: target ?? "Output",
                    detail:
                        "errors \(result.errors), warnings \(result.warnings), files \(result.files), "
                        + "published \(result.published)"
                        + (result.deploy.map { ", uploaded \($0.uploaded.count), deleted \($0.deleted.count)" } ?? ""),
                    origin: origin, at: clock.now())
            } catch {
                result.message += "（审计日志写入失败：\(error)）"
            }
            runs.finish(id, result: result, at: clock.now(), timeZone: zone)
            return result
        }
        return (id, task)
    }

    /// `POST /publish` from the form of the home page (no JavaScript needed): starts a run in the
    /// background and answers 303 to its page (or to the page of the one already running).
    func publishForm(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try publisherAccount(context)
        var request = request
        let fields = FormFields.parse(try await request.collectBody(upTo: 16 * 1024))
        let target = fields["target"].flatMap { $0.isEmpty ? nil : $0 }
        let (id, _) = startPublish(target: target, account: account, origin: context.origin)
        return Response(status: .seeOther, headers: [.location: "/publish/\(id)"])
    }

    /// `GET /publish/<id>`: the steps so far and, once ended, the report.
    func publishPage(_ context: DeskContext) throws -> Response {
        let account = try publisherAccount(context)
        let run = try publishRun(context)
        return page(
            title: "发布进度", account: account, csrf: context.session?.csrf, body: DeskPage.publishRun(run))
    }

    /// The publish section of the home page: the form (posting without JavaScript, the CSRF token in
    /// a hidden field), with the deploy targets of site.yml, and the running or last publish.
    func publishSection(csrf: String) -> String {
        let targets = (try? items.folder.site().deployTargets.map(\.name)) ?? []
        var choice = ""
        if !targets.isEmpty {
            let options = targets.map {
                "<option value=\"\(DeskPage.escape($0))\">构建并上传到 \(DeskPage.escape($0))</option>"
            }
            choice = """
                <p><label for="publish-target">发布到</label><br><select id="publish-target" name="target">\
                <option value="">只构建到 Output/</option>\(options.joined())</select></p>
                """
        }
        var running = ""
        if let current = runs.all.first(where: { $0.state == .running }) {
            running = "<p>有一次发布正在进行：<a href=\"/publish/\(current.id)\">查看进度</a></p>"
        } else if let last = runs.all.first {
            running = "<p>上次发布：\(DeskPage.escape(last.message)) <a href=\"/publish/\(last.id)\">查看报告</a></p>"
        }
        return """
            <h2>发布</h2>\(running)
            <form method="post" action="/publish" id="publish-form">
            <input type="hidden" name="csrf" value="\(DeskPage.escape(csrf))">
            \(choice)<p><button type="submit" id="publish">发布网站（生产构建）</button></p></form>
            """
    }
}
