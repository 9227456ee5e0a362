import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import SiteBuilder

/// `campaign desk`: the department's editorial workspace over HTTP (docs/desk.md).
///
/// JSON API under `/api/`, Chinese pages elsewhere; the pages use the API. Accounts, sessions,
/// lockouts and the audit log in `DeskStore` under `--data`.
public struct DeskServer: Sendable {
    /// Where to listen and what to work on.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var contentURL: URL
        public var themeURL: URL
        public var outputURL: URL
        /// Behind a TLS-terminating proxy: cookies get `Secure` even without `X-Forwarded-Proto`.
        public var secureCookies: Bool

        public init(
            host: String = "127.0.0.1", port: Int = 8080, contentURL: URL, themeURL: URL, outputURL: URL,
            secureCookies: Bool = false
        ) {
            self.host = host
            self.port = port
            self.contentURL = contentURL
            self.themeURL = themeURL
            self.outputURL = outputURL
            self.secureCookies = secureCookies
        }
    }

    /// The session cookie's name.
    public static let cookieName = "campaign_desk"
    /// The CSRF header every change must carry.
    public static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    public let configuration: Configuration
    public let store: DeskStore
    public let sessions: SessionStore
    public let clock: any DeskClock
    public let items: DeskItems
    /// Runs the production build for `POST /api/publish`.
    let publisher: DeskPublisher
    /// The publishes of this process and their progress (`GET /api/publish/<id>`).
    let runs = PublishRuns()

    public init(configuration: Configuration, store: DeskStore, clock: any DeskClock = SystemClock()) {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.sessions = SessionStore(store: store, clock: clock)
        self.items = DeskItems(folder: ContentFolder(url: configuration.contentURL), store: store, clock: clock)
        self.publisher = DeskPublisher(configuration: configuration)
    }

    /// Serves until cancelled.
    public func run(onRunning: @escaping @Sendable () async -> Void = {}) async throws {
        try sessions.prune()
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { _ in await onRunning() })
        try await app.runService()
    }

    // MARK: - Routes

    /// Every route of the desk behind its middlewares.
    public func makeRouter() -> Router<DeskContext> {
        let router = Router(context: DeskContext.self)
        router.add(middleware: DeskErrorMiddleware())
        router.add(middleware: SessionMiddleware(server: self))
        router.post("/api/session") { request, context in try await self.login(request, context) }
        router.delete("/api/session") { request, context in try self.logout(request, context) }
        router.get("/api/me") { _, context in try self.json(["user": try self.account(context).json]) }
        router.get("/api/items") { request, context in try self.listItems(request, context) }
        router.get("/api/items/:kind/:id") { _, context in try self.openItem(context) }
        router.post("/api/items/:kind") { request, context in try await self.createItem(request, context) }
        router.put("/api/items/:kind/:id") { request, context in try await self.saveItem(request, context) }
        router.post("/api/items/:kind/:id/review") { request, context in try await self.reviewItem(request, context) }
        // `:kind`, not `exposure`: a constant segment would hide the other routes of exposures.
        router.post("/api/items/:kind/:id/photos") { request, context in try await self.uploadPhoto(request, context) }
        router.post("/api/items/:kind/:id/photos/:n/redact") { request, context in
            try await self.redactPhoto(request, context)
        }
        router.get("/api/audit") { request, context in try self.auditLog(request, context) }
        router.get("/api/audit/verify") { _, context in try self.verifyAudit(context) }
        addPages(to: router)
        addEditorRoutes(to: router)
        addPublishRoutes(to: router)
        return router
    }

    // MARK: - Helpers

    func account(_ context: DeskContext) throws -> Account {
        guard let account = context.account else { throw DeskError(.unauthorized, "请先登录（log in first）") }
        return account
    }

    func kind(_ context: DeskContext) throws -> ItemKind {
        guard let text = context.parameters.get("kind"), let kind = ItemKind(rawValue: text) else {
            throw DeskError(.notFound, "没有这类稿件（unknown kind）")
        }
        return kind
    }

    func id(_ context: DeskContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty else { throw DeskError(.notFound, "缺少编号（missing id）") }
        return id
    }

    /// The request body as a JSON object.
    func jsonObject(_ request: Request, limit: Int = 2 * 1024 * 1024) async throws -> [String: Any] {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeskError(.badRequest, "请求体须为 JSON 对象（the body must be a JSON object）")
        }
        return object
    }

    /// An `Encodable` value as a JSON response.
    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = try encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Appends to the audit log; a failure to log is a failure of the request.
    func audit(_ context: DeskContext, action: String, actor: String? = nil, target: String = "", detail: String = "")
        throws
    {
        try store.audit(
            actor: actor ?? context.account?.login ?? "-", action: action, target: target, detail: detail,
            origin: context.origin, at: clock.now())
    }
}

extension Account {
    var json: [String: DeskJSON] {
        [
            "login": .string(login), "name": .string(name), "role": .string(role.rawValue),
            "levels": .array(levels.map { .string($0.rawValue) }),
        ]
    }
}

extension HTTPResponse.Status {
    /// 423 Locked (WebDAV), for a locked account.
    static var locked: Self { .init(code: 423, reasonPhrase: "Locked") }
}
