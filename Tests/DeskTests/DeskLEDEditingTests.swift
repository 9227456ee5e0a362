import CampaignCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Desk

/// Editing LED messages in the desk: each message is an entry of the shared `messages.yml`, so a
/// save rewrites only the lines of the keys that changed and a stale save is one of the message's
/// own entry.
@Suite struct DeskLEDEditingTests {
    static let screens = """
        screens:
          - id: bus-stop
            name: 公交站台条屏
            width: 192
            height: 32
            font: 16
            charset: gb2312
            color: red
            mode: paged
            stay: 5
            programs: [slogans, urgent]
            exports: [txt]
        """
    static let messages = """
        # LED 屏播放的消息（注释须原样保留）
        messages:
          - id: slogan-create
            group: slogans
            text: 创建全国文明城市，建设美好幸福兰州

          # 交通类标语
          - id: slogan-zebra
            group: slogans
            text: 礼让斑马线，文明出行从我做起
            schedule:
              windows: ["07:00-09:30", "17:00-19:30"]
              weekdays: [1, 2, 3, 4, 5]

          - id: urgent-snow
            group: urgent
            priority: urgent
            text: 【提示】降雪期间路面湿滑，请减速慢行
            from: 2026-11-20
            until: 2026-11-25 23:59

        """

    /// A desk over the test site with `Content/led/` written.
    static func site() throws -> DeskTestSite {
        let site = try DeskTestSite()
        try FileManager.default.createDirectory(
            at: site.content.appendingPathComponent("led"), withIntermediateDirectories: true)
        try site.write(screens, to: "Content/led/screens.yml")
        try site.write(messages, to: "Content/led/messages.yml")
        return site
    }

    /// The lines of `new` that are not in `old` and those of `old` not in `new`, by position after
    /// the common start and end.
    static func changedLines(_ old: String, _ new: String) -> (removed: [String], added: [String]) {
        let a = old.components(separatedBy: "\n")
        let b = new.components(separatedBy: "\n")
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count
        var endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        return (Array(a[start..<endA]), Array(b[start..<endB]))
    }

    func open(_ client: any TestClientProtocol, _ id: String, as session: Login) async throws -> [String: Any] {
        let answer = try await client.call(.get, "/api/items/led/\(id)", as: session)
        #expect(answer.status == .ok, "\(answer.text)")
        return answer.json
    }

