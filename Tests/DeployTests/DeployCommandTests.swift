import ArgumentParser
import CLITestSupport
import CampaignCore
import Deploy
import Foundation
import TestSupport
import Testing

@testable import CampaignCLI

/// A project folder: Content/site.yml with the given deploy targets, and a built Output/.
func makeProject(targets: String, production: Bool = true) throws -> TemporaryFolder {
    let work = try TemporaryFolder()
    let content = try work.sub("Content")
    let site = """
        title: 测试站
        base_url: https://wmcj.example.gov.cn
        campaign: {name: 创建}
        organization: {sponsor: 市委宣传部, contact: 电话 0931-0000000}
        registration: {icp: 陇ICP备1号, police: 甘公网安备 1号, site_id_code: "6201000012"}
        \(targets)
        """
    try Data(site.utf8).write(to: content.appendingPathComponent("site.yml"))
    try writeSite(try work.sub("Output"), files: sampleFiles(), production: production)
    return work
}

@Suite struct DeployCommandTests {
    func arguments(_ work: TemporaryFolder, _ extra: [String]) -> [String] {
        [
            "deploy", "--content", work.url.appendingPathComponent("Content").path, "--output",
            work.url.appendingPathComponent("Output").path, "--state",
            work.url.appendingPathComponent(".campaign-deploy").path,
        ] + extra
    }

    @Test func siteYmlTargetsAreRead() throws {
        let (config, diagnostics) = SiteConfig.parse(
            """
            title: t
            base_url: https://x.example.cn
            campaign: {name: c}
            organization: {sponsor: s, contact: c}
            registration: {icp: i, police: p, site_id_code: "1"}
            deploy:
              targets:
                - {name: oss, url: "s3://bucket/site?endpoint=https://oss-cn-hangzhou.aliyuncs.com"}
                - {name: server, url: "ssh://deploy@10.0.0.5/srv/site"}
            """, file: "site.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config?.deployTargets.map(\.name) == ["oss", "server"])
        #expect(config?.deployTargets.last?.url == "ssh://deploy@10.0.0.5/srv/site")
    }

    @Test func aBuildThatIsNotProductionIsRefusedWithExit1() async throws {
        let work = try makeProject(
            targets: "deploy: {targets: [{name: srv, url: \"ssh://u@127.0.0.1:1/srv/site\"}]}", production: false)
        let capture = Capture()
        let code = await runCampaign(arguments(work, []), capture: capture)
        #expect(code == 1)
        #expect(capture.err.contains("不是发布构建"))
        let log = try String(
            contentsOf: work.url.appendingPathComponent(".campaign-deploy/log.jsonl"), encoding: .utf8)
        #expect(log.contains("\"result\":\"failed: "))
    }

    @Test func noTargetsOrAnUnknownOneIsAUsageError() async throws {
        let none = try makeProject(targets: "")
        let capture = Capture()
        #expect(await runCampaign(arguments(none, []), capture: capture) == 2)
        #expect(capture.err.contains("没有发布目标"))

        let two = try makeProject(
            targets: """
                deploy:
                  targets:
                    - {name: a, url: "ssh://u@h/srv/a"}
                    - {name: b, url: "ssh://u@h/srv/b"}
                """)
        let second = Capture()
        #expect(await runCampaign(arguments(two, []), capture: second) == 2)
        #expect(second.err.contains("--target"))
        let third = Capture()
        #expect(await runCampaign(arguments(two, ["--target", "c"]), capture: third) == 2)
        #expect(third.err.contains("a、b"))
    }

    @Test func s3WithoutCredentialsIsAUsageError() async throws {
        let work = try makeProject(
            targets:
                "deploy: {targets: [{name: oss, url: \"s3://bucket/site?endpoint=http://127.0.0.1:1&style=path\"}]}"
        )
        let capture = Capture()
        let code = await runCampaign(
            arguments(work, ["--credentials", work.url.appendingPathComponent("missing").path]), capture: capture)
        #expect(code == 2)
        #expect(capture.err.contains("密钥文件"))
    }

    @Test func textReportListsAShortPlan() {
        let lines = DeployCommand.textLines(
            .init(target: "oss", dryRun: true, uploaded: ["index.html"], deleted: ["old.html"], unchanged: 3))
        #expect(
            lines == [
                "将上传 index.html", "将删除 old.html",
                "deploy oss (dry run, nothing changed): 1 uploaded, 1 deleted, 3 unchanged",
            ])
    }
}
