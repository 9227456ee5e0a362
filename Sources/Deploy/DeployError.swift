import Foundation

/// Why a deploy was refused or failed, in words department staff read (Chinese, English gloss).
///
/// Never holds a secret: messages built from server answers go through `Credentials.masked`.
public struct DeployError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What kind of failure, which decides the exit code.
    public enum Kind: Sendable {
        /// The build may not be published (not production, errors, pending reviews): exit 1.
        case notPublishable
        /// Configuration, target URL, credentials, missing or mismatching build record: exit 2.
        case usage
        /// The server refused or failed (uploads, signature, network): exit 1.
        case remote
    }

    public var kind: Kind
    public var message: String
    /// What was done before the failure (files that arrived), when anything was.
    public var partial: DeployReport?

    public init(_ kind: Kind, _ message: String, partial: DeployReport? = nil) {
        self.kind = kind
        self.message = message
        self.partial = partial
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    /// The process exit code (docs/architecture.md, "Command line and exit codes").
    public var exitCode: Int32 { kind == .usage ? 2 : 1 }
}
