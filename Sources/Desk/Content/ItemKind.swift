import CampaignCore
import HTTPTypes

/// The kinds of content the desk edits, as they appear in URLs (`/api/items/<kind>`).
public enum ItemKind: String, Sendable, Hashable, CaseIterable, Codable {
    case news
    case page
    case exposure
    case led

    /// 新闻, 页面, 曝光, LED.
    public var chineseName: String {
        switch self {
        case .news: return "新闻"
        case .page: return "页面"
        case .exposure: return "曝光"
        case .led: return "LED 消息"
        }
    }

    /// The review kind of the signature payload; pages carry no review.
    public var reviewKind: ReviewReport.ItemKind? {
        switch self {
        case .news: return .news
        case .exposure: return .exposure
        case .led: return .led
        case .page: return nil
        }
    }

    /// The front-matter fields of docs/content.md, in the order the desk writes them.
    public var fieldOrder: [String] {
        switch self {
        case .news: return ["title", "date", "summary", "tags", "source", "led", "draft", "expires", "slug"]
        case .page: return ["title", "date", "summary", "slug"]
        case .exposure:
            return [
                "id", "title", "found", "district", "category", "unit", "location", "source", "deadline",
                "limit_days", "status", "photos", "rectification", "verification", "closed",
            ]
        case .led: return ["id", "group", "text", "template", "priority", "from", "until"]
        }
    }

    /// The key for the store's tables: `news/<id>`.
    func key(_ id: String) -> String { "\(rawValue)/\(id)" }
}
