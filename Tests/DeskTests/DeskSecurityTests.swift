import CampaignCore
import Crypto
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Desk

/// Accounts, sessions, CSRF, lockout, idle timeout, roles and the audit log (docs/desk.md, "Security rules").
@Suite struct DeskSecurityTests {
    @Test func loginGivesAnHttpOnlyStrictCookieAndACSRFToken() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let (session, answer) = try await client.login("bianji")
            #expect(answer.status == .ok)
            let cookie = try #require(answer.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            #expect((answer.json["user"] as? [String: Any])?["name"] as? String == "陈编辑")
            #expect(try #require(session).csrf.count >= 40)
            let me = try await client.call(.get, "/api/me", as: session)
            #expect(me.status == .ok)
            // Behind a TLS proxy the cookie is Secure.
            let (_, secure) = try await client.login(
                "bianji", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(secure.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test func wrongPasswordIs401AndFiveFailuresLockTheAccountAcrossRestarts() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            for _ in 1...4 {
                #expect(try await client.login("bianji", password: "Wrong-pass-1").1.status == .unauthorized)
            }
            let fifth = try await client.login("bianji", password: "Wrong-pass-1").1
            #expect(fifth.status.code == 423)
            // The right password is refused while locked.
            #expect(try await client.login("bianji").1.status.code == 423)
        }
        // A restart (a new store and server on the same data) keeps the lock.
        let reopened = try DeskStore(folder: site.data, bcryptCost: 4)
        let restarted = DeskServer(configuration: site.server.configuration, store: reopened, clock: site.clock)
        let app = Application(router: restarted.makeRouter())
        try await app.test(.router) { (client: any TestClientProtocol) async throws in
            #expect(try await client.login("bianji").1.status.code == 423)
            site.clock.advance(by: 15 * 60 + 1)
            #expect(try await client.login("bianji").1.status == .ok)
        }
        let actions = try site.store.auditEntries().map(\.action)
        #expect(actions.filter { $0 == "login.failure" }.count == 7)
        #expect(actions.contains("login.locked"))
    }

