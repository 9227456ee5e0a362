import ArgumentParser
import CLITestSupport
import CampaignCore
import Foundation
import GRDB
import Testing

@testable import CampaignCLI
@testable import Desk

/// `campaign desk user …` and `campaign desk audit verify`.
@Suite struct DeskCommandTests {
    /// A usage error: exit code 2, as the process ends (docs/architecture.md, "Command line and exit codes").
    let usage: Int32 = 2

    /// A project with a desk data folder holding an editor and a reviewer.
    func project() throws -> (root: URL, store: DeskStore) {
        let root = try makeProject()
        let store = try DeskStore(folder: root.appendingPathComponent(".campaign-desk"), bcryptCost: 4)
        let admin = DeskAdmin(store: store, folder: ContentFolder(url: root.appendingPathComponent("Content")))
        try admin.addUser(Account(login: "bianji", name: "陈编辑", role: .editor), password: "Wenming2026!")
        try admin.addUser(
            Account(login: "chushen", name: "李敏", role: .reviewer, levels: [.first]), password: "Wenming2026!")
        return (root, store)
    }

    func paths(_ root: URL) -> [String] {
        [
            "--data", root.appendingPathComponent(".campaign-desk").path, "--content",
            root.appendingPathComponent("Content").path,
        ]
    }

    @Test func userListAndDisable() async throws {
        let (root, _) = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let capture = Capture()
        #expect(await runCampaign(["desk", "user", "list"] + paths(root), capture: capture) == 0)
        #expect(capture.out == "bianji\t陈编辑\teditor\nchushen\t李敏\treviewer\tfirst")
        #expect(await runCampaign(["desk", "user", "disable", "bianji"] + paths(root), capture: capture) == 0)
        let after = Capture()
        #expect(await runCampaign(["desk", "user", "list"] + paths(root), capture: after) == 0)
        #expect(after.out.hasPrefix("bianji\t陈编辑\teditor\tdisabled"))
        #expect(await runCampaign(["desk", "user", "disable", "nobody"] + paths(root), capture: Capture()) == usage)
        // The reviewer's public key went to Content/reviewers.yml.
        let yaml = try String(contentsOf: root.appendingPathComponent("Content/reviewers.yml"), encoding: .utf8)
        #expect(yaml.contains("name: \"李敏\"") && yaml.contains("levels: [first]"))
    }

    @Test func userAddRefusesABadRoleOrLevelsBeforeAskingForThePassword() async throws {
        let (root, _) = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let capture = Capture()
        #expect(
            await runCampaign(
                ["desk", "user", "add", "x1", "--name", "某", "--role", "boss"] + paths(root), capture: capture)
                == usage)
        #expect(
            await runCampaign(
                ["desk", "user", "add", "x1", "--name", "某", "--role", "editor", "--levels", "first"] + paths(root),
                capture: capture) == usage)
    }

    @Test func auditVerifyFindsTampering() async throws {
        let (root, store) = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let intact = Capture()
        #expect(await runCampaign(["desk", "audit", "verify"] + paths(root), capture: intact) == 0)
        #expect(intact.out.contains("audit log intact: 2 entries"))
        try await store.queue.write { db in
            try db.execute(sql: "UPDATE audit SET detail = 'admin' WHERE seq = 1")
        }
        let tampered = Capture()
        #expect(await runCampaign(["desk", "audit", "verify"] + paths(root), capture: tampered) == 1)
        #expect(tampered.err.contains("entry 1 was altered"))
    }
}
