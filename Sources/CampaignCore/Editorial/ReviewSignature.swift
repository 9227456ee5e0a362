import Crypto
import Foundation

/// The Ed25519 signature of one 三审 step (docs/desk.md, "Signed 三审").
///
/// The signed message is the UTF-8 text
/// `campaignpress-review-v1\n<kind>\n<id>\n<level>\n<at>\n<content sha256>` where `kind` is `news`,
/// `exposure` or `led`, `id` the item's id (news: the file name without `.md`; exposure: the notice's
/// `id`; LED: the message's `id`), `level` is `first`, `second` or `final`, `at` is the step's time
/// as RFC 3339 in the site's time zone to the second (`2026-11-20T10:00:00+08:00`), and the content
/// hash is `ReviewContent`'s lowercase hex SHA-256. Keys and signatures are written in base64: the
/// 32 bytes of the raw public key and the 64 bytes of the signature.
public struct ReviewSignature: Sendable, Hashable {
    /// The first line of every signed message; a new format gets a new version.
    public static let version = "campaignpress-review-v1"

    public var kind: ReviewReport.ItemKind
    public var id: String
    public var level: ReviewStage
    /// The step's time, already in its canonical form (`canonicalTime`).
    public var at: String
    /// `ReviewContent` hash of the item as it was signed.
    public var contentHash: String

    public init(kind: ReviewReport.ItemKind, id: String, level: ReviewStage, at: String, contentHash: String) {
        self.kind = kind
        self.id = id
        self.level = level
        self.at = at
        self.contentHash = contentHash
    }

    /// The exact text that is signed.
    public var payload: String {
        [Self.version, kind.rawValue, id, level.rawValue, at, contentHash].joined(separator: "\n")
    }

    /// RFC 3339 to the second in the site's time zone: the form of `at` that is signed.
    public static func canonicalTime(_ date: Date, timeZone: TimeZone) -> String {
        ContentDate.rfc3339(date, in: timeZone)
    }

    /// Signs the payload; returns the base64 public key and the base64 signature.
    public func sign(with key: Curve25519.Signing.PrivateKey) throws -> (key: String, sig: String) {
        let signature = try key.signature(for: Array(payload.utf8))
        return (key.publicKey.rawRepresentation.base64EncodedString(), Data(signature).base64EncodedString())
    }

    /// True when `sig` (base64) is a valid signature of the payload by `key` (base64 raw public key).
    public func isValid(key: String, sig: String) -> Bool {
        guard let keyData = Data(base64Encoded: key), let sigData = Data(base64Encoded: sig),
            let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyData)
        else { return false }
        return publicKey.isValidSignature(sigData, for: Data(payload.utf8))
    }

    /// True when `key` is the base64 of a well-formed Ed25519 public key.
    public static func isWellFormedKey(_ key: String) -> Bool {
        guard let data = Data(base64Encoded: key) else { return false }
        return (try? Curve25519.Signing.PublicKey(rawRepresentation: data)) != nil
    }
}
