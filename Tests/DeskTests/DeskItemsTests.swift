import CampaignCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Desk

/// The items API: list, create, save with `base`, validation as field messages, privacy hits, safety.
@Suite struct DeskItemsTests {
    static let article = "2026-11-20-signed-article"
    static var news: [String: Any] {
        [
            "title": "文明餐桌行动启动", "date": "2026-11-21 09:00", "summary": "光盘行动进机关食堂。", "tags": ["文明餐桌"],
            "slug": "civilized-table", "body": "全市机关食堂开展光盘行动。\n",
        ]
    }

    @Test func listsItemsWithTheirReviewState() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let answer = try await client.call(.get, "/api/items?kind=news", as: session)
            #expect(answer.status == .ok)
            let items = try #require(answer.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items[0]["id"] as? String == Self.article)
            #expect(items[0]["file"] as? String == "Content/news/\(Self.article).md")
            // The fixture's keys are not this desk's reviewers: its signatures do not count here.
            #expect(items[0]["state"] as? String == "awaiting-first")
            let review = try #require(items[0]["review"] as? [String: [String: Any]])
            #expect(review["first"]?["state"] as? String == "invalid")
            let exposures = try await client.call(.get, "/api/items?kind=exposure", as: session)
            #expect((exposures.json["items"] as? [[String: Any]])?.first?["id"] as? String == "BG-2026-0001")
            #expect(try await client.call(.get, "/api/items?kind=nonsense", as: session).status == .badRequest)
        }
    }

    @Test func createWritesTheMarkdownFileTheBuildReads() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let created = try await client.call(.post, "/api/items/news", json: Self.news, as: session)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["id"] as? String == "2026-11-21-civilized-table")
            #expect(created.json["file"] as? String == "Content/news/2026-11-21-civilized-table.md")
            let text = try site.read("Content/news/2026-11-21-civilized-table.md")
            #expect(text.hasPrefix("---\ntitle: \"文明餐桌行动启动\"\ndate: \"2026-11-21 09:00\"\n"))
            #expect(text.contains("tags: [\"文明餐桌\"]\n") && text.hasSuffix("---\n全市机关食堂开展光盘行动。\n"))
            let (item, _, diagnostics) = NewsItem.parse(
                text, file: "x.md", fileName: "2026-11-21-civilized-table.md",
                site: try ContentFolder(url: site.content).site())
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            #expect(item?.tags == ["文明餐桌"])
            // The same id again is refused.
            #expect(try await client.call(.post, "/api/items/news", json: Self.news, as: session).status == .conflict)
        }
    }

    @Test func buildDiagnosticsBecomeFieldMessagesAndNothingIsSaved() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            var fields = Self.news
            fields["date"] = "2026-13-45"
            let answer = try await client.call(.post, "/api/items/news", json: fields, as: session)
            #expect(answer.status == .unprocessableContent)
            let messages = try #require(answer.json["fields"] as? [String: [String]])
            #expect(messages["date"]?.first?.contains("not a valid date") == true)
            // A term error in the body (the build's term lint) is shown at the body.
            fields = Self.news
            fields["body"] = "第一段。\n\n共合国的文明城市。\n"
            let terms = try await client.call(.post, "/api/items/news", json: fields, as: session)
            #expect(terms.status == .unprocessableContent)
            let bodyMessages = try #require(terms.json["fields"] as? [String: [String]])
            #expect(bodyMessages["body"]?.first?.contains("共和国") == true, "\(terms.text)")
            let news = site.content.appendingPathComponent("news")
            #expect(try FileManager.default.contentsOfDirectory(atPath: news.path).count == 1)
        }
    }

    @Test func personalDataIsShownMaskedBeforeSaving() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            var fields = Self.news
            fields["body"] = "举报人电话 13912345678，请联系。\n"
            let answer = try await client.call(.post, "/api/items/news", json: fields, as: session)
            #expect(answer.status == .unprocessableContent)
            let hit = try #require((answer.json["privacy"] as? [[String: Any]])?.first)
            #expect(hit["field"] as? String == "body")
            let masked = try #require(hit["masked_text"] as? String)
            #expect(!masked.contains("13912345678") && masked.contains("139"))
            #expect(!answer.text.contains("13912345678"))
            fields["acknowledge_privacy"] = true
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: session).status == .created)
        }
    }

    @Test func aSaveOverAFileChangedMeanwhileIs409SayingWhatChanged() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let opened = try await client.call(.get, "/api/items/news/\(Self.article)", as: session)
            #expect(opened.status == .ok)
            let base = try #require(opened.json["base"] as? String)
            var fields = try #require(opened.json["fields"] as? [String: Any])
            fields["body"] = opened.json["body"]
            fields["base"] = base
            // Someone edits the file with a text editor meanwhile.
            let path = "Content/news/\(Self.article).md"
            try site.write(try site.read(path).replacingOccurrences(of: "全市开展文明交通劝导行动", with: "全市文明交通劝导"), to: path)
            fields["summary"] = "新的摘要。"
            let conflict = try await client.call(.put, "/api/items/news/\(Self.article)", json: fields, as: session)
            #expect(conflict.status == .conflict)
            #expect(conflict.json["changed"] as? [String] == ["title"])
            #expect(conflict.error.contains("title"))
            // Reopened, the save goes through and keeps the review block.
            let again = try await client.call(.get, "/api/items/news/\(Self.article)", as: session)
            fields["base"] = again.json["base"]
            fields["title"] = "全市文明交通劝导"
            let saved = try await client.call(.put, "/api/items/news/\(Self.article)", json: fields, as: session)
            #expect(saved.status == .ok, "\(saved.text)")
            let text = try site.read(path)
            #expect(text.contains("summary: \"新的摘要。\""))
            #expect(text.contains("review:\n  first: {by: \"李敏\""))
            #expect(
                try await client.call(.put, "/api/items/news/\(Self.article)", json: ["title": "x"], as: session).status
                    == .badRequest)
        }
    }

    @Test func concurrentSavesFromTheSameBaseLetExactlyOneThrough() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let opened = try await client.call(.get, "/api/items/news/\(Self.article)", as: session)
            let base = try #require(opened.json["base"] as? String)
            let body = try #require(opened.json["body"] as? String)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for n in 1...8 {
                    group.addTask {
                        let fields: [String: Any] = [
                            "title": "并发保存 \(n)", "date": "2026-11-20 12:00", "body": body, "base": base,
                        ]
                        return try await client.call(.put, "/api/items/news/\(Self.article)", json: fields, as: session)
                            .status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 7)
        }
    }

    @Test func idsNeverReachOutsideContent() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            var fields = Self.news
            fields["id"] = "../../Output/index"
            #expect(try await client.call(.post, "/api/items/news", json: fields, as: session).status == .badRequest)
            let notice: [String: Any] = ["id": "../../../etc", "title": "x", "body": "x"]
            #expect(
                try await client.call(.post, "/api/items/exposure", json: notice, as: session).status == .badRequest)
            #expect(try await client.call(.get, "/api/items/news/..%2F..%2Fsite", as: session).status == .badRequest)
            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
            // A field name can not smuggle lines (a forged review) into the front matter.
            var injected = Self.news
            injected["slug"] = "injected"
            injected["tags\nreview"] = "{first: {by: x}}"
            #expect(try await client.call(.post, "/api/items/news", json: injected, as: session).status == .badRequest)
        }
    }

    @Test func exposureStatusMovesOneStepWithTheFieldsEachStepNeeds() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let session = try await client.session("bianji")
            let uri = "/api/items/exposure/BG-2026-0001"
            func open() async throws -> [String: Any] {
                let opened = try await client.call(.get, uri, as: session)
                var fields = try #require(opened.json["fields"] as? [String: Any], "\(opened.text)")
                fields["body"] = opened.json["body"]
                fields["base"] = opened.json["base"]
                return fields
            }
            var fields = try await open()
            fields["status"] = "rectified"
            let skipped = try await client.call(.put, uri, json: fields, as: session)
            #expect(skipped.status == .unprocessableContent)
            #expect((skipped.json["fields"] as? [String: [String]])?["status"] != nil)
            fields["status"] = "rectifying"
            #expect(try await client.call(.put, uri, json: fields, as: session).status == .ok)
            fields = try await open()
            fields["status"] = "rectified"
            let missing = try await client.call(.put, uri, json: fields, as: session)
            #expect(missing.status == .unprocessableContent)
            #expect((missing.json["fields"] as? [String: [String]])?.keys.contains("status") == true)
            fields["rectification"] = ["date": "2026-11-22", "note": "车辆已挪离，加装隔离桩。"]
            let done = try await client.call(.put, uri, json: fields, as: session)
            #expect(done.status == .ok, "\(done.text)")
        }
    }
}
