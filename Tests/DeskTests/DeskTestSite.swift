import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport

@testable import Desk

/// A desk over a copy of the signed fixture's Content/ (without its reviewers), in a temporary folder,
/// with a manual clock and accounts for every role.
struct DeskTestSite {
    let root: URL
    let clock: ManualClock
    let store: DeskStore
    let server: DeskServer

    static let fixture = Repository.siteFixture("signed")
    static let repository = Repository.root
    static let start = ContentDate.parse("2026-11-20T08:00:00+08:00", timeZone: .gmt)!
    static let password = "Wenming2026!"

    var content: URL { root.appendingPathComponent("Content") }
    var data: URL { root.appendingPathComponent("desk-data") }

    /// Accounts: editor `bianji`, reviewers `chushen` (first), `fushen` (second), `zhongshen` (final),
    /// `liangji` (first and second), publisher `fabu`, admin `guanli`.
    init() throws {
        root = try Repository.project(copying: ["Content"], from: Self.fixture, prefix: "campaignpress-desk")
        try Repository.copy(["Theme"], from: Self.repository, into: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/reviewers.yml"))
        clock = ManualClock(Self.start)
        store = try DeskStore(folder: root.appendingPathComponent("desk-data"), bcryptCost: 4)
        let admin = DeskAdmin(
            store: store, folder: ContentFolder(url: root.appendingPathComponent("Content")), clock: clock)
        let accounts: [Account] = [
            Account(login: "bianji", name: "陈编辑", role: .editor),
            Account(login: "chushen", name: "李敏", role: .reviewer, levels: [.first]),
            Account(login: "fushen", name: "王建国", role: .reviewer, levels: [.second]),
            Account(login: "zhongshen", name: "张海燕", role: .reviewer, levels: [.final]),
            Account(login: "liangji", name: "赵磊", role: .reviewer, levels: [.first, .second]),
            Account(login: "fabu", name: "孙发布", role: .publisher),
            Account(login: "guanli", name: "周管理", role: .admin),
        ]
        for account in accounts { try admin.addUser(account, password: Self.password) }
        server = DeskServer(
            configuration: .init(
                contentURL: root.appendingPathComponent("Content"), themeURL: root.appendingPathComponent("Theme"),
                outputURL: root.appendingPathComponent("Output")),
            store: store, clock: clock)
    }

    /// Runs `body` against the desk's router.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: server.makeRouter())
        try await app.test(.router, body)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }
}

/// A logged-in browser: its cookie and CSRF token.
struct Login: Sendable {
    var cookie: String
    var csrf: String
}

/// A JSON answer.
struct Answer: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }
    var error: String { json["error"] as? String ?? "" }
}

extension TestClientProtocol {
    /// Logs in and returns the session, or nil with the answer.
    func login(_ login: String, password: String = DeskTestSite.password, headers: HTTPFields = [:]) async throws
        -> (Login?, Answer)
    {
        let answer = try await call(
            .post, "/api/session", json: ["login": login, "password": password], headers: headers)
        guard answer.status == .ok, let setCookie = answer.headers[.setCookie],
            let csrf = answer.json["csrf"] as? String
        else { return (nil, answer) }
        let cookie = String(setCookie.split(separator: ";")[0])
        return (Login(cookie: cookie, csrf: csrf), answer)
    }

    /// Logs in or fails the test.
    func session(_ login: String) async throws -> Login {
        let (session, answer) = try await self.login(login)
        guard let session else {
            throw DeskError(answer.status, "login of \(login) failed: \(answer.text)")
        }
        return session
    }

    /// A request with an optional JSON body, session cookie and CSRF header.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, json: [String: Any]? = nil, as session: Login? = nil,
        csrf: Bool = true, headers: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = headers
        if let session {
            headers[.cookie] = session.cookie
            if csrf { headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf }
        }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body)
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}
