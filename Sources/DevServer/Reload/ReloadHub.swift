/// Tells every open browser tab that a build finished, and remembers the errors of the last build.
public actor ReloadHub {
    private var listeners: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextID = 0
    private var finished = false

    /// How many builds were announced so far.
    public private(set) var generation = 0
    /// The diagnostics of the last build when it failed, empty when it succeeded.
    public private(set) var errors: [String] = []
    /// The path the served site lives under (`/wmcj`), empty for a site at the root of the host.
    public private(set) var sitePath = ""

    /// A hub with no listeners.
    public init() {}

    /// The number of connected listeners.
    public var listenerCount: Int { listeners.count }

    /// A stream that yields the new generation after every announced build; it ends when the hub finishes.
    public func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        guard !finished else {
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        return stream
    }

    /// Records the outcome of a build and tells every listener to reload.
    public func announce(_ outcome: BuildOutcome) {
        record(outcome)
        generation += 1
        for continuation in listeners.values { continuation.yield(generation) }
    }

    /// Records the outcome of a build without telling anyone, e.g. for the first build before the server runs.
    public func record(_ outcome: BuildOutcome) {
        errors = outcome.errors
        if let sitePath = outcome.sitePath { self.sitePath = sitePath }
    }

    /// Ends every stream, so open event connections close and the server can shut down.
    public func finish() {
        finished = true
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }

    private func remove(_ id: Int) {
        listeners[id] = nil
    }

    /// One server-sent event announcing a finished build.
    public static func event(generation: Int) -> String {
        "event: rebuilt\ndata: \(generation)\n\n"
    }
}

/// What a build tells the preview server.
public struct BuildOutcome: Sendable, Equatable {
    /// The diagnostics to show in the browser; empty when the build succeeded.
    public var errors: [String]
    /// The path of the site's `base_url` (`/wmcj` for `https://host/wmcj/`, empty for a site at the root),
    /// or nil to keep serving under the previous one (a failed build leaves the previous pages in place).
    public var sitePath: String?

    /// An outcome; by default a successful build of a site at the root.
    public init(errors: [String] = [], sitePath: String? = nil) {
        self.errors = errors
        self.sitePath = sitePath
    }
}
