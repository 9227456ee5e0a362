import Foundation

/// The signed 三审 of `site.yml` `review: {signed: true}` (docs/desk.md, "Signed 三审"): each step counts only with
/// a valid Ed25519 signature, by a key `Content/reviewers.yml` lists for that level, over the item's
/// current content.
///
/// Findings, by severity:
/// - **false sign-offs** are errors in every build: a typed step without a signature
///   (`review.unsigned`), a signature that does not verify — copied from another item or altered
///   (`review.signature`), a key nobody holds or not listed for the level (`review.key`), a `by` that
///   is not the key's owner (`review.signer`);
/// - **voided** steps (`review.voided`): a valid signature over an earlier version of the item, which
///   was edited after signing. Like a missing step they are warnings, and errors with `--production`
///   and `review.required`: an item being edited is normal, publishing it unsigned is not.
public enum SignedReviewRules {
    /// What one step of a signed review amounts to.
    public enum StepState: Sendable, Hashable {
        /// A valid signature over the current content by `by`.
        case valid(by: String)
        /// A valid signature by `by` over an earlier version: the item changed after signing.
        case voided(by: String)
        /// A step that does not count: typed, copied, or by a key not allowed for the level.
        case invalid(by: String?)
    }

    /// The result for one item.
    public struct Result: Sendable, Hashable {
        /// The state of each step written in the item (stages without a step are absent).
        public var states: [ReviewStage: StepState] = [:]
        public var diagnostics: [Diagnostic] = []
    }

    /// Verifies every step of `review` for the item `kind`/`id` whose content hash is `contentHash`.
    ///
    /// - Parameters:
    ///   - file: the item's file, named in every message.
    ///   - required: `review.required` of site.yml; with `production` voided steps are errors.
    public static func check(
        _ review: ReviewSignOff?, kind: ReviewReport.ItemKind, id: String, contentHash: String,
        directory: ReviewerDirectory, file: String, required: Bool, production: Bool,
        timeZone: TimeZone = SiteConfig.defaultTimeZone
    ) -> Result {
        var result = Result()
        guard let review else { return result }
        let voidSeverity: Severity = production && required ? .error : .warning
        for stage in ReviewStage.allCases {
            guard let step = review[stage] else { continue }
            let location = step.location
            let name = step.by.map { "'\($0)'" } ?? "(no name)"
            func fail(_ message: String, code: String) {
                result.diagnostics.append(
                    Diagnostic(
                        file: file, line: location.line, column: location.column, severity: .error, code: code,
                        message: message))
                result.states[stage] = .invalid(by: step.by)
            }
            guard let key = step.key, let sig = step.sig else {
                fail(
                    "\(file): \(stage.label) by \(name) is typed, not signed; this site accepts only sign-offs "
                        + "signed in campaign desk (review.signed: true) — sign \(stage.chineseName) there",
                    code: "review.unsigned")
                continue
            }
            guard let at = step.at else {
                fail(
                    "\(file): \(stage.label) has a signature but no valid 'at'; the signature can not be checked",
                    code: "review.signature")
                continue
            }
            guard let reviewer = directory.reviewer(forKey: key) else {
                fail(
                    "\(file): \(stage.label) is signed with a key not listed in Content/\(ReviewerDirectory.file); "
                        + "only reviewers' registered keys count",
                    code: "review.key")
                continue
            }
            guard reviewer.levels.contains(stage) else {
                fail(
                    "\(file): \(stage.label) is signed by '\(reviewer.name)', who may sign only "
                        + (reviewer.levels.isEmpty
                            ? "no level" : reviewer.levels.map(\.chineseName).joined(separator: ", ")),
                    code: "review.key")
                continue
            }
            if let by = step.by, ReviewRules.normalizedName(by) != ReviewRules.normalizedName(reviewer.name) {
                fail(
                    "\(file): \(stage.label) says by '\(by)' but is signed with the key of '\(reviewer.name)'",
                    code: "review.signer")
                continue
            }
            let signedHash = step.hash ?? contentHash
            let signature = ReviewSignature(
                kind: kind, id: id, level: stage, at: ReviewSignature.canonicalTime(at, timeZone: timeZone),
                contentHash: signedHash)
            guard signature.isValid(key: key, sig: sig) else {
                fail(
                    "\(file): the signature of \(stage.label) by '\(reviewer.name)' does not belong to this item "
                        + "(copied from another item, or its date, id or hash was altered); sign it again in campaign desk",
                    code: "review.signature")
                continue
            }
            guard signedHash == contentHash else {
                result.states[stage] = .voided(by: reviewer.name)
                result.diagnostics.append(
                    Diagnostic(
                        file: file, line: location.line, column: location.column, severity: voidSeverity,
                        code: "review.voided",
                        message:
                            "\(file): \(stage.label) by '\(reviewer.name)' is void: the item was edited after it was "
                            + "signed; it needs \(stage.chineseName) again"))
                continue
            }
            result.states[stage] = .valid(by: reviewer.name)
        }
        return result
    }
}
