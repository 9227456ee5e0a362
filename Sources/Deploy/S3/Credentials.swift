import Foundation

/// An access key for an S3-compatible store.
///
/// Its `description` never shows the secret nor the key ID, so a credential printed by mistake,
/// logged or interpolated into an error leaks nothing.
public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "Credentials(***)" }
    public var debugDescription: String { description }

    /// The words that must never appear in anything printed: the secret, the token, and the key ID.
    var secrets: [String] { [secretAccessKey, accessKeyID, sessionToken ?? ""].filter { $0.count >= 4 } }

    /// `text` with every secret replaced by `***`.
    func masked(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
