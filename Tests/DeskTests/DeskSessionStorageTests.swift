import CampaignCore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Desk

/// Sessions live in the desk's database: a restart keeps them, only a hash of the token is stored,
/// the idle timeout still ends them, logout and pruning delete their rows.
@Suite struct DeskSessionStorageTests {
    /// A second desk over the same data folder, as after a restart.
    static func restarted(_ site: DeskTestSite) throws -> Application<RouterResponder<DeskContext>> {
        let store = try DeskStore(folder: site.data, bcryptCost: 4)
        let server = DeskServer(configuration: site.server.configuration, store: store, clock: site.clock)
        return Application(router: server.makeRouter())
    }

    @Test func aSessionSurvivesARestartOfTheDesk() async throws {
        let site = try DeskTestSite()
        let box = LoginBox()
        try await site.test { client in
            box.login = try await client.session("bianji")
        }
        let session = try #require(box.login)
        try await Self.restarted(site).test(.router) { (client: any TestClientProtocol) async throws in
            let me = try await client.call(.get, "/api/me", as: session)
            #expect(me.status == .ok)
            #expect((me.json["user"] as? [String: Any])?["login"] as? String == "bianji")
            // The CSRF token is still bound to the session.
            let fields: [String: Any] = ["title": "重启之后", "date": "2026-11-20 10:00", "slug": "after-restart"]
            var wrong = session
            wrong.csrf = String(repeating: "B", count: session.csrf.count)
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: wrong).status == .forbidden)
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: session).status == .created)
            let page = try await client.call(.get, "/", as: session)
            #expect(page.status == .ok && page.text.contains("content=\"\(session.csrf)\""))
        }
    }

    @Test func anIdleSessionEndsAcrossARestart() async throws {
        let site = try DeskTestSite()
        let box = LoginBox()
        try await site.test { client in
            box.login = try await client.session("bianji")
            site.clock.advance(by: 20 * 60)
            #expect(try await client.call(.get, "/api/me", as: box.login).status == .ok)
        }
        let session = try #require(box.login)
        // 29 minutes after the last request, across a restart: still alive, and touched again.
        site.clock.advance(by: 29 * 60)
        try await Self.restarted(site).test(.router) { (client: any TestClientProtocol) async throws in
            #expect(try await client.call(.get, "/api/me", as: session).status == .ok)
        }
        // 30 minutes and a second without a request: gone, and its row with it.
        site.clock.advance(by: 30 * 60 + 1)
        try await Self.restarted(site).test(.router) { (client: any TestClientProtocol) async throws in
            #expect(try await client.call(.get, "/api/me", as: session).status == .unauthorized)
            #expect(try await client.call(.get, "/", as: session).status == .seeOther)
        }
        #expect(try site.store.sessionTokenHashes().isEmpty)
    }

    @Test func onlyTheHashOfTheTokenIsStored() async throws {
        let site = try DeskTestSite()
        let box = LoginBox()
        try await site.test { client in
            box.login = try await client.session("bianji")
        }
        let session = try #require(box.login)
        let token = String(session.cookie.dropFirst("\(DeskServer.cookieName)=".count))
        #expect(token.count >= 43)
        #expect(try site.store.sessionTokenHashes() == [SessionStore.tokenHash(token)])
        #expect(SessionStore.tokenHash(token).count == 64 && SessionStore.tokenHash(token) != token)
        let database = try Data(contentsOf: site.data.appendingPathComponent(DeskStore.fileName))
        #expect(database.range(of: Data(token.utf8)) == nil)
        // The stored hash is not a key: sent as the cookie, it opens nothing.
        let storedHash = try #require(try site.store.sessionTokenHashes().first)
        let forged = Login(cookie: "\(DeskServer.cookieName)=\(storedHash)", csrf: session.csrf)
        try await site.test { client in
            let answer = try await client.call(.get, "/api/me", as: forged)
            #expect(answer.status == .unauthorized)
        }
    }

    @Test func logoutDeletesTheRowAndOldRowsArePruned() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let first = try await client.session("bianji")
            _ = try await client.session("chushen")
            #expect(try site.store.sessionTokenHashes().count == 2)
            #expect(try await client.call(.delete, "/api/session", as: first).status == .ok)
            #expect(try site.store.sessionTokenHashes().count == 1)
            // The reviewer leaves without logging out; the next login, a day later, prunes the row.
            site.clock.advance(by: 24 * 3600)
            _ = try await client.session("fushen")
            #expect(try site.store.sessionTokenHashes().count == 1)
        }
    }

    @Test func disablingAnAccountOrResettingItsPasswordEndsItsSessions() async throws {
        let site = try DeskTestSite()
        let admin = DeskAdmin(store: site.store, folder: ContentFolder(url: site.content), clock: site.clock)
        try await site.test { client in
            let editor = try await client.session("bianji")
            let reviewer = try await client.session("chushen")
            try admin.resetPassword("bianji", password: "Xinmima-2026")
            #expect(try await client.call(.get, "/api/me", as: editor).status == .unauthorized)
            try admin.disable("chushen")
            #expect(try site.store.sessionTokenHashes().isEmpty)
            #expect(try await client.call(.get, "/api/me", as: reviewer).status == .unauthorized)
        }
    }
}

/// Carries a login out of a test client's closure.
final class LoginBox: @unchecked Sendable {
    var login: Login?
}
