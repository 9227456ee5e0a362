import CampaignCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SiteBuilder
import Testing

@testable import Desk

/// Signed 三审 through the desk: order, one level per person, 驳回, edits voiding, and the build agreeing.
@Suite struct DeskReviewTests {
    static let article = "2026-11-20-signed-article"
    static let uri = "/api/items/news/\(article)/review"

    /// The fixture's signatures (by keys this desk does not know) removed, so the desk's reviewers start afresh.
    static func unsignedSite() throws -> DeskTestSite {
        let site = try DeskTestSite()
        for path in ["Content/news/\(article).md", "Content/exposures/bg-2026-0001-test-parking/index.md"] {
            try site.write(ReviewContent.markdown(try site.read(path), withReview: nil, timeZone: .gmt), to: path)
        }
        return site
    }

    func approve(_ client: any TestClientProtocol, _ login: String, _ level: String, uri: String = Self.uri)
        async throws -> Answer
    {
        let session = try await client.session(login)
        return try await client.call(.post, uri, json: ["level": level, "decision": "approve"], as: session)
    }

    @Test func threeReviewersSignInOrderAndTheProductionBuildAcceptsIt() async throws {
        let site = try Self.unsignedSite()
        site.clock.advance(by: 3600)  // 09:00, before the article's 12:00
        try await site.test { client in
            // 复审 before 初审 is out of order.
            #expect(try await approve(client, "fushen", "second").status == .conflict)
            let first = try await approve(client, "chushen", "first")
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["state"] as? String == "awaiting-second")
            #expect(try await approve(client, "chushen", "first").status == .conflict)  // already signed
            #expect(try await approve(client, "fushen", "second").json["state"] as? String == "awaiting-final")
            let final = try await approve(client, "zhongshen", "final")
            #expect(final.json["state"] as? String == "signed")
            let review = try #require(final.json["review"] as? [String: [String: Any]])
            #expect(review["final"]?["by"] as? String == "张海燕")
        }
        let text = try site.read("Content/news/\(Self.article).md")
        #expect(text.contains("review:\n  first: {by: \"李敏\", at: \"2026-11-20T09:00:00+08:00\", key: "))
        let entries = try site.store.auditEntries().filter { $0.action == "review.approve" }
        #expect(entries.map(\.actor) == ["chushen", "fushen", "zhongshen"])
        // The CLI's production build checks the same signatures.
        let articleOnly = try FileManager.default.contentsOfDirectory(
            atPath: site.content.appendingPathComponent("exposures").path)
        for bundle in articleOnly {
            try FileManager.default.removeItem(at: site.content.appendingPathComponent("exposures/\(bundle)"))
        }
        let report = await SiteBuilder.build(
            BuildOptions(
                contentURL: site.content, themeURL: site.root.appendingPathComponent("Theme"),
                outputURL: site.root.appendingPathComponent("Output"), production: true,
                now: ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: .gmt), jobs: 1, writeOutput: false))
        #expect(report.diagnostics.filter { $0.code.hasPrefix("review.") }.isEmpty, "\(report.diagnostics)")
        #expect(report.errorCount == 0, "\(report.diagnostics)")
    }

    @Test func oneAccountSignsAtMostOneLevelAndOnlyItsOwnLevels() async throws {
        let site = try Self.unsignedSite()
        try await site.test { client in
            #expect(try await approve(client, "liangji", "first").status == .ok)
            // The same person may not also sign 复审, though the account holds that level.
            let twice = try await approve(client, "liangji", "second")
            #expect(twice.status == .forbidden)
            #expect(twice.error.contains("初审"))
            // An account without the level may not sign it.
            #expect(try await approve(client, "chushen", "final").status == .forbidden)
            #expect(try await approve(client, "fushen", "second").status == .ok)
        }
    }

    @Test func sendingBackReturnsTheItemToItsEditorWithTheReason() async throws {
        let site = try Self.unsignedSite()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let opened = try await client.call(.get, "/api/items/news/\(Self.article)", as: editor)
            var fields = try #require(opened.json["fields"] as? [String: Any])
            fields["body"] = opened.json["body"]
            fields["base"] = opened.json["base"]
            #expect(
                try await client.call(.put, "/api/items/news/\(Self.article)", json: fields, as: editor).status == .ok)
            let reviewer = try await client.session("chushen")
            let noReason = try await client.call(
                .post, Self.uri, json: ["level": "first", "decision": "reject", "note": " "], as: reviewer)
            #expect(noReason.status == .unprocessableContent)
            let rejected = try await client.call(
                .post, Self.uri, json: ["level": "first", "decision": "reject", "note": "第二段数据需核实"], as: reviewer)
            #expect(rejected.status == .ok)
            #expect(rejected.json["state"] as? String == "sent-back")
            #expect((rejected.json["sent_back"] as? [String: Any])?["note"] as? String == "第二段数据需核实")
            // The editor's home lists it with the reason.
            let home = try await client.call(.get, "/", as: editor)
            #expect(home.text.contains("被驳回、待我修改") && home.text.contains("第二段数据需核实"))
            // Saving again clears the send-back.
            let again = try await client.call(.get, "/api/items/news/\(Self.article)", as: editor)
            fields["base"] = again.json["base"]
            #expect(
                try await client.call(.put, "/api/items/news/\(Self.article)", json: fields, as: editor).status == .ok)
            let list = try await client.call(.get, "/api/items?kind=news", as: editor)
            #expect((list.json["items"] as? [[String: Any]])?.first?["state"] as? String == "awaiting-first")
        }
        #expect(try site.store.auditEntries().contains { $0.action == "review.reject" && $0.detail.contains("核实") })
    }

    @Test func anEditAfterTheFinalReviewShowsTheItemUnsignedAgain() async throws {
        let site = try Self.unsignedSite()
        try await site.test { client in
            for (login, level) in [("chushen", "first"), ("fushen", "second"), ("zhongshen", "final")] {
                #expect(try await approve(client, login, level).status == .ok)
            }
            let editor = try await client.session("bianji")
            let opened = try await client.call(.get, "/api/items/news/\(Self.article)", as: editor)
            var fields = try #require(opened.json["fields"] as? [String: Any])
            fields["body"] = (opened.json["body"] as? String ?? "") + "\n补充一句。\n"
            fields["base"] = opened.json["base"]
            #expect(
                try await client.call(.put, "/api/items/news/\(Self.article)", json: fields, as: editor).status == .ok)
            let list = try await client.call(.get, "/api/items?kind=news", as: editor)
            let item = try #require((list.json["items"] as? [[String: Any]])?.first)
            #expect(item["state"] as? String == "awaiting-first")
            let review = try #require(item["review"] as? [String: [String: Any]])
            #expect(review["final"]?["state"] as? String == "voided")
            // 初审 signs the new version again.
            #expect(try await approve(client, "chushen", "first").status == .ok)
        }
    }

    @Test func exposureSignaturesCoverThePhotos() async throws {
        let site = try Self.unsignedSite()
        let uri = "/api/items/exposure/BG-2026-0001/review"
        try await site.test { client in
            site.clock.advance(by: -2 * 24 * 3600)  // 2026-11-18, the day the problem was found
            #expect(try await approve(client, "chushen", "first", uri: uri).status == .ok)
            let photo = site.content.appendingPathComponent("exposures/bg-2026-0001-test-parking/before-1.jpg")
            var bytes = try Data(contentsOf: photo)
            bytes.append(1)
            try bytes.write(to: photo)
            let session = try await client.session("bianji")
            let list = try await client.call(.get, "/api/items?kind=exposure", as: session)
            let item = try #require((list.json["items"] as? [[String: Any]])?.first)
            #expect((item["review"] as? [String: [String: Any]])?["first"]?["state"] as? String == "voided")
        }
    }

    @Test func publishRunsTheProductionBuildForPublishersOnly() async throws {
        let site = try Self.unsignedSite()
        try await site.test { client in
            let publisher = try await client.session("fabu")
            // Unsigned items: the production build refuses, and says why.
            let refused = try await client.call(.post, "/api/publish", json: [:], as: publisher)
            #expect(refused.status == .unprocessableContent)
            #expect((refused.json["errors"] as? Int ?? 0) > 0)
            let target = try await client.call(.post, "/api/publish", json: ["target": "production"], as: publisher)
            // A target site.yml does not name: refused before anything is built, naming the target.
            let message = target.json["message"] as? String ?? ""
            #expect(message.contains("'production'") && message.contains("site.yml 中没有"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
        #expect(try site.store.auditEntries().filter { $0.action == "publish" }.count == 2)
    }
}
