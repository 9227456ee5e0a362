import CampaignCore
import HTTPTypes

/// What an account may do in the desk.
///
/// - `editor` (编辑): writes and edits news, pages, exposure notices and LED messages, uploads photos;
/// - `reviewer` (审核人): signs the 三审 levels listed on the account, or sends an item back;
/// - `publisher` (发布员): runs the production build and the deploy;
/// - `admin` (管理员): everything an editor and a publisher may do, and reads the audit log.
///
/// Reviewing is never implied by another role: a signature is a person's own act.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case editor
    case reviewer
    case publisher
    case admin

    /// 编辑, 审核人, 发布员, 管理员.
    public var chineseName: String {
        switch self {
        case .editor: return "编辑"
        case .reviewer: return "审核人"
        case .publisher: return "发布员"
        case .admin: return "管理员"
        }
    }

    /// May create and save content.
    public var canEdit: Bool { self == .editor || self == .admin }
    /// May run the production build and deploy.
    public var canPublish: Bool { self == .publisher || self == .admin }
    /// May read and export the audit log.
    public var canAudit: Bool { self == .admin }
}

/// One desk account as the store keeps it (the password hash and private key stay in the store).
public struct Account: Sendable, Hashable, Codable {
    public var login: String
    /// The person's name as it appears in sign-offs (`by`) and `Content/reviewers.yml`.
    public var name: String
    public var role: Role
    /// The 三审 levels a reviewer may sign; empty for other roles.
    public var levels: [ReviewStage]
    public var disabled: Bool
    /// The reviewer's Ed25519 public key (base64), nil for other roles.
    public var publicKey: String?

    public init(
        login: String, name: String, role: Role, levels: [ReviewStage] = [], disabled: Bool = false,
        publicKey: String? = nil
    ) {
        self.login = login
        self.name = name
        self.role = role
        self.levels = levels
        self.disabled = disabled
        self.publicKey = publicKey
    }
}