    @Test func resetPasswordLiftsTheLockAndReplacesThePassword() async throws {
        let site = try DeskTestSite()
        let admin = DeskAdmin(store: site.store, folder: ContentFolder(url: site.content), clock: site.clock)
        try await site.test { client in
            for _ in 1...5 { _ = try await client.login("bianji", password: "Wrong-pass-1") }
            #expect(try await client.login("bianji").1.status.code == 423)
            #expect(throws: DeskError.self) { try admin.resetPassword("bianji", password: "short") }
            try admin.resetPassword("bianji", password: "Xinmima-2026")
            #expect(try await client.login("bianji").1.status == .unauthorized)
            #expect(try await client.login("bianji", password: "Xinmima-2026").1.status == .ok)
        }
        #expect(
            try site.store.auditEntries().contains { $0.action == "account.reset-password" && $0.target == "bianji" })
        // The password itself is never stored or logged.
        let database = try Data(contentsOf: site.data.appendingPathComponent(DeskStore.fileName))
        #expect(database.range(of: Data("Xinmima-2026".utf8)) == nil)
    }

    @Test func withoutASessionTheAPIAnswers401AndPagesRedirectToLogin() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            #expect(try await client.call(.get, "/api/items?kind=news").status == .unauthorized)
            let page = try await client.call(.get, "/")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
            #expect(try await client.call(.get, "/login").status == .ok)
            let forged = Login(cookie: "campaign_desk=forged", csrf: "x")
            #expect(try await client.call(.get, "/api/me", as: forged).status == .unauthorized)
        }
    }

    @Test func everyChangeNeedsTheCSRFToken() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let fields: [String: Any] = ["title": "无令牌", "date": "2026-11-20 10:00", "slug": "no-token", "body": "正文"]
            let without = try await client.call(.post, "/api/items/news", json: fields, as: session, csrf: false)
            #expect(without.status == .forbidden)
            var wrong = session
            wrong.csrf = String(repeating: "A", count: session.csrf.count)
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: wrong).status == .forbidden)
            #expect(try await client.call(.delete, "/api/session", as: session, csrf: false).status == .forbidden)
            #expect(
                !FileManager.default.fileExists(
                    atPath: site.content.appendingPathComponent("news/2026-11-20-no-token.md").path))
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: session).status == .created)
        }
    }

    @Test func idleSessionsEndAfterThirtyMinutes() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            site.clock.advance(by: 29 * 60)
            #expect(try await client.call(.get, "/api/me", as: session).status == .ok)
            // Each request counts as activity.
            site.clock.advance(by: 29 * 60)
            #expect(try await client.call(.get, "/api/me", as: session).status == .ok)
            site.clock.advance(by: 30 * 60 + 1)
            #expect(try await client.call(.get, "/api/me", as: session).status == .unauthorized)
            #expect(try await client.call(.get, "/", as: session).status == .seeOther)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let out = try await client.call(.delete, "/api/session", as: session)
            #expect(out.status == .ok)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.call(.get, "/api/me", as: session).status == .unauthorized)
        }
    }

    @Test func rolesAreCheckedOnEveryRequest() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let reviewer = try await client.session("chushen")
            let editor = try await client.session("bianji")
            let admin = try await client.session("guanli")
            let fields: [String: Any] = ["title": "审核人不能写稿", "date": "2026-11-20 10:00", "slug": "x", "body": "正文"]
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: reviewer).status == .forbidden)
            #expect(try await client.call(.post, "/api/publish", json: [:], as: editor).status == .forbidden)
            #expect(try await client.call(.get, "/api/audit", as: editor).status == .forbidden)
            #expect(try await client.call(.get, "/audit", as: reviewer).status == .forbidden)
            #expect(try await client.call(.get, "/api/audit", as: admin).status == .ok)
            // An editor may not sign.
            let review = try await client.call(
                .post, "/api/items/news/2026-11-20-signed-article/review",
                json: ["level": "first", "decision": "approve"], as: editor)
            #expect(review.status == .forbidden)
            // A disabled account loses its session at once.
            try DeskAdmin(store: site.store, folder: ContentFolder(url: site.content), clock: site.clock).disable(
                "bianji")
            #expect(try await client.call(.get, "/api/me", as: editor).status == .unauthorized)
            #expect(try await client.login("bianji").1.status == .forbidden)
        }
    }

    @Test(arguments: [
        ("short1A", false), ("alllowercase", false), ("lowercase123", false), ("Lowercase123", true),
        ("lower-case-1", true), ("中文密码abc1", true),
    ])
    func passwordPolicy(password: String, accepted: Bool) {
        #expect((PasswordPolicy.problem(with: password) == nil) == accepted)
    }

    @Test func reviewersGetKeysInReviewersFileAndPrivateKeysStayInTheData() throws {
        let site = try DeskTestSite()
        let yaml = try site.read("Content/reviewers.yml")
        let (directory, diagnostics) = ReviewerDirectory.parse(yaml, file: "Content/reviewers.yml")
        #expect(diagnostics.isEmpty)
        #expect(directory.names(for: .first) == ["李敏", "赵磊"])
        #expect(directory.reviewers.allSatisfy { $0.keys.count == 1 })
        let reviewer = try #require(try site.store.account("chushen"))
        let key = try #require(try site.store.privateKey("chushen"))
        #expect(key.publicKey.rawRepresentation.base64EncodedString() == reviewer.publicKey)
        // Nothing under Content/ holds a private key.
        #expect(!yaml.contains(key.rawRepresentation.base64EncodedString()))
        #expect(throws: DeskError.self) {
            try site.store.addAccount(
                Account(login: "weak", name: "弱", role: .editor), password: "password", now: Date())
        }
    }

    @Test func auditLogChainsEveryEntryAndDetectsTampering() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            _ = try await client.login("bianji", password: "Wrong-pass-1")
            let session = try await client.session("bianji")
            let fields: [String: Any] = ["title": "审计", "date": "2026-11-20 10:00", "slug": "audit", "body": "正文"]
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: session).status == .created)
            let admin = try await client.session("guanli")
            let verify = try await client.call(.get, "/api/audit/verify", as: admin)
            #expect(verify.json["intact"] as? Bool == true)
            let csv = try await client.call(.get, "/api/audit?format=csv", as: admin)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("item.create") && csv.text.contains("login.failure"))
        }
        let entries = try site.store.auditEntries()
        #expect(entries.map(\.action).starts(with: Array(repeating: "account.add", count: 7)))
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.hash == $1.prev })
        #expect(try site.store.verifyAudit().isEmpty)
        // Altering an entry breaks the chain.
        try await site.store.queue.write { db in
            try db.execute(sql: "UPDATE audit SET actor = 'someone' WHERE seq = 9")
        }
        #expect(try site.store.verifyAudit().contains { $0.contains("entry 9 was altered") })
        // So does removing one.
        try await site.store.queue.write { db in try db.execute(sql: "DELETE FROM audit WHERE seq = 3") }
        let problems = try site.store.verifyAudit()
        #expect(problems.contains { $0.contains("entry 3 missing") })
    }
}
