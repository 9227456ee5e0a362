/// Where a notice stands in the rectification workflow (挂账销号), in workflow order.
///
/// `open` 待整改 → `rectifying` 整改中 → `rectified` 已整改 → `verified` 复核通过 → `closed` 已销号.
/// A notice is on the ledger (挂账) until it is `closed` (销号).
public enum ExposureStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case open
    case rectifying
    case rectified
    case verified
    case closed

    /// The Chinese name shown on badges and facet pages, e.g. `待整改`.
    public var chineseName: String {
        switch self {
        case .open: "待整改"
        case .rectifying: "整改中"
        case .rectified: "已整改"
        case .verified: "复核通过"
        case .closed: "已销号"
        }
    }

    /// The status written as its English word (`rectified`) or its Chinese name (`已整改`).
    public init?(text: String) {
        if let status = ExposureStatus(rawValue: text) {
            self = status
        } else if let status = ExposureStatus.allCases.first(where: { $0.chineseName == text }) {
            self = status
        } else {
            return nil
        }
    }

    /// Position in the workflow, 0 for `open`.
    public var step: Int { ExposureStatus.allCases.firstIndex(of: self) ?? 0 }

    /// True while the problem still waits for work: `open` or `rectifying` (the statuses that can be overdue).
    public var awaitsRectification: Bool { self == .open || self == .rectifying }

    /// Orders statuses along the workflow.
    public static func < (lhs: ExposureStatus, rhs: ExposureStatus) -> Bool { lhs.step < rhs.step }
}

/// How a problem came to light; the values are the Chinese words editors write.
public enum ExposureSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// 督查: found by an inspection team.
    case inspection = "督查"
    /// 暗访: found on an unannounced visit.
    case undercover = "暗访"
    /// 随手拍: a citizen's snapshot sent in through the campaign channels.
    case snapshot = "随手拍"
    /// 群众举报: a complaint from the public.
    case complaint = "群众举报"
}