    @Test func openingAMessageGivesItsFieldsAndTheHashOfItsOwnEntry() async throws {
        let site = try Self.site()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let detail = try await open(client, "slogan-zebra", as: editor)
            let fields = try #require(detail["fields"] as? [String: Any])
            #expect(fields["text"] as? String == "礼让斑马线，文明出行从我做起")
            #expect((fields["schedule"] as? [String: Any])?["weekdays"] as? [String] == ["1", "2", "3", "4", "5"])
            let entry = """
                  - id: slogan-zebra
                    group: slogans
                    text: 礼让斑马线，文明出行从我做起
                    schedule:
                      windows: ["07:00-09:30", "17:00-19:30"]
                      weekdays: [1, 2, 3, 4, 5]
                """
            #expect(detail["base"] as? String == DeskItems.fileHash(entry))
            // The form shows every field, the preview draws the message on the screen of its group.
            let page = try await client.call(.get, "/items/led/slogan-zebra", as: editor)
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"f-text\"") && page.text.contains("礼让斑马线"))
            #expect(page.text.contains("id=\"f-schedule-windows\"") && page.text.contains("07:00-09:30，17:00-19:30"))
            #expect(page.text.contains("name=\"id\" value=\"slogan-zebra\"") && page.text.contains("readonly"))
            #expect(page.text.contains("公交站台条屏") && page.text.contains("<svg"))
        }
    }

    @Test func savingRewritesOnlyTheChangedLines() async throws {
        let site = try Self.site()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let detail = try await open(client, "slogan-zebra", as: editor)
            var fields = try #require(detail["fields"] as? [String: Any])
            fields["text"] = "礼让斑马线，文明出行从我做起，从今天做起"
            fields["base"] = detail["base"]
            let saved = try await client.call(.put, "/api/items/led/slogan-zebra", json: fields, as: editor)
            #expect(saved.status == .ok, "\(saved.text)")
            let text = try site.read("Content/led/messages.yml")
            let (removed, added) = Self.changedLines(Self.messages, text)
            #expect(removed == ["    text: 礼让斑马线，文明出行从我做起"])
            #expect(added == ["    text: 礼让斑马线，文明出行从我做起，从今天做起"])
            #expect(saved.json["base"] as? String != detail["base"] as? String)

            // A new key goes in, a cleared one goes out; every other line keeps its bytes.
            var urgent = try #require(try await open(client, "urgent-snow", as: editor)["fields"] as? [String: Any])
            let base = try await open(client, "urgent-snow", as: editor)["base"]
            urgent["until"] = ""
            urgent["schedule"] = ["windows": "06:00-22:00"]
            urgent["base"] = base
            let second = try await client.call(.put, "/api/items/led/urgent-snow", json: urgent, as: editor)
            #expect(second.status == .ok, "\(second.text)")
            let after = try site.read("Content/led/messages.yml")
            let change = Self.changedLines(text, after)
            #expect(change.removed == ["    until: 2026-11-25 23:59"])
            #expect(change.added == ["    schedule: {\"windows\":[\"06:00-22:00\"]}"])
            #expect(after.hasPrefix("# LED 屏播放的消息（注释须原样保留）\nmessages:\n"))
            #expect(after.contains("\n\n  # 交通类标语\n  - id: slogan-zebra\n"))
            #expect(after.hasSuffix("\n"))
            // The list shows the new text.
            let list = try await client.call(.get, "/api/items?kind=led", as: editor)
            let titles = (list.json["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
            #expect(titles.contains("礼让斑马线，文明出行从我做起，从今天做起"))
        }
        let audit = try site.store.auditEntries().filter { $0.action == "item.save" }
        #expect(audit.map(\.target) == ["led/slogan-zebra", "led/urgent-snow"])
    }

    @Test func creatingAppendsTheMessageAfterTheLastOne() async throws {
        let site = try Self.site()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let fields: [String: Any] = [
                "id": "slogan-volunteer", "group": "slogans", "text": "争做志愿者：用点滴行动温暖黄河之滨", "priority": "",
                "schedule": ["weekdays": "6，7"],
            ]
            let created = try await client.call(.post, "/api/items/led", json: fields, as: editor)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["id"] as? String == "slogan-volunteer")
            let text = try site.read("Content/led/messages.yml")
            #expect(text.hasPrefix(Self.messages))
            #expect(
                text.hasSuffix(
                    "    until: 2026-11-25 23:59\n\n  - id: slogan-volunteer\n    group: slogans\n"
                        + "    text: 争做志愿者：用点滴行动温暖黄河之滨\n    schedule: {\"weekdays\":[6,7]}\n"))
            let again = try await client.call(.post, "/api/items/led", json: fields, as: editor)
            #expect(again.status == .conflict)
            let list = try await client.call(.get, "/api/items?kind=led", as: editor)
            let item = (list.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == "slogan-volunteer" }
            #expect(item?["state"] as? String == "awaiting-first")
            // A reviewer may not write messages.
            let reviewer = try await client.session("chushen")
            let refused = try await client.call(
                .post, "/api/items/led", json: ["id": "x", "group": "slogans", "text": "文明"], as: reviewer)
            #expect(refused.status == .forbidden)
        }
    }

    /// (A line break typed in the text box is dropped: the screen breaks lines itself.)
    @Test func aFirstMessageGoesUnderAnEmptyList() async throws {
        let site = try Self.site()
        try site.write("# 暂无消息\nmessages: []\n", to: "Content/led/messages.yml")
        try await site.test { client in
            let editor = try await client.session("bianji")
            let created = try await client.call(
                .post, "/api/items/led", json: ["id": "first-one", "group": "slogans", "text": "文明\r\n兰州"],
                as: editor)
            #expect(created.status == .created, "\(created.text)")
        }
        #expect(
            try site.read("Content/led/messages.yml")
                == "# 暂无消息\nmessages:\n  - id: first-one\n    group: slogans\n    text: 文明兰州\n")
    }

    @Test func aStaleSaveIsOneOfTheMessagesOwnEntry() async throws {
        let site = try Self.site()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let detail = try await open(client, "slogan-create", as: editor)
            var fields = try #require(detail["fields"] as? [String: Any])
            fields["base"] = detail["base"]
            // Someone edits another message of the file: this one's save still goes through.
            let other = try site.read("Content/led/messages.yml").replacingOccurrences(
                of: "请减速慢行", with: "请减速慢行，注意安全")
            try site.write(other, to: "Content/led/messages.yml")
            fields["text"] = "创建全国文明城市，建设美好幸福家园"
            let first = try await client.call(.put, "/api/items/led/slogan-create", json: fields, as: editor)
            #expect(first.status == .ok, "\(first.text)")
            #expect(try site.read("Content/led/messages.yml").contains("请减速慢行，注意安全"))
            // A save over the version it started from, after this message changed: 409, with what changed.
            fields["text"] = "又一次修改"
            let stale = try await client.call(.put, "/api/items/led/slogan-create", json: fields, as: editor)
            #expect(stale.status == .conflict)
            #expect(stale.json["changed"] as? [String] == ["text"])
            #expect(try site.read("Content/led/messages.yml").contains("建设美好幸福家园"))
            // The id of a message does not change.
            fields["base"] = first.json["base"]
            fields["id"] = "slogan-renamed"
            let renamed = try await client.call(.put, "/api/items/led/slogan-create", json: fields, as: editor)
            #expect(renamed.status == .unprocessableContent)
        }
    }

    @Test(arguments: [
        (["text": "创建文明城市", "template": "还有{days_to_inspection}天"], "template", "either 'text' or 'template'"),
        (["text": "创建文明城市👍"], "text", "cannot be shown on screen 'bus-stop'"),
        (["template": "还有{days_to_inspektion}天"], "template", "days_to_inspection"),
        (["text": "创建文明城市", "from": "明天"], "from", "from"),
        (["text": "创建文明城市", "from": "2026-12-02", "until": "2026-12-01"], "until", "swap the dates"),
        (["text": "创建文明城市", "priority": "high"], "priority", "priority"),
        (["text": "创建文明城市", "schedule.windows": "25:00-26:00"], "schedule.windows", "bad time window"),
        (["text": "创建文明城市", "schedule.weekdays": "8"], "schedule.weekdays", "bad weekday"),
        (["text": ""], "text", "missing 'text'"),
    ])
    func theBuildsFindingsAreShownAtTheirFields(fields: [String: String], field: String, message: String)
        async throws
    {
        let site = try Self.site()
        let before = try site.read("Content/led/messages.yml")
        try await site.test { client in
            let editor = try await client.session("bianji")
            var request: [String: Any] = [:]
            for (key, value) in fields {
                let parts = key.split(separator: ".").map(String.init)
                if parts.count == 2 { request[parts[0]] = [parts[1]: value] } else { request[key] = value }
            }
            request["id"] = "slogan-new"
            request["group"] = "slogans"
            let answer = try await client.call(.post, "/api/items/led", json: request, as: editor)
            #expect(answer.status == .unprocessableContent, "\(answer.text)")
            let messages = (answer.json["fields"] as? [String: [String]])?[field] ?? []
            #expect(messages.contains { $0.contains(message) }, "\(answer.text)")
        }
        #expect(try site.read("Content/led/messages.yml") == before)
    }

    @Test func personalDataIsShownMaskedBeforeSaving() async throws {
        let site = try Self.site()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let detail = try await open(client, "slogan-create", as: editor)
            var fields = try #require(detail["fields"] as? [String: Any])
            fields["base"] = detail["base"]
            fields["text"] = "举报电话13812345678，欢迎监督"
            let refused = try await client.call(.put, "/api/items/led/slogan-create", json: fields, as: editor)
            #expect(refused.status == .unprocessableContent)
            let hits = try #require(refused.json["privacy"] as? [[String: Any]])
            #expect(hits.first?["field"] as? String == "text")
            #expect(hits.first?["masked"] as? String == "138****5678")
            #expect(hits.first?["masked_text"] as? String == "举报电话138****5678，欢迎监督")
            #expect(try site.read("Content/led/messages.yml") == Self.messages)
            fields["acknowledge_privacy"] = true
            let saved = try await client.call(.put, "/api/items/led/slogan-create", json: fields, as: editor)
            #expect(saved.status == .ok, "\(saved.text)")
            // The preview shows it masked, as the build publishes it.
            let preview = try await client.call(.post, "/api/preview/led", json: fields, as: editor)
            let html = preview.json["html"] as? String ?? ""
            #expect(html.contains("138****5678") && !html.contains("13812345678"))
        }
    }

    @Test func anEditAfterSigningVoidsTheSignaturesAndKeepsTheReviewBlock() async throws {
        let site = try Self.site()
        try await site.test { client in
            for (login, level) in [("chushen", "first"), ("fushen", "second"), ("zhongshen", "final")] {
                let session = try await client.session(login)
                let answer = try await client.call(
                    .post, "/api/items/led/slogan-create/review", json: ["level": level, "decision": "approve"],
                    as: session)
                #expect(answer.status == .ok, "\(answer.text)")
            }
            let editor = try await client.session("bianji")
            let signed = try await client.call(.get, "/api/items?kind=led", as: editor)
            let before = (signed.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == "slogan-create" }
            #expect(before?["state"] as? String == "signed")
            let text = try site.read("Content/led/messages.yml")
            let detail = try await open(client, "slogan-create", as: editor)
            var fields = try #require(detail["fields"] as? [String: Any])
            #expect(fields["review"] == nil)
            fields["base"] = detail["base"]
            fields["text"] = "创建全国文明城市，建设美好幸福兰州！"
            let saved = try await client.call(.put, "/api/items/led/slogan-create", json: fields, as: editor)
            #expect(saved.status == .ok, "\(saved.text)")
            let after = try site.read("Content/led/messages.yml")
            let change = Self.changedLines(text, after)
            #expect(change.added == ["    text: 创建全国文明城市，建设美好幸福兰州！"])
            let list = try await client.call(.get, "/api/items?kind=led", as: editor)
            let item = try #require(
                (list.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == "slogan-create" })
            #expect(item["state"] as? String == "awaiting-first")
            let review = item["review"] as? [String: [String: Any]]
            #expect(["first", "second", "final"].allSatisfy { review?[$0]?["state"] as? String == "voided" })
            // The other messages were not signed and are not touched.
            #expect(after.components(separatedBy: "sig:").count == 4)
        }
    }

    @Test func aFlowStyleEntryIsWrittenAgainInBlockStyle() async throws {
        let site = try Self.site()
        try site.write(
            "messages:\n  - {id: short, group: slogans, text: 文明}\n  - id: next\n    group: slogans\n    text: 和谐\n",
            to: "Content/led/messages.yml")
        try await site.test { client in
            let editor = try await client.session("bianji")
            let detail = try await open(client, "short", as: editor)
            var fields = try #require(detail["fields"] as? [String: Any])
            fields["base"] = detail["base"]
            fields["text"] = "文明兰州"
            let saved = try await client.call(.put, "/api/items/led/short", json: fields, as: editor)
            #expect(saved.status == .ok, "\(saved.text)")
        }
        #expect(
            try site.read("Content/led/messages.yml")
                == "messages:\n  - id: short\n    group: slogans\n    text: 文明兰州\n  - id: next\n    group: slogans\n    text: 和谐\n"
        )
    }

    @Test(arguments: [
        ("创建全国文明城市", "创建全国文明城市"), ("提示: 请排队", "\"提示: 请排队\""), ("2026-11-20", "\"2026-11-20\""),
        ("123", "\"123\""), ("true", "\"true\""), ("- 列表", "\"- 列表\""), ("#话题", "\"#话题\""),
        ("文明 #1", "\"文明 #1\""), (" 前有空格", "\" 前有空格\""), ("2026-11-28 08:00", "2026-11-28 08:00"),
    ])
    func valuesAreWrittenPlainWhenYAMLReadsThemBackUnchanged(text: String, written: String) {
        #expect(DeskItems.ledScalar(text) == written)
    }

    @Test func thePreviewDrawsTheMessageOnTheScreensOfItsGroup() async throws {
        let site = try Self.site()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let preview = try await client.call(
                .post, "/api/preview/led",
                json: ["group": "slogans", "text": "讲文明树新风，做文明有礼兰州人。创建全国文明城市，建设美好幸福兰州"], as: editor)
            #expect(preview.status == .ok)
            let html = preview.json["html"] as? String ?? ""
            // 192 px at 16 px a character: 12 characters a line, two lines a page.
            #expect(html.contains("公交站台条屏") && html.contains("共 2 屏"))
            #expect(html.contains("<svg") && html.contains("讲文明树新风，做文明有礼"))
            let elsewhere = try await client.call(
                .post, "/api/preview/led", json: ["group": "nowhere", "template": "还有{days_to_inspection}天"],
                as: editor)
            let other = elsewhere.json["html"] as? String ?? ""
            #expect(other.contains("没有屏幕播放分组"))
            // 2026-11-20 to the fixture's inspection day 2027-01-10: 51 days.
            #expect(other.contains("还有51天"))
        }
    }
}
