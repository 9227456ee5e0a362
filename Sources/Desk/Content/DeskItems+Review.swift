import CampaignCore
import Crypto
import Foundation
import HTTPTypes
import LEDFeed

/// 三审 in the desk: a reviewer approves (signs with the account's Ed25519 key) or sends back (驳回).
extension DeskItems {
    /// A review decision.
    public enum Decision: String, Sendable, Codable {
        case approve
        case reject
    }

    /// Records `decision` at `level` on an item by `account`.
    ///
    /// - 403 when the account may not sign `level`, or already signed another level of this item;
    /// - 409 when an earlier level is not signed yet, or this level already is;
    /// - approve writes the signed step into the item's `review` block; reject returns the item to
    ///   its editor with `note` (required).
    public func review(
        _ kind: ItemKind, id: String, level: ReviewStage, decision: Decision, note: String, account: Account,
        origin: String
    ) throws -> Summary {
        guard let reviewKind = kind.reviewKind else {
            throw DeskError(.badRequest, "\(kind.chineseName)不需要三审（pages carry no review）")
        }
        guard account.role == .reviewer, account.levels.contains(level) else {
            throw DeskError(.forbidden, "您的账号不能签\(level.chineseName)（this account may not sign \(level.rawValue)）")
        }
        let file = try folder.file(kind, id: id)
        let site = try folder.site()
        let directory = folder.reviewers()
        let parsed = parse(file, site: site)
        guard let contentHash = parsed.contentHash else {
            throw DeskError(.unprocessableContent, "稿件有错误，请编辑修改后再审（the item has errors）")
        }
        let result = SignedReviewRules.check(
            parsed.review, kind: reviewKind, id: id, contentHash: contentHash, directory: directory,
            file: file.display, required: true, production: false, timeZone: site.timeZone)
        for other in ReviewStage.allCases where other != level {
            if case .valid(let by) = result.states[other],
                ReviewRules.normalizedName(by) == ReviewRules.normalizedName(account.name)
            {
                throw DeskError(
                    .forbidden,
                    "您已签过本稿的\(other.chineseName)，同一人不能再签\(level.chineseName)（one person signs one level）")
            }
        }
        if case .valid = result.states[level] {
            throw DeskError(.conflict, "\(level.chineseName)已签（\(level.rawValue) is already signed）")
        }
        for earlier in ReviewStage.allCases.prefix(while: { $0 != level }) {
            guard let state = result.states[earlier], Self.counts(state) else {
                throw DeskError(
                    .conflict, "须先完成\(earlier.chineseName)，才能签\(level.chineseName)（levels go in order）")
            }
        }
        let now = clock.now()
        switch decision {
        case .reject:
            let reason = note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else {
                throw DeskError(.unprocessableContent, "驳回须写明理由（a send-back needs a reason）")
            }
            try store.sendBack(
                item: kind.key(id), DeskStore.SentBack(level: level, by: account.name, note: reason, at: now))
            try store.audit(
                actor: account.login, action: "review.reject", target: kind.key(id),
                detail: "\(level.rawValue): \(reason)", origin: origin, at: now)
        case .approve:
            guard let key = try store.privateKey(account.login), let publicKey = account.publicKey,
                directory.reviewer(forKey: publicKey)?.levels.contains(level) == true
            else {
                throw DeskError(
                    .conflict,
                    "您的公钥未登记在 Content/reviewers.yml 的\(level.chineseName)中，请管理员处理（key not in reviewers.yml）")
            }
            // Signatures carry whole seconds, as written in the file.
            let at = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            let signature = ReviewSignature(
                kind: reviewKind, id: id, level: level, at: ReviewSignature.canonicalTime(at, timeZone: site.timeZone),
                contentHash: contentHash)
            let (publicKeyText, sig) = try signature.sign(with: key)
            var review = parsed.review ?? ReviewSignOff(location: SourceLocation(file: file.display))
            review[level] = ReviewStep(
                by: account.name, at: at, location: review.location, key: publicKeyText, sig: sig, hash: contentHash)
            let text =
                file.ledEntry.map { $0.writing(review, in: file.text, timeZone: site.timeZone) }
                ?? ReviewContent.markdown(file.text, withReview: review, timeZone: site.timeZone)
            try folder.write(text, to: file.url)
            try store.clearSentBack(item: kind.key(id))
            try store.audit(
                actor: account.login, action: "review.approve", target: kind.key(id),
                detail: "\(level.rawValue) \(contentHash)", origin: origin, at: now)
        }
        return try summary(folder.file(kind, id: id), site: site, directory: directory)
    }
}
