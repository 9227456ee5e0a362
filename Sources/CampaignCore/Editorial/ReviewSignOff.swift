import Foundation
import Yams

/// One of the three reviews (三审) every published text passes.
public enum ReviewStage: String, Sendable, Hashable, CaseIterable, Codable {
    case first
    case second
    case final

    /// The Chinese name editors know: 初审, 复审, 终审.
    public var chineseName: String {
        switch self {
        case .first: return "初审"
        case .second: return "复审"
        case .final: return "终审"
        }
    }

    /// `初审 (first)`, the form used in messages so both the field name and the editor's word appear.
    public var label: String { "\(chineseName) (\(rawValue))" }
}

/// One signed review step: who reviewed and when, as far as the front matter says.
///
/// Both fields are optional so a partly filled review survives parsing and the report can say what
/// is still missing.
public struct ReviewStep: Sendable, Hashable {
    /// The reviewer's name, whitespace trimmed; nil when `by` is missing or empty.
    public var by: String?
    /// When the review was signed; nil when `at` is missing or not a date.
    public var at: Date?
    /// Where the step's mapping is written.
    public var location: SourceLocation
    /// The signer's Ed25519 public key (base64), for signed reviews (docs/desk.md, "Signed 三审").
    public var key: String?
    /// The Ed25519 signature (base64) of `ReviewSignature.payload`.
    public var sig: String?
    /// The content hash the signature was made over; when it differs from the item's current hash the
    /// item was edited after signing and the signature is void.
    public var hash: String?

    public init(
        by: String?, at: Date?, location: SourceLocation, key: String? = nil, sig: String? = nil, hash: String? = nil
    ) {
        self.by = by
        self.at = at
        self.location = location
        self.key = key
        self.sig = sig
        self.hash = hash
    }

    /// True when the step carries a key and a signature.
    public var isSigned: Bool { key != nil && sig != nil }

    /// True when both the reviewer and the date are given.
    public var isComplete: Bool { by != nil && at != nil }
}

/// The `review: {first, second, final}` sign-off of a news item, exposure notice or LED message.
public struct ReviewSignOff: Sendable, Hashable {
    public var first: ReviewStep?
    public var second: ReviewStep?
    public var final: ReviewStep?
    /// Where the `review` mapping is written.
    public var location: SourceLocation

    public init(
        first: ReviewStep? = nil, second: ReviewStep? = nil, final: ReviewStep? = nil, location: SourceLocation
    ) {
        self.first = first
        self.second = second
        self.final = final
        self.location = location
    }

    /// The step of `stage`.
    public subscript(stage: ReviewStage) -> ReviewStep? {
        get {
            switch stage {
            case .first: return first
            case .second: return second
            case .final: return final
            }
        }
        set {
            switch stage {
            case .first: first = newValue
            case .second: second = newValue
            case .final: final = newValue
            }
        }
    }

    /// Stages without a complete step (no mapping, or `by` or `at` missing), in review order.
    public var missingStages: [ReviewStage] {
        ReviewStage.allCases.filter { self[$0]?.isComplete != true }
    }

    /// True when all three steps name a reviewer and a date.
    public var isComplete: Bool { missingStages.isEmpty }

    /// Reads the `review` field of `reader`; nil when the item has no `review`.
    ///
    /// Type errors (a step that is not a mapping, a date that is not a date) and unknown keys are
    /// reported into the reader's sink with the reader's code prefix; what could be read is kept, so
    /// `ReviewRules` can report the gaps and `ReviewReport` can list who still has to sign.
    public static func parse(from reader: FieldReader, timeZone: TimeZone) -> ReviewSignOff? {
        guard reader.has("review") else { return nil }
        guard let review = reader.map("review") else {
            return ReviewSignOff(location: reader.location(of: "review"))
        }
        var signOff = ReviewSignOff(location: review.location)
        for stage in ReviewStage.allCases {
            guard let step = review.map(stage.rawValue) else { continue }
            let by = step.string("by").flatMap { $0.isEmpty ? nil : $0 }
            let at = step.date("at", timeZone: timeZone)
            let key = step.string("key").flatMap { $0.isEmpty ? nil : $0 }
            let sig = step.string("sig").flatMap { $0.isEmpty ? nil : $0 }
            let hash = step.string("hash").flatMap { $0.isEmpty ? nil : $0 }
            step.reportUnknownKeys()
            signOff[stage] = ReviewStep(by: by, at: at, location: step.location, key: key, sig: sig, hash: hash)
        }
        review.reportUnknownKeys()
        return signOff
    }
}
