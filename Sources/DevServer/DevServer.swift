import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore

/// The preview server of `campaign serve`: serves Output/ with live reload and rebuilds when sources change.
///
/// The site itself is built by the caller's `rebuild` closure, so this target knows nothing of SiteBuilder.
/// The live-reload script is added to HTML responses only; the files in Output/ stay as published.
public struct DevServer: Sendable {
    /// Builds the site after the files named changed (empty: anything may have), and returns the
    /// diagnostics to show in the browser and where the site lives.
    public typealias Rebuild = @Sendable (_ changed: [URL]) async -> BuildOutcome

    /// Where to listen and what to serve and watch.
    public struct Configuration: Sendable {
        /// The host to bind, e.g. 127.0.0.1.
        public var host: String
        /// The TCP port; 0 lets the system choose.
        public var port: Int
        /// The built site, normally Output/.
        public var outputURL: URL
        /// The source folders to poll, normally Content/ and Theme/.
        public var watchedFolders: [URL]
        /// How often the folders are polled.
        public var pollInterval: Duration
        /// How long the files must stay unchanged after a change before the rebuild starts.
        public var debounce: Duration
        /// Watch with inotify where the system has it (Linux); polling otherwise.
        public var useInotify = true
        /// With inotify: how long without a further event ends one save.
        public var inotifyDebounce: Duration = .milliseconds(15)
        /// How long a connection may stay without a complete request (or idle between requests) before it is
        /// closed, so a few thousand half-open connections cannot pin the server.
        public var headerTimeout: Duration = .seconds(10)

        /// A configuration with the defaults of `campaign serve`.
        public init(
            host: String = "127.0.0.1", port: Int = 1313, outputURL: URL, watchedFolders: [URL],
            pollInterval: Duration = .milliseconds(500), debounce: Duration = .milliseconds(150)
        ) {
            self.host = host
            self.port = port
            self.outputURL = outputURL
            self.watchedFolders = watchedFolders
            self.pollInterval = pollInterval
            self.debounce = debounce
        }
    }

    /// What the server listens on and serves.
    public var configuration: Configuration
    /// The browsers to tell about finished builds.
    public let hub: ReloadHub
    let files: StaticFiles
    let rebuild: Rebuild

    /// A server for `configuration`; `rebuild` runs after every change of the watched folders.
    public init(configuration: Configuration, hub: ReloadHub = ReloadHub(), rebuild: @escaping Rebuild) {
        self.configuration = configuration
        self.hub = hub
        self.files = StaticFiles(root: configuration.outputURL)
        self.rebuild = rebuild
    }

    /// The routes: the live-reload event stream, then every other GET or HEAD as a file of Output/.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let hub = self.hub
        router.get(RouterPath(LiveReload.eventsPath)) { _, _ in Self.events(from: hub) }
        for path in ["/", "**"] {
            router.get(RouterPath(path)) { request, _ in await self.response(for: request.uri.path) }
            router.head(RouterPath(path)) { request, _ in await self.response(for: request.uri.path) }
        }
        return router
    }

    /// Serves Output/ and watches the sources until the task is cancelled or the process is interrupted.
    ///
    /// Ctrl-C ends the process at once: there is nothing to save, and open event streams would only delay
    /// a graceful shutdown.
    public func run(onRunning: @escaping @Sendable () async -> Void = {}) async throws {
        let app = makeApplication { _ in await onRunning() }
        // The first snapshot is taken before the server announces itself, so no change after that is missed.
        let watcher = TreeWatcher(roots: configuration.watchedFolders)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            group.addTask { try await self.watch(watcher) }
            try await group.next()
            group.cancelAll()
        }
        await hub.finish()
    }

    /// The HTTP server of `run`; `onRunning` receives the port it listens on.
    func makeApplication(
        onRunning: @escaping @Sendable (_ port: Int?) async -> Void
    ) -> Application<RouterResponder<BasicRequestContext>> {
        let (seconds, attoseconds) = configuration.headerTimeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        return Application(
            router: makeRouter(),
            server: .http1(configuration: .init(idleTimeout: timeout)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port) }
        )
    }

    /// The response for a raw (percent-encoded) request path.
    ///
    /// A site whose `base_url` has a path (`https://host/wmcj/`) links to its pages under that path, so
    /// it is served there, as it will be published: `/` leads to `/wmcj/`, other paths outside it are
    /// not found.
    public func response(for path: String) async -> Response {
        let errors = await hub.errors
        switch files.resolve(path, under: await hub.sitePath) {
        case .file(let url, let contentType):
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return Self.page(.internalServerError, "Can not read \(url.lastPathComponent)", errors: errors)
            }
            return Self.file(Array(data), contentType: contentType, status: .ok, errors: errors)
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-store"])
        case .siteRoot(let location):
            return Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
        case .forbidden:
            return Self.page(.forbidden, "This path leaves the site folder", errors: errors)
        case .notFound:
            let notFound = files.root.appendingPathComponent("404.html")
            if let data = FileManager.default.contents(atPath: notFound.path) {
                return Self.file(
                    Array(data), contentType: MediaTypes.types["html"] ?? "", status: .notFound, errors: errors)
            }
            let title = errors.isEmpty ? "Page not found: \(path)" : "The build failed"
            return Self.page(.notFound, title, errors: errors)
        }
    }

    static func file(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status, errors: [String]) -> Response {
        let body = LiveReload.body(bytes, contentType: contentType, errors: errors)
        return Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func page(_ status: HTTPResponse.Status, _ title: String, errors: [String]) -> Response {
        let html = LiveReload.inject(into: LiveReload.errorPage(title: title, errors: errors))
        return file(Array(html.utf8), contentType: MediaTypes.types["html"] ?? "", status: status, errors: [])
    }

    /// A server-sent events stream: one `rebuilt` event per finished build, open until the client leaves.
    static func events(from hub: ReloadHub) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                let stream = await hub.subscribe()
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                for await generation in stream {
                    try await writer.write(ByteBuffer(string: ReloadHub.event(generation: generation)))
                }
                try await writer.finish(nil)
            })
    }
}
