import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird

/// Turns a `DeskError` into an answer: JSON `{"error", …details}` under `/api/`, a short Chinese
/// page elsewhere.
struct DeskErrorMiddleware: RouterMiddleware {
    typealias Context = DeskContext

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as DeskError {
            if request.uri.path.hasPrefix("/api/") {
                var object = error.details
                object["error"] = .string(error.message)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let data = try encoder.encode(object)
                return Response(
                    status: error.status,
                    headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
            let html = DeskPage.document(
                title: "出错了", account: context.account, csrf: context.session?.csrf,
                body:
                    "<h1>出错了</h1><p role=\"alert\">\(MarkupEscaping.escape(error.message))</p><p><a href=\"/\">返回首页</a></p>"
            )
            return Response(
                status: error.status, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}

/// Sessions, CSRF and the login wall, on every request.
///
/// - without a live session: 401 for `/api/*`, 303 to `/login` for pages;
/// - a session whose account is gone or disabled ends at once;
/// - every method other than GET and HEAD needs `X-CSRF-Token` equal to the session's token, or for
///   a form posted without JavaScript its `csrf` field (403).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let server: DeskServer

    static let open: Set<String> = ["/login", "/desk.css", "/desk.js", "/desk-editor.js", "/theme/style.css"]

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        let isAPI = path.hasPrefix("/api/")
        if Self.open.contains(path) || (path == "/api/session" && request.method == .post) {
            return try await next(request, context)
        }
        var context = context
        guard let token = request.cookies[DeskServer.cookieName]?.value,
            let session = try server.sessions.session(token)
        else {
            if isAPI { throw DeskError(.unauthorized, "未登录或登录已过期，请重新登录（not logged in, or the session expired）") }
            return Response(status: .seeOther, headers: [.location: "/login"])
        }
        guard let account = try server.store.account(session.login), !account.disabled else {
            try server.sessions.close(token)
            if isAPI { throw DeskError(.unauthorized, "账号已停用（account disabled）") }
            return Response(status: .seeOther, headers: [.location: "/login"])
        }
        var request = request
        if request.method != .get && request.method != .head {
            var sent = request.headers[DeskServer.csrfHeader] ?? ""
            if sent.isEmpty, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                // A form posted without JavaScript carries the token in its `csrf` field; the body
                // read here stays in the request for the handler.
                sent = FormFields.parse(try await request.collectBody(upTo: 64 * 1024))["csrf"] ?? ""
            }
            guard Self.constantTimeEqual(sent, session.csrf) else {
                throw DeskError(.forbidden, "缺少或错误的 CSRF 令牌，请刷新页面后重试（missing or wrong X-CSRF-Token）")
            }
        }
        context.session = session
        context.account = account
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
