import CampaignCore
import Foundation
import TestSupport
import Testing

@testable import Deploy

/// Only a production build without errors or pending reviews, matching its record, is published.
@Suite struct BuildRecordGateTests {
    @Test func aReadyBuildLoadsWithItsHashes() throws {
        let work = try TemporaryFolder()
        try writeSite(work.url, files: sampleFiles())
        let site = try LocalSite.load(folder: work.url)
        #expect(site.files.count == 8)
        #expect(!site.files.contains { $0.path == BuildRecord.fileName })
        let css = try #require(site.files.first { $0.path == "assets/style.1a2b3c4d.css" })
        #expect(css.md5 == md5Hex(Data("body{color:#222}".utf8)))
    }

    @Test(arguments: [
        (false, 0, false, 0, "--production"),
        (true, 2, false, 0, "2 个错误"),
        (true, 0, true, 3, "3 条内容未完成三审"),
    ])
    func unreadyBuildsAreRefused(production: Bool, errors: Int, required: Bool, pending: Int, says: String) throws {
        let work = try TemporaryFolder()
        try writeSite(
            work.url, files: sampleFiles(), production: production, errors: errors, reviewRequired: required,
            pendingReviews: pending)
        #expect {
            _ = try LocalSite.load(folder: work.url)
        } throws: { error in
            guard let error = error as? DeployError else { return false }
            return error.kind == .notPublishable && error.exitCode == 1 && error.message.contains(says)
        }
    }

    @Test func pendingReviewsWithoutTheRequirementArePublished() throws {
        let work = try TemporaryFolder()
        try writeSite(work.url, files: sampleFiles(), reviewRequired: false, pendingReviews: 4)
        #expect(try LocalSite.load(folder: work.url).files.count == 8)
    }

    @Test func missingRecordIsRefused() throws {
        let work = try TemporaryFolder()
        try Data("<p>hand-made</p>".utf8).write(to: work.url.appendingPathComponent("index.html"))
        #expect {
            _ = try LocalSite.load(folder: work.url)
        } throws: { ($0 as? DeployError)?.message.contains("没有构建记录") == true }
    }

    @Test(arguments: ["changed", "extra", "missing"])
    func folderThatNoLongerMatchesItsRecordIsRefused(change: String) throws {
        let work = try TemporaryFolder()
        try writeSite(work.url, files: sampleFiles())
        switch change {
        case "changed": try Data("edited by hand".utf8).write(to: work.url.appendingPathComponent("index.html"))
        case "extra": try Data("x".utf8).write(to: work.url.appendingPathComponent("notes.txt"))
        default: try FileManager.default.removeItem(at: work.url.appendingPathComponent("atom.xml"))
        }
        #expect {
            _ = try LocalSite.load(folder: work.url)
        } throws: { error in
            guard let error = error as? DeployError else { return false }
            return error.exitCode == 2 && error.message.contains("与构建记录不一致")
        }
    }

    @Test func recordPathsThatLeaveTheFolderAreRefused() throws {
        let work = try TemporaryFolder()
        let record = BuildRecord(
            builtAt: "", now: "", production: true, errors: 0, reviewRequired: false, pendingReviews: 0,
            files: ["../secret.txt": String(repeating: "0", count: 64)])
        try record.encoded().write(to: work.url.appendingPathComponent(BuildRecord.fileName))
        #expect(throws: DeployError.self) { _ = try LocalSite.load(folder: work.url) }
    }
}

@Suite struct CredentialsTests {
    @Test func fromTheEnvironment() throws {
        let credentials = try Credentials.load(
            file: nil,
            environment: [
                "AWS_ACCESS_KEY_ID": "AKID1234", "AWS_SECRET_ACCESS_KEY": "secret1234", "AWS_SESSION_TOKEN": "tok1234",
            ])
        #expect(credentials.accessKeyID == "AKID1234" && credentials.sessionToken == "tok1234")
        #expect(throws: DeployError.self) { _ = try Credentials.load(file: nil, environment: [:]) }
    }

    @Test func fromAFileReadableByItsOwnerOnly() throws {
        let work = try TemporaryFolder()
        let file = work.url.appendingPathComponent("oss.credentials")
        try Data("[default]\naws_access_key_id = LTAIexample1\naws_secret_access_key = \"abc/def+ghi\"\n".utf8)
            .write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect {
            _ = try Credentials.load(file: file, environment: [:])
        } throws: { error in
            let message = (error as? DeployError)?.message ?? ""
            return message.contains("chmod 600") && !message.contains("abc/def+ghi")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let credentials = try Credentials.load(file: file, environment: ["AWS_ACCESS_KEY_ID": "other"])
        #expect(credentials.accessKeyID == "LTAIexample1")
        #expect(credentials.secretAccessKey == "abc/def+ghi")
    }
}
