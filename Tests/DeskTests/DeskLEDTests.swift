import CampaignCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SiteBuilder
import Testing

@testable import Desk

/// LED messages in the desk: listed with their review state and signed into their own entry of
/// `messages.yml`; the build accepts the signatures.
@Suite struct DeskLEDTests {
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
            programs: [slogans]
            exports: [txt]
        """
    static let messages = """
        # 标语
        messages:
          - id: slogan-create
            group: slogans
            text: 创建全国文明城市，建设美好幸福兰州

          - id: slogan-civility
            group: slogans
            text: 讲文明树新风
        """

    @Test func ledMessagesAreSignedInTheirOwnEntryAndTheBuildAgrees() async throws {
        let site = try DeskTestSite()
        try FileManager.default.createDirectory(
            at: site.content.appendingPathComponent("led"), withIntermediateDirectories: true)
        try site.write(Self.screens, to: "Content/led/screens.yml")
        try site.write(Self.messages, to: "Content/led/messages.yml")
        try await site.test { client in
            let editor = try await client.session("bianji")
            let list = try await client.call(.get, "/api/items?kind=led", as: editor)
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == ["slogan-create", "slogan-civility"])
            #expect(items.allSatisfy { $0["state"] as? String == "awaiting-first" })
            for message in ["slogan-create", "slogan-civility"] {
                for (login, level) in [("chushen", "first"), ("fushen", "second"), ("zhongshen", "final")] {
                    let session = try await client.session(login)
                    let answer = try await client.call(
                        .post, "/api/items/led/\(message)/review", json: ["level": level, "decision": "approve"],
                        as: session)
                    #expect(answer.status == .ok, "\(answer.text)")
                }
            }
        }
        let text = try site.read("Content/led/messages.yml")
        #expect(
            text.hasPrefix(
                "# 标语\nmessages:\n  - id: slogan-create\n    group: slogans\n    text: 创建全国文明城市，建设美好幸福兰州\n    review:\n      first: {by: \"李敏\""
            ))
        #expect(text.contains("\n\n  - id: slogan-civility\n"))
        // The fixture's items are signed by keys this desk does not list: leave only the LED messages.
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("news"))
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("exposures"))
        let report = await SiteBuilder.build(
            BuildOptions(
                contentURL: site.content, themeURL: site.root.appendingPathComponent("Theme"),
                outputURL: site.root.appendingPathComponent("Output"), production: true,
                now: ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: .gmt), jobs: 1, writeOutput: false))
        #expect(report.diagnostics.filter { $0.code.hasPrefix("review.") }.isEmpty, "\(report.diagnostics)")
        #expect(report.review?.total == 2 && report.review?.rows.isEmpty == true)
        // An edit of one message voids only its own signatures.
        try site.write(text.replacingOccurrences(of: "讲文明树新风", with: "讲文明 树新风"), to: "Content/led/messages.yml")
        let edited = await SiteBuilder.build(
            BuildOptions(
                contentURL: site.content, themeURL: site.root.appendingPathComponent("Theme"),
                outputURL: site.root.appendingPathComponent("Output"), production: true,
                now: ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: .gmt), jobs: 1, writeOutput: false))
        let voided = edited.diagnostics.filter { $0.code == "review.voided" }
        #expect(voided.count == 3)
        #expect(edited.review?.rows.map(\.title) == ["slogan-civility"])
    }
}
