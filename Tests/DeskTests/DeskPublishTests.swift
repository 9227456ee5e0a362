import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SiteBuilder
import Testing

@testable import Desk

/// Publishing from the desk: the run goes on in the background and its steps can be followed
/// (`GET /api/publish/<id>`) until the report; the page works without JavaScript.
@Suite struct DeskPublishTests {
    static let order = ["loading", "photos", "rendering", "checking", "writing", "deploying"]

    /// The signed fixture as it is (its own reviewers' keys back in place), so the production build
    /// publishes, on the day the sample site is checked.
    static func publishableSite(deployTarget: String? = nil) throws -> DeskTestSite {
        let site = try DeskTestSite()
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("reviewers.yml"))
        try FileManager.default.copyItem(
            at: DeskTestSite.fixture.appendingPathComponent("Content/reviewers.yml"),
            to: site.content.appendingPathComponent("reviewers.yml"))
        if let deployTarget {
            let siteFile = try site.read("Content/site.yml")
            let deploy = "deploy:\n  targets:\n    - {name: staging, url: \"\(deployTarget)\"}\n"
            try site.write(siteFile + deploy, to: "Content/site.yml")
        }
        site.clock.advance(by: 9 * 24 * 3600 + 4 * 3600)  // 2026-11-29 12:00
        return site
    }

    /// Polls the run until it ends; every state seen, in order.
    func follow(_ client: any TestClientProtocol, _ id: String, as session: Login) async throws -> [[String: Any]] {
        var seen: [[String: Any]] = []
        for _ in 0..<3000 {
            let answer = try await client.call(.get, "/api/publish/\(id)", as: session)
            #expect(answer.status == .ok)
            seen.append(answer.json)
            if answer.json["state"] as? String != "running" { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        return seen
    }

    @Test func theStepsOfAPublishAreReportedInOrderThenTheReport() async throws {
        let site = try Self.publishableSite()
        try await site.test { client in
            let publisher = try await client.session("fabu")
            let started = try await client.call(.post, "/api/publish", json: ["wait": false], as: publisher)
            #expect(started.status == .accepted, "\(started.text)")
            let id = try #require(started.json["id"] as? String)
            #expect(started.headers[.location] == "/api/publish/\(id)")
            #expect(started.json["state"] as? String == "running")
            let seen = try await follow(client, id, as: publisher)
            let last = try #require(seen.last)
            #expect(last["state"] as? String == "published", "\(last)")
            // The phases as they were seen while polling never go backwards…
            let phases = seen.compactMap { $0["phase"] as? String }.map { Self.order.firstIndex(of: $0) ?? -1 }
            #expect(phases.allSatisfy { $0 >= 0 } && phases == phases.sorted(), "\(phases)")
            #expect(seen.first?["state"] as? String == "running")
            // … and the run kept every step in the order they happened.
            let steps = try #require(last["steps"] as? [[String: Any]])
            #expect(steps.map { $0["phase"] as? String } == ["loading", "photos", "rendering", "checking", "writing"])
            #expect(steps[1]["total"] as? Int == 1)
            let rendering = steps[2]
            #expect((rendering["text"] as? String)?.hasPrefix("生成页面：已写出") == true)
            let result = try #require(last["result"] as? [String: Any])
            #expect(result["published"] as? Bool == true && result["errors"] as? Int == 0)
            #expect(rendering["done"] as? Int == result["files"] as? Int && (result["files"] as? Int ?? 0) > 25)
            #expect((last["message"] as? String)?.hasPrefix("已发布") == true)
            // The next publish knows how many files to expect from the build record.
            let again = try await client.call(.post, "/api/publish", json: [:], as: publisher)
            #expect(again.status == .ok, "\(again.text)")
            let againSteps = try #require(again.json["steps"] as? [[String: Any]])
            let estimate = try #require(againSteps.first { $0["phase"] as? String == "rendering" })
            #expect(estimate["estimated"] as? Bool == true && estimate["total"] as? Int == result["files"] as? Int)
            #expect((estimate["text"] as? String)?.contains("/ 约 ") == true)
        }
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output/index.html").path))
        #expect(try site.store.auditEntries().filter { $0.action == "publish" }.count == 2)
        // The photo cache is the project's, beside Content/.
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".campaign-cache").path))
    }

    @Test func oneRunAtATime() async throws {
        let site = try Self.publishableSite()
        try await site.test { client in
            let publisher = try await client.session("fabu")
            let admin = try await client.session("guanli")
            let first = try await client.call(.post, "/api/publish", json: ["wait": false], as: publisher)
            let id = try #require(first.json["id"] as? String)
            let second = try await client.call(.post, "/api/publish", json: ["wait": false], as: admin)
            #expect(second.status == .conflict)
            #expect(second.json["id"] as? String == id)
            _ = try await follow(client, id, as: admin)
            // Editors neither publish nor follow a publish.
            let editor = try await client.session("bianji")
            #expect(try await client.call(.get, "/api/publish/\(id)", as: editor).status == .forbidden)
            #expect(try await client.call(.get, "/api/publish/unknown", as: admin).status == .notFound)
        }
    }

    @Test func aDeployIsAStepOfTheRunAndAFailedOneIsReported() async throws {
        // Nothing listens on port 1: the deploy fails after the build published Output/.
        let site = try Self.publishableSite(deployTarget: "ssh://deploy@127.0.0.1:1/srv/www")
        try await site.test { client in
            let publisher = try await client.session("fabu")
            let started = try await client.call(
                .post, "/api/publish", json: ["wait": false, "target": "staging"], as: publisher)
            let id = try #require(started.json["id"] as? String)
            let last = try #require(try await follow(client, id, as: publisher).last)
            #expect(last["state"] as? String == "failed")
            let steps = try #require(last["steps"] as? [[String: Any]])
            #expect(steps.map { $0["phase"] as? String }.last == "deploying")
            #expect(steps.last?["text"] as? String == "上传到 staging")
            #expect((last["message"] as? String)?.contains("构建成功，但发布到 staging 失败") == true)
        }
    }

    @Test func theFormPublishesWithoutJavaScriptAndThePageShowsTheReport() async throws {
        let site = try Self.publishableSite()
        try await site.test { client in
            let publisher = try await client.session("fabu")
            let home = try await client.call(.get, "/", as: publisher)
            #expect(home.text.contains("<form method=\"post\" action=\"/publish\" id=\"publish-form\">"))
            #expect(home.text.contains("name=\"csrf\" value=\"\(publisher.csrf)\""))
            // Without the token the form is refused.
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: publisher.cookie]
            let refused = try await client.execute(
                uri: "/publish", method: .post, headers: headers, body: ByteBuffer(string: "csrf=wrong"))
            #expect(refused.status == .forbidden)
            let posted = try await client.execute(
                uri: "/publish", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf=\(publisher.csrf)&target="))
            #expect(posted.status == .seeOther)
            let location = try #require(posted.headers[.location])
            #expect(location.hasPrefix("/publish/"))
            let id = String(location.dropFirst("/publish/".count))
            let running = try await client.call(.get, location, as: publisher)
            #expect(running.status == .ok)
            #expect(running.text.contains("id=\"publish-steps\"") && running.text.contains("id=\"publish-message\""))
            _ = try await follow(client, id, as: publisher)
            let ended = try await client.call(.get, location, as: publisher)
            #expect(ended.text.contains("data-state=\"published\""))
            #expect(ended.text.contains("已发布") && ended.text.contains("<h2>报告</h2>"))
            #expect(ended.text.contains("<li data-phase=\"writing\">替换输出文件夹 Output/</li>"))
            // The home page links the last report.
            let after = try await client.call(.get, "/", as: publisher)
            #expect(after.text.contains("href=\"/publish/\(id)\""))
        }
    }

    @Test func theBuildReportsItsPhasesToTheCallback() async throws {
        let site = try Self.publishableSite()
        let seen = LockedValue<[BuildProgress]>([])
        var options = BuildOptions(
            contentURL: site.content, themeURL: site.root.appendingPathComponent("Theme"),
            outputURL: site.root.appendingPathComponent("Output"), production: true, now: site.clock.now(), jobs: 2)
        options.workingDirectory = site.root
        options.progress = { progress in seen.withLock { $0.append(progress) } }
        let report = await SiteBuilder.build(options)
        #expect(report.published, "\(report.diagnostics)")
        let reports = seen.withLock { $0 }
        var phases: [BuildProgress.Phase] = []
        for report in reports where phases.last != report.phase { phases.append(report.phase) }
        #expect(phases == [.loading, .photos, .rendering, .checking, .writing])
        let counts = reports.filter { $0.phase == .rendering }.compactMap(\.done)
        // From 0, every 25 files written, to all of them.
        #expect(counts.first == 0 && counts.count > 2 && counts.last == report.fileCount)
        #expect(counts.dropFirst().dropLast().allSatisfy { $0 % BuildProgress.fileInterval == 0 })
    }
}
