import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// Signed 三审 in the build (`review.signed: true`, docs/desk.md), on `Fixtures/signed`.
@Suite struct SignedSiteTests {
    static let article = "Content/news/2026-11-20-signed-article.md"
    static let notice = "Content/exposures/bg-2026-0001-test-parking/index.md"

    /// A copy of the signed fixture with the repository's theme.
    static func signedSite() throws -> TestSite {
        let site = try TestSite(copying: TestSite.fixtures.appendingPathComponent("signed"), parts: ["Content"])
        try FileManager.default.copyItem(
            at: TestSite.repository.appendingPathComponent("Theme"), to: site.root.appendingPathComponent("Theme"))
        return site
    }

    func reviewErrors(_ report: BuildReport) -> [Diagnostic] {
        report.diagnostics.filter { $0.code.hasPrefix("review.") && $0.severity == .error }
    }

    @Test func theCheckedInFixtureBuildsFullySignedForProduction() async throws {
        let site = try Self.signedSite()
        let report = await site.build(production: true)
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.published)
        #expect(report.review?.total == 2)
        #expect(report.review?.rows.isEmpty == true)
    }

    @Test func anEditAfterSigningVoidsTheSignaturesAndStopsProduction() async throws {
        let site = try Self.signedSite()
        let url = site.root.appendingPathComponent(Self.article)
        let text = try String(contentsOf: url, encoding: .utf8)
        try site.write(text.replacingOccurrences(of: "红马甲", with: "蓝马甲"), to: Self.article)
        let report = await site.build(production: true)
        let errors = reviewErrors(report)
        #expect(errors.map(\.code) == ["review.voided", "review.voided", "review.voided"])
        #expect(errors.allSatisfy { $0.file == Self.article })
        #expect(!report.published)
        let row = try #require(report.review?.rows.first)
        #expect(row.voided.map(\.by) == ["李敏", "王建国", "张海燕"])
        #expect(row.text.contains("next: 初审 by 李敏"))
        // Without --production the same edit is only a warning.
        let draft = await site.build(production: false)
        #expect(reviewErrors(draft).isEmpty)
        #expect(draft.diagnostics.contains { $0.code == "review.voided" && $0.severity == .warning })
    }

    @Test func replacingAPhotoVoidsTheNoticesSignatures() async throws {
        let site = try Self.signedSite()
        let photo = site.root.appendingPathComponent("Content/exposures/bg-2026-0001-test-parking/before-1.jpg")
        var bytes = try Data(contentsOf: photo)
        bytes.append(0)
        try bytes.write(to: photo)
        let report = await site.build(production: true)
        #expect(reviewErrors(report).map(\.code) == ["review.voided", "review.voided", "review.voided"])
        #expect(reviewErrors(report).allSatisfy { $0.file == Self.notice })
    }

    @Test func aSignOffCopiedFromAnotherItemIsAnError() async throws {
        let site = try Self.signedSite()
        let noticeText = try String(contentsOf: site.root.appendingPathComponent(Self.notice), encoding: .utf8)
        let articleURL = site.root.appendingPathComponent(Self.article)
        let articleText = try String(contentsOf: articleURL, encoding: .utf8)
        // The notice's review block pasted over the article's.
        let lines = noticeText.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "review:"))
        let end = try #require(lines[start...].firstIndex(of: "---"))
        let noticeReview = lines[start..<end].joined(separator: "\n")
        let pasted = ReviewContent.markdown(articleText, withReview: nil, timeZone: .gmt)
            .replacingOccurrences(of: "tags: [文明交通]\n", with: "tags: [文明交通]\n" + noticeReview + "\n")
        try site.write(pasted, to: Self.article)
        let report = await site.build(production: true)
        let errors = reviewErrors(report).filter { $0.file == Self.article }
        #expect(errors.map(\.code) == ["review.signature", "review.signature", "review.signature"])
        #expect(errors.first?.message.contains("初审") == true)
    }

    @Test func aTypedSignOffIsAnError() async throws {
        let site = try Self.signedSite()
        let url = site.root.appendingPathComponent(Self.article)
        let text = try String(contentsOf: url, encoding: .utf8)
        let typed = ReviewContent.markdown(text, withReview: nil, timeZone: .gmt).replacingOccurrences(
            of: "tags: [文明交通]\n",
            with: "tags: [文明交通]\nreview:\n  first: {by: 李敏, at: 2026-11-20 09:00}\n"
                + "  second: {by: 王建国, at: 2026-11-20 10:00}\n  final: {by: 张海燕, at: 2026-11-20 11:00}\n")
        try site.write(typed, to: Self.article)
        let report = await site.build(production: false)
        let errors = reviewErrors(report)
        #expect(errors.map(\.code) == ["review.unsigned", "review.unsigned", "review.unsigned"])
        #expect(errors.first?.message.contains(Self.article) == true)
    }

    @Test func signedSiteWithoutReviewersFileIsAnError() async throws {
        let site = try Self.signedSite()
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("reviewers.yml"))
        let report = await site.build(production: false)
        #expect(report.diagnostics.contains { $0.code == "review.reviewers" && $0.severity == .error })
    }

    /// Signing an unsigned copy with new keys gives a site that builds for production; with
    /// `CAMPAIGNPRESS_WRITE_SIGNED_FIXTURE=1` the result replaces the checked-in fixture's Content.
    @Test func fixtureSignerSignsAnUnsignedCopy() async throws {
        let site = try Self.signedSite()
        for path in [Self.article, Self.notice] {
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            try site.write(ReviewContent.markdown(text, withReview: nil, timeZone: .gmt), to: path)
        }
        #expect(await site.build(production: true).errorCount > 0)
        try FixtureSigner().sign(content: site.content, newsDay: "2026-11-20")
        let report = await site.build(production: true)
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        if ProcessInfo.processInfo.environment["CAMPAIGNPRESS_WRITE_SIGNED_FIXTURE"] == "1" {
            let target = TestSite.fixtures.appendingPathComponent("signed/Content")
            for path in [
                "reviewers.yml", "news/2026-11-20-signed-article.md", "exposures/bg-2026-0001-test-parking/index.md",
            ] {
                try Data(contentsOf: site.content.appendingPathComponent(path)).write(
                    to: target.appendingPathComponent(path))
            }
        }
    }
}
