import Crypto
import Foundation
import Testing

@testable import CampaignCore

@Suite struct SignedReviewTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let file = "Content/news/2026-11-20-a.md"

    static let article = """
        ---
        title: 全市文明交通劝导行动
        date: 2026-11-20 12:00
        ---
        正文第一段。

        正文第二段。
        """

    /// Three reviewers with one key each, for first, second and final.
    struct Team {
        let keys: [ReviewStage: Curve25519.Signing.PrivateKey]
        let names: [ReviewStage: String] = [.first: "李敏", .second: "王建国", .final: "张海燕"]

        init() {
            var keys: [ReviewStage: Curve25519.Signing.PrivateKey] = [:]
            for stage in ReviewStage.allCases { keys[stage] = Curve25519.Signing.PrivateKey() }
            self.keys = keys
        }

        var directory: ReviewerDirectory {
            ReviewerDirectory(
                reviewers: ReviewStage.allCases.map { stage in
                    ReviewerDirectory.Reviewer(
                        name: names[stage]!, levels: [stage],
                        keys: [keys[stage]!.publicKey.rawRepresentation.base64EncodedString()])
                })
        }
    }

    /// Signs `stages` of `text` (news `id`) at 2026-11-19 09:00 + n hours and writes the review in.
    func sign(
        _ text: String, id: String = "2026-11-20-a", stages: [ReviewStage], team: Team,
        review: ReviewSignOff? = nil
    ) throws -> String {
        var review = review ?? ReviewSignOff(location: SourceLocation(file: file))
        let hash = ReviewContent.markdownHash(text)
        for (offset, stage) in stages.enumerated() {
            let at = try #require(ContentDate.parse("2026-11-19 09:00", timeZone: shanghai))
                .addingTimeInterval(Double(offset) * 3600)
            let signature = ReviewSignature(
                kind: .news, id: id, level: stage, at: ReviewSignature.canonicalTime(at, timeZone: shanghai),
                contentHash: hash)
            let (key, sig) = try signature.sign(with: team.keys[stage]!)
            review[stage] = ReviewStep(
                by: team.names[stage], at: at, location: SourceLocation(file: file), key: key, sig: sig, hash: hash)
        }
        return ReviewContent.markdown(text, withReview: review, timeZone: shanghai)
    }

    /// Parses `text` and runs the signed check against `directory`.
    func verify(
        _ text: String, id: String = "2026-11-20-a", directory: ReviewerDirectory, production: Bool = false
    ) throws -> SignedReviewRules.Result {
        let (frontMatter, _) = FrontMatter.split(text, file: file, code: "news")
        let matter = try #require(frontMatter)
        let reader = try #require(
            FieldReader.parse(matter.yaml, file: file, lineOffset: matter.yamlLineOffset, codePrefix: "news"))
        let review = ReviewSignOff.parse(from: reader, timeZone: shanghai)
        return SignedReviewRules.check(
            review, kind: .news, id: id, contentHash: ReviewContent.markdownHash(text), directory: directory,
            file: file, required: true, production: production, timeZone: shanghai)
    }

    // MARK: - Content hash

    @Test func reviewBlockIsNotPartOfTheContent() {
        let withBlock = """
            ---
            title: 标题
            review:
              first: {by: 张三, at: 2026-11-19}

              second:
                by: 李四
                at: 2026-11-19
            date: 2026-11-20
            ---
            正文
            """
        let without = """
            ---
            title: 标题
            date: 2026-11-20
            ---
            正文
            """
        #expect(ReviewContent.markdownWithoutReview(withBlock) == without)
        #expect(ReviewContent.markdownHash(withBlock) == ReviewContent.markdownHash(without))
        let flow = "---\ntitle: 标题\nreview: {first: {by: 张三, at: 2026-11-19}}\n---\n正文"
        #expect(ReviewContent.markdownWithoutReview(flow) == "---\ntitle: 标题\n---\n正文")
    }

    @Test func anyOtherEditChangesTheHash() {
        let base = ReviewContent.markdownHash(Self.article)
        #expect(base.count == 64)
        #expect(ReviewContent.markdownHash(Self.article + " ") != base)
        #expect(ReviewContent.markdownHash(Self.article.replacingOccurrences(of: "第二段", with: "第三段")) != base)
        // A review-like line in the body is content, not the sign-off.
        #expect(ReviewContent.markdownHash(Self.article + "\nreview: x") != base)
        // CRLF endings are hashed as written.
        #expect(ReviewContent.markdownHash(Self.article.replacingOccurrences(of: "\n", with: "\r\n")) != base)
    }

    @Test func photoBytesArePartOfTheContent() {
        let photo = ReviewContent.Photo(file: "before-1.jpg", bytes: [1, 2, 3])
        let base = ReviewContent.markdownHash(Self.article, photos: [photo])
        #expect(base != ReviewContent.markdownHash(Self.article))
        #expect(
            base != ReviewContent.markdownHash(Self.article, photos: [.init(file: "before-1.jpg", bytes: [1, 2, 4])]))
        // The same bytes split differently between two photos hash differently.
        let split = [ReviewContent.Photo(file: "a.jpg", bytes: [1]), .init(file: "b.jpg", bytes: [2, 3])]
        let other = [ReviewContent.Photo(file: "a.jpg", bytes: [1, 2]), .init(file: "b.jpg", bytes: [3])]
        #expect(ReviewContent.markdownHash("x", photos: split) != ReviewContent.markdownHash("x", photos: other))
    }

    @Test func ledEntryWithoutItsReview() {
        let yaml = """
            messages:
              - id: a
                group: slogans
                text: 创建全国文明城市
                review:
                  first: {by: 李敏, at: 2026-11-02}

              - id: b
                group: slogans
                text: 讲文明树新风
            """
        #expect(
            ReviewContent.entryWithoutReview(yaml, startLine: 2, endLine: 8, indent: 4)
                == "  - id: a\n    group: slogans\n    text: 创建全国文明城市")
        #expect(
            ReviewContent.entryWithoutReview(yaml, startLine: 8, endLine: nil, indent: 4)
                == "  - id: b\n    group: slogans\n    text: 讲文明树新风")
    }

    @Test func writingTheReviewKeepsTheRestOfTheFile() throws {
        let team = Team()
        let signed = try sign(Self.article, stages: [.first], team: team)
        #expect(signed.contains("review:\n  first: {by: \"李敏\", at: \"2026-11-19T09:00:00+08:00\", key: "))
        #expect(ReviewContent.markdownWithoutReview(signed) == Self.article)
        #expect(ReviewContent.markdown(signed, withReview: nil, timeZone: shanghai) == Self.article)
    }

    // MARK: - Verification

    @Test func threeValidSignaturesPass() throws {
        let team = Team()
        let text = try sign(Self.article, stages: ReviewStage.allCases, team: team)
        let result = try verify(text, directory: team.directory, production: true)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.states[.second] == .valid(by: "王建国"))
        #expect(result.states.count == 3)
    }

    @Test func anEditAfterSigningVoidsEverySignature() throws {
        let team = Team()
        let signed = try sign(Self.article, stages: ReviewStage.allCases, team: team)
        let edited = signed.replacingOccurrences(of: "正文第二段", with: "正文第二段（改）")
        let result = try verify(edited, directory: team.directory)
        #expect(result.states[.final] == .voided(by: "张海燕"))
        #expect(result.diagnostics.map(\.code) == ["review.voided", "review.voided", "review.voided"])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(result.diagnostics[0].message.contains(file))
        let production = try verify(edited, directory: team.directory, production: true)
        #expect(production.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func aTypedSignOffIsAnErrorNamingFileAndStep() throws {
        let team = Team()
        let typed = Self.article.replacingOccurrences(
            of: "date: 2026-11-20 12:00\n", with: "date: 2026-11-20 12:00\nreview:\n  first: {by: 李敏, at: 2026-11-19}\n"
        )
        let result = try verify(typed, directory: team.directory)
        let finding = try #require(result.diagnostics.first)
        #expect(finding.code == "review.unsigned")
        #expect(finding.severity == .error)
        #expect(finding.message.contains(file) && finding.message.contains("初审"))
        #expect(finding.line == 5)
    }

    @Test func aSignatureCopiedFromAnotherItemIsAnError() throws {
        let team = Team()
        let other = try sign(Self.article, id: "2026-11-20-other", stages: [.first], team: team)
        // The same text under another id: the signature does not belong to this item.
        let result = try verify(other, id: "2026-11-20-a", directory: team.directory)
        #expect(result.diagnostics.map(\.code) == ["review.signature"])
        #expect(result.states[.first] == .invalid(by: "李敏"))
        // An altered date breaks the signature too.
        let signed = try sign(Self.article, stages: [.first], team: team)
        let moved = signed.replacingOccurrences(of: "2026-11-19T09:00:00", with: "2026-11-19T08:00:00")
        #expect(try verify(moved, directory: team.directory).diagnostics.map(\.code) == ["review.signature"])
    }

    @Test func keysMustBeListedForTheLevelAndMatchTheName() throws {
        let team = Team()
        let signed = try sign(Self.article, stages: [.first], team: team)
        // Not listed at all.
        #expect(try verify(signed, directory: ReviewerDirectory()).diagnostics.map(\.code) == ["review.key"])
        // Listed, but for another level.
        var directory = team.directory
        directory.reviewers[0].levels = [.second]
        let wrongLevel = try verify(signed, directory: directory).diagnostics
        #expect(wrongLevel.map(\.code) == ["review.key"])
        #expect(wrongLevel.first?.message.contains("复审") == true)
        // Another name typed over the signature.
        let renamed = signed.replacingOccurrences(of: "by: \"李敏\"", with: "by: \"赵磊\"")
        #expect(try verify(renamed, directory: team.directory).diagnostics.map(\.code) == ["review.signer"])
    }

    // MARK: - reviewers.yml

    @Test func reviewersFileRoundTrips() throws {
        let team = Team()
        let (parsed, diagnostics) = ReviewerDirectory.parse(team.directory.yaml, file: "Content/reviewers.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(parsed == team.directory)
        #expect(parsed.names(for: .final) == ["张海燕"])
    }

    @Test func reviewersFileReportsBadEntries() {
        let yaml = """
            reviewers:
              - name: 李敏
                levels: [first, third]
                keys: [not-a-key]
            """
        let (parsed, diagnostics) = ReviewerDirectory.parse(yaml, file: "Content/reviewers.yml")
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.file == "Content/reviewers.yml" && $0.line == 3 || $0.line == 4 })
        #expect(parsed.reviewers.first?.levels == [.first])
        #expect(parsed.reviewers.first?.keys == [])
    }

    // MARK: - Report

    @Test func reportShowsWhoSignedWhoIsNextAndVoidedSignatures() throws {
        let team = Team()
        let signed = try sign(Self.article, stages: [.first], team: team)
        var item = ReviewReport.Item(kind: .news, file: file, title: "标题", review: nil)
        item.signedStates = try verify(signed, directory: team.directory).states
        for stage in ReviewStage.allCases { item.reviewers[stage] = team.directory.names(for: stage) }
        let row = try #require(ReviewReport(items: [item]).rows.first)
        #expect(row.needs == [.second, .final])
        #expect(row.text.contains("初审 by 李敏") && row.text.contains("next: 复审 by 王建国"))

        let edited = try sign(Self.article, stages: ReviewStage.allCases, team: team) + "\n补充"
        item.signedStates = try verify(edited, directory: team.directory).states
        let voided = try #require(ReviewReport(items: [item]).rows.first)
        #expect(voided.needs == ReviewStage.allCases)
        #expect(voided.voided.map(\.by) == ["李敏", "王建国", "张海燕"])
        #expect(voided.text.contains("void after an edit: 初审 by 李敏"))
    }
}
