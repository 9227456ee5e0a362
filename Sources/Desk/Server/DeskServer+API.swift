import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API of docs/desk.md.
extension DeskServer {
    // MARK: - Session

    /// `POST /api/session {"login","password"}` → 200 `{"csrf","user"}` and the cookie; 401; 423.
    func login(_ request: Request, _ context: DeskContext) async throws -> Response {
        let body = try await jsonObject(request, limit: 16 * 1024)
        let login = (body["login"] as? String ?? "").trimmingCharacters(in: .whitespaces)
        let password = body["password"] as? String ?? ""
        let (session, account) = try authenticate(login: login, password: password, context: context)
        var headers = HTTPFields()
        headers[.setCookie] = sessionCookie(session.token, request: request).description
        return try json(["csrf": DeskJSON.string(session.csrf), "user": .object(account.json)], headers: headers)
    }

    /// Checks a login, with lockout and audit; opens a session.
    func authenticate(login: String, password: String, context: DeskContext) throws -> (DeskSession, Account) {
        let now = clock.now()
        switch try store.authenticate(login: login, password: password, now: now) {
        case .success(let account):
            let session = try sessions.open(login: account.login)
            try audit(context, action: "login", actor: account.login, target: account.login)
            return (session, account)
        case .failure(let locked):
            try audit(context, action: "login.failure", actor: login, target: login)
            if locked {
                try audit(context, action: "login.locked", actor: login, target: login, detail: "15 min")
                throw DeskError(.locked, "密码连续错误 5 次，账号已锁定 15 分钟（account locked for 15 minutes）")
            }
            throw DeskError(.unauthorized, "登录名或密码错误（wrong login or password）")
        case .locked(let until):
            try audit(context, action: "login.failure", actor: login, target: login, detail: "locked")
            let time = ContentDate.minuteString(until, in: SiteConfig.defaultTimeZone)
            throw DeskError(.locked, "账号已锁定至 \(time)，请稍后再试（account locked until \(time)）")
        case .disabled:
            try audit(context, action: "login.failure", actor: login, target: login, detail: "disabled")
            throw DeskError(.forbidden, "账号已停用（account disabled）")
        }
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS.
    func sessionCookie(_ value: String, request: Request, expire: Bool = false) -> Cookie {
        let secure =
            configuration.secureCookies
            || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
            || request.uri.scheme == .https
        return Cookie(
            name: Self.cookieName, value: value, maxAge: expire ? 0 : nil, path: "/", secure: secure, httpOnly: true,
            sameSite: .strict)
    }

    /// `DELETE /api/session`.
    func logout(_ request: Request, _ context: DeskContext) throws -> Response {
        if let session = context.session { try sessions.close(session.token) }
        try audit(context, action: "logout", target: context.account?.login ?? "")
        var headers = HTTPFields()
        headers[.setCookie] = sessionCookie("", request: request, expire: true).description
        return try json(["ok": true], headers: headers)
    }

    // MARK: - Items

    /// `GET /api/items?kind=`.
    func listItems(_ request: Request, _ context: DeskContext) throws -> Response {
        _ = try account(context)
        let kinds: [ItemKind]
        if let text = request.uri.queryParameters.get("kind") {
            guard let kind = ItemKind(rawValue: text) else { throw DeskError(.badRequest, "没有这类稿件（unknown kind）") }
            kinds = [kind]
        } else {
            kinds = ItemKind.allCases
        }
        return try json(["items": try kinds.flatMap { try items.list($0) }])
    }

    /// `GET /api/items/<kind>/<id>`: fields, body, `base`.
    func openItem(_ context: DeskContext) throws -> Response {
        _ = try account(context)
        return try json(try items.detail(kind(context), id: id(context)))
    }

    /// `POST /api/items/<kind>` → 201 `{"id","file"}`.
    func createItem(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try account(context)
        let fields = try await jsonObject(request)
        let created = try items.serialized {
            try items.create(try kind(context), fields: fields, account: account, origin: context.origin)
        }
        return try json(
            [
                "id": DeskJSON.string(created.id), "file": .string(created.file),
                "warnings": created.validation.json["fields"] ?? .null,
            ],
            status: .created)
    }

    /// `PUT /api/items/<kind>/<id>` with `base` → 200 `{"base"}`; 409 when the file changed.
    func saveItem(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try account(context)
        let fields = try await jsonObject(request)
        let saved = try items.serialized {
            try items.update(
                try kind(context), id: try id(context), fields: fields, base: fields["base"] as? String,
                account: account,
                origin: context.origin)
        }
        return try json(["base": DeskJSON.string(saved.base), "warnings": saved.validation.json["fields"] ?? .null])
    }

    /// `POST /api/items/<kind>/<id>/review {"level","decision","note"}`.
    func reviewItem(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try account(context)
        let body = try await jsonObject(request, limit: 64 * 1024)
        guard let level = (body["level"] as? String).flatMap(ReviewStage.init(rawValue:)) else {
            throw DeskError(.badRequest, "level 须为 first、second 或 final（level must be first, second or final）")
        }
        guard let decision = (body["decision"] as? String).flatMap(DeskItems.Decision.init(rawValue:)) else {
            throw DeskError(.badRequest, "decision 须为 approve 或 reject（decision must be approve or reject）")
        }
        let summary = try items.serialized {
            try items.review(
                try kind(context), id: try id(context), level: level, decision: decision,
                note: body["note"] as? String ?? "",
                account: account, origin: context.origin)
        }
        return try json(summary)
    }

    // MARK: - Photos

    /// `POST /api/items/exposure/<id>/photos` (multipart: `file`, `alt`) → 201 `{"n","file"}`.
    func uploadPhoto(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try account(context)
        guard try kind(context) == .exposure else {
            throw DeskError(.notFound, "只有曝光稿件有照片（photos belong to exposures）")
        }
        guard let boundary = request.headers[.contentType].flatMap(Multipart.boundary(contentType:)) else {
            throw DeskError(.unsupportedMediaType, "请以 multipart/form-data 上传（use multipart/form-data）")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: DeskItems.maximumPhotoBytes + 64 * 1024)
        guard let parts = Multipart.parse(Data(buffer.readableBytesView), boundary: boundary),
            let file = parts.first(where: { $0.name == "file" })
        else { throw DeskError(.badRequest, "缺少照片文件 file（missing file）") }
        let alt = parts.first { $0.name == "alt" }.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
        let after = parts.first { $0.name == "rectification" }.map { String(decoding: $0.data, as: UTF8.self) }
        let added = try items.serialized {
            try items.addPhoto(
                id: try id(context), data: file.data, alt: alt, rectification: after == "true" || after == "on",
                account: account, origin: context.origin)
        }
        return try json(["n": DeskJSON.int(added.index), "file": .string(added.file)], status: .created)
    }

    /// `POST …/photos/<n>/redact {"boxes":[[x,y,w,h],…], "save"?}` → the pixelated JPEG preview.
    func redactPhoto(_ request: Request, _ context: DeskContext) async throws -> Response {
        let account = try account(context)
        guard try kind(context) == .exposure else {
            throw DeskError(.notFound, "只有曝光稿件有照片（photos belong to exposures）")
        }
        let body = try await jsonObject(request, limit: 64 * 1024)
        guard let index = context.parameters.get("n").flatMap({ Int($0) }),
            let list = body["boxes"] as? [Any]
        else { throw DeskError(.badRequest, "须给出 boxes：[[x, y, 宽, 高], …]（boxes required）") }
        let boxes = try list.map { entry -> [Int] in
            guard let numbers = entry as? [Any] else { throw DeskError(.badRequest, "打码框须为数组（boxes are arrays）") }
            return try numbers.map {
                guard let number = $0 as? Int else { throw DeskError(.badRequest, "打码框须为整数（whole numbers）") }
                return number
            }
        }
        let preview = try items.serialized {
            try items.redact(
                id: try id(context), index: index, boxes: boxes, save: body["save"] as? Bool ?? true, account: account,
                origin: context.origin)
        }
        return Response(
            status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: preview)))
    }

    // MARK: - Audit

    /// `GET /api/audit?limit=&format=json|csv` (admins).
    func auditLog(_ request: Request, _ context: DeskContext) throws -> Response {
        let account = try account(context)
        guard account.role.canAudit else { throw DeskError(.forbidden, "只有管理员可以查看审计日志（admins only）") }
        let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) }
        let entries = try store.auditEntries(limit: limit)
        try audit(context, action: "audit.view", detail: request.uri.queryParameters.get("format") ?? "json")
        if request.uri.queryParameters.get("format") == "csv" {
            let csv = AuditExport.csv(entries)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"campaign-desk-audit.csv\"",
                ], body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        return try json(["entries": entries])
    }

    /// `GET /api/audit/verify` (admins): the hash chain's problems, empty when intact.
    func verifyAudit(_ context: DeskContext) throws -> Response {
        let account = try account(context)
        guard account.role.canAudit else { throw DeskError(.forbidden, "只有管理员可以查看审计日志（admins only）") }
        let problems = try store.verifyAudit()
        return try json(["intact": DeskJSON.bool(problems.isEmpty), "problems": .array(problems.map(DeskJSON.string))])
    }
}

/// The audit log as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese).
enum AuditExport {
    static func csv(_ entries: [AuditEntry]) -> String {
        var lines = ["seq,at,actor,action,target,detail,origin,prev,hash"]
        for e in entries {
            lines.append(
                [String(e.seq), e.at, e.actor, e.action, e.target, e.detail, e.origin, e.prev, e.hash].map(field)
                    .joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        // A leading = + - @ would be a formula in a spreadsheet.
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
