import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird

/// The Chinese pages: login, what waits for me, lists with review state, the audit log.
extension DeskServer {
    func addPages(to router: Router<DeskContext>) {
        router.get("/desk.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: DeskPage.css)))
        }
        router.get("/desk.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: DeskPage.script)))
        }
        router.get("/desk-editor.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: DeskPage.editorScript)))
        }
        router.get("/login") { _, _ in self.page(title: "登录", account: nil, csrf: nil, body: DeskPage.login) }
        router.post("/login") { request, context in try await self.formLogin(request, context) }
        router.get("/") { _, context in try self.home(context) }
        router.get("/items/:kind") { _, context in
            let account = try self.account(context)
            let kind = try self.kind(context)
            let list = try self.items.list(kind)
            return self.page(
                title: kind.chineseName, account: account, csrf: context.session?.csrf,
                body: "<h1>\(kind.chineseName)</h1>"
                    + (account.role.canEdit
                        ? "<p><a href=\"/items/\(kind.rawValue)/new\">新建\(kind.chineseName)</a></p>" : "")
                    + DeskPage.table(list, caption: "全部\(kind.chineseName)", account: account))
        }
        router.get("/audit") { _, context in try self.auditPage(context) }
    }

    func page(title: String, account: Account?, csrf: String?, body: String, status: HTTPResponse.Status = .ok)
        -> Response
    {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string: DeskPage.document(title: title, account: account, csrf: csrf, body: body))))
    }

    /// The login form without JavaScript: `application/x-www-form-urlencoded`, then 303 to `/`.
    func formLogin(_ request: Request, _ context: DeskContext) async throws -> Response {
        var request = request
        let fields = FormFields.parse(try await request.collectBody(upTo: 16 * 1024))
        do {
            let (session, _) = try authenticate(
                login: fields["login"] ?? "", password: fields["password"] ?? "", context: context)
            var headers = HTTPFields()
            headers[.location] = "/"
            headers[.setCookie] = sessionCookie(session.token, request: request).description
            return Response(status: .seeOther, headers: headers)
        } catch let error as DeskError {
            let body = DeskPage.login.replacingOccurrences(
                of: "<p id=\"login-message\" role=\"alert\"></p>",
                with: "<p id=\"login-message\" role=\"alert\">\(DeskPage.escape(error.message))</p>")
            return page(title: "登录", account: nil, csrf: nil, body: body, status: error.status)
        }
    }

    /// What waits for me: my drafts and sent-back items, items at my review levels, overdue cases.
    func home(_ context: DeskContext) throws -> Response {
        let account = try account(context)
        var body = "<h1>待办</h1>"
        let all = try ItemKind.allCases.flatMap { try items.list($0) }
        if account.role.canEdit {
            body += DeskPage.table(
                all.filter { $0.state == "sent-back" && ($0.editor == nil || $0.editor == account.login) },
                caption: "被驳回、待我修改", account: account)
            body += DeskPage.table(
                all.filter { $0.state == "draft" && ($0.editor == nil || $0.editor == account.login) },
                caption: "我的草稿", account: account)
        }
        if account.role == .reviewer {
            let waiting = all.filter { item in account.levels.contains { item.state == "awaiting-\($0.rawValue)" } }
            body += DeskPage.table(waiting, caption: "待我审核", account: account)
        }
        let overdue = all.filter { $0.daysOverdue > 0 }
        body += DeskPage.table(overdue, caption: "逾期未整改的曝光", account: account)
        if account.role.canPublish {
            body += publishSection(csrf: context.session?.csrf ?? "")
            body += DeskPage.table(all.filter { $0.state == "signed" }, caption: "三审已签、可发布", account: account)
        }
        return page(title: "待办", account: account, csrf: context.session?.csrf, body: body)
    }

    /// The audit log (admins), newest last, with a CSV export link.
    func auditPage(_ context: DeskContext) throws -> Response {
        let account = try account(context)
        guard account.role.canAudit else { throw DeskError(.forbidden, "只有管理员可以查看审计日志（admins only）") }
        let entries = try store.auditEntries(limit: 500)
        let problems = try store.verifyAudit()
        var rows = ""
        for e in entries {
            rows +=
                "<tr><td>\(e.seq)</td><td>\(DeskPage.escape(e.at))</td><td>\(DeskPage.escape(e.actor))</td>"
                + "<td>\(DeskPage.escape(e.action))</td><td>\(DeskPage.escape(e.target))</td>"
                + "<td>\(DeskPage.escape(e.detail))</td><td>\(DeskPage.escape(e.origin))</td></tr>"
        }
        let status =
            problems.isEmpty
            ? "<p>哈希链完整（the hash chain is intact）。</p>"
            : "<p role=\"alert\">哈希链异常：" + problems.map(DeskPage.escape).joined(separator: "；") + "</p>"
        let body = """
            <h1>审计日志</h1>\(status)
            <p><a href="/api/audit?format=csv">导出 CSV</a></p>
            <table><thead><tr><th scope="col">序号</th><th scope="col">时间</th><th scope="col">账号</th>\
            <th scope="col">操作</th><th scope="col">对象</th><th scope="col">说明</th><th scope="col">来源</th></tr>\
            </thead><tbody>\(rows)</tbody></table>
            """
        try audit(context, action: "audit.view", detail: "page")
        return page(title: "审计日志", account: account, csrf: context.session?.csrf, body: body)
    }
}
