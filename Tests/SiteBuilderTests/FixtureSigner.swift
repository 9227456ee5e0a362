import CampaignCore
import Crypto
import Foundation

@testable import SiteBuilder

/// Signs every news item and exposure notice of a content folder with three new reviewers' keys, as
/// `campaign desk` would, and writes their public keys to `reviewers.yml`.
///
/// The private keys live only in this value: once it is gone, nobody can sign with them again.
struct FixtureSigner {
    struct Reviewer {
        var name: String
        var stage: ReviewStage
        var key = Curve25519.Signing.PrivateKey()
    }

    var reviewers = [
        Reviewer(name: "李敏", stage: .first), Reviewer(name: "王建国", stage: .second),
        Reviewer(name: "张海燕", stage: .final),
    ]
    let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    var directory: ReviewerDirectory {
        ReviewerDirectory(
            reviewers: reviewers.map {
                .init(
                    name: $0.name, levels: [$0.stage], keys: [$0.key.publicKey.rawRepresentation.base64EncodedString()])
            })
    }

    /// Signs the whole content folder: each item at 09:00, 10:00 and 11:00 of `day` (news) or of the
    /// day the problem was found (exposures).
    func sign(content: URL, newsDay: String) throws {
        try Data(directory.yaml.utf8).write(to: content.appendingPathComponent(ReviewerDirectory.file))
        let fm = FileManager.default
        let news = content.appendingPathComponent("news")
        for name in (try? fm.contentsOfDirectory(atPath: news.path)) ?? [] where name.hasSuffix(".md") {
            let url = news.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let signed = try sign(
                text, kind: .news, id: SiteBuilder.newsID(fileName: name), day: newsDay,
                hash: ReviewContent.markdownHash(text))
            try Data(signed.utf8).write(to: url)
        }
        let exposures = content.appendingPathComponent("exposures")
        let siteText = try String(contentsOf: content.appendingPathComponent("site.yml"), encoding: .utf8)
        let site = try require(SiteConfig.parse(siteText, file: "site.yml").0)
        for bundle in (try? fm.contentsOfDirectory(atPath: exposures.path)) ?? [] {
            let folder = exposures.appendingPathComponent(bundle)
            let url = folder.appendingPathComponent("index.md")
            let text = try String(contentsOf: url, encoding: .utf8)
            let frontMatter = try require(FrontMatter.split(text, file: url.path, code: "exposure").0)
            var files = FileSystemContentSource(root: folder).files(under: "")
            files.remove("index.md")
            let notice = try require(
                ExposureNotice.parse(
                    frontMatter: frontMatter, file: url.path, bundle: bundle, site: site, filesInBundle: files
                )
                .0)
            let hash = SiteBuilder.noticeContentHash(text, notice: notice, files: files) {
                try? Data(contentsOf: folder.appendingPathComponent($0))
            }
            let day = ContentDate.dayString(notice.found, in: timeZone)
            let signed = try sign(text, kind: .exposure, id: notice.id, day: day, hash: hash)
            try Data(signed.utf8).write(to: url)
        }
    }

    /// `text` with three signed steps written into its front matter.
    func sign(_ text: String, kind: ReviewReport.ItemKind, id: String, day: String, hash: String) throws -> String {
        var review = ReviewSignOff(location: SourceLocation(file: ""))
        for (offset, reviewer) in reviewers.enumerated() {
            let at = try require(ContentDate.parse("\(day) \(ContentDate.pad(9 + offset)):00", timeZone: timeZone))
            let signature = ReviewSignature(
                kind: kind, id: id, level: reviewer.stage, at: ReviewSignature.canonicalTime(at, timeZone: timeZone),
                contentHash: hash)
            let (key, sig) = try signature.sign(with: reviewer.key)
            review[reviewer.stage] = ReviewStep(
                by: reviewer.name, at: at, location: SourceLocation(file: ""), key: key, sig: sig, hash: hash)
        }
        return ReviewContent.markdown(text, withReview: review, timeZone: timeZone)
    }
}

/// `#require` outside a test: throws instead of recording.
private func require<T>(_ value: T?, _ context: String = "", line: Int = #line) throws -> T {
    guard let value else { throw FixtureError(message: "FixtureSigner.swift:\(line): nil \(context)") }
    return value
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
