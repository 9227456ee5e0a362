import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of the desk: the peer address (for the audit log) and, once the session
/// middleware has run, the session and its account.
public struct DeskContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    public var session: DeskSession?
    public var account: Account?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Uploads (photos) may be larger than the default 2 MB.
    public var maxUploadSize: Int { 12 * 1024 * 1024 }

    /// The peer address as text, for the audit log.
    var origin: String { remoteAddress?.ipAddress ?? "unknown" }
}
