import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DevServer

/// A preview server of `site`'s Output/ that polls fast, for the tests of this file.
func server(_ site: TempSite, rebuild: @escaping DevServer.Rebuild = { _ in BuildOutcome() }) -> DevServer {
    DevServer(
        configuration: .init(
            port: 0, outputURL: site.output, watchedFolders: [site.output],
            pollInterval: .milliseconds(20), debounce: .milliseconds(20)),
        rebuild: rebuild)
}

@Suite struct DevServerTests {
    @Test func servesPagesWithTheReloadScriptAndMissingPagesWith404() async throws {
        let site = try TempSite()
        defer { site.remove() }
        let app = Application(router: server(site).makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let body = String(buffer: response.body)
                #expect(body.contains("<h1>首页</h1>"))
                #expect(body.contains(LiveReload.eventsPath))
            }
            try await client.execute(uri: "/no/such/page/", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("页面不存在"))
            }
            try await client.execute(uri: "/style.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(String(buffer: response.body) == "body { color: black; }")
            }
            try await client.execute(uri: "/%2e%2e/secret.txt", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(!String(buffer: response.body).contains("not for the web"))
            }
            try await client.execute(uri: "/news", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/news/")
            }
        }
        // Serving never writes the script into Output/.
        #expect(try site.read("Output/index.html") == "<!DOCTYPE html><html><body><h1>首页</h1></body></html>")
    }

    @Test func failedFirstBuildShowsItsErrorsWhenOutputIsEmpty() async throws {
        let site = try TempSite()
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.output)
        let devServer = server(site)
        await devServer.hub.record(BuildOutcome(errors: ["Content/news/a.md:3:1: error: unknown district '城官区'"]))
        try await Application(router: devServer.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .notFound)
                let body = String(buffer: response.body)
                #expect(body.contains("unknown district '城官区'"))
                #expect(body.contains(LiveReload.eventsPath))
            }
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: [true, false])
    func changedSourceRebuildsWithTheChangedPathAndAnnounces(inotify: Bool) async throws {
        let site = try TempSite()
        defer { site.remove() }
        let builds = Counter()
        var devServer = server(site) { changed in
            await builds.record(changed)
            return BuildOutcome()
        }
        devServer.configuration.useInotify = inotify
        let events = await devServer.hub.subscribe()
        let (running, isRunning) = AsyncStream<Void>.makeStream()
        let watching = Task { [devServer] in try await devServer.run { isRunning.yield() } }
        defer { watching.cancel() }
        for await _ in running { break }
        try site.write("Output/style.css", "body { color: green; margin: 1px; }")
        var iterator = events.makeAsyncIterator()
        let generation = await iterator.next()
        #expect(generation == 1)
        #expect(await builds.value >= 1)
        // The build is told which file changed, so it can re-render only what depends on it.
        #expect(await builds.changed.contains { $0.lastPathComponent == "style.css" })
    }
}

/// A site whose `base_url` has a path (`https://host/wmcj/`) links to `/wmcj/…`, so the preview serves it there.
@Suite struct SubPathServingTests {
    @Test func pagesAreServedUnderTheSitePathAndNothingOutsideIt() async throws {
        let site = try TempSite()
        defer { site.remove() }
        let devServer = server(site)
        await devServer.hub.record(BuildOutcome(sitePath: "/wmcj"))
        try await Application(router: devServer.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/wmcj/")
            }
            try await client.execute(uri: "/wmcj/", method: .get) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("<h1>首页</h1>"))
                #expect(body.contains(LiveReload.eventsPath), "live reload works under the sub-path")
            }
            try await client.execute(uri: "/wmcj/news/?page=2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>新闻</h1>"))
            }
            try await client.execute(uri: "/wmcj/style.css", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            for (uri, location) in [("/wmcj", "/wmcj/"), ("/wmcj/news", "/wmcj/news/")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .movedPermanently)
                    #expect(response.headers[.location] == location)
                }
            }
            for uri in ["/news/", "/style.css", "/wmcjx/", "/wmcj-news/", "/index.html"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri) is outside the site")
                    #expect(String(buffer: response.body).contains("页面不存在"))
                }
            }
            try await client.execute(uri: "/wmcj/%2e%2e/secret.txt", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func aFailedBuildKeepsThePathOfThePagesStillServed() async {
        let hub = ReloadHub()
        await hub.record(BuildOutcome(sitePath: "/wmcj"))
        await hub.announce(BuildOutcome(errors: ["site.yml: error"], sitePath: nil))
        #expect(await hub.sitePath == "/wmcj")
        await hub.announce(BuildOutcome(sitePath: ""))
        #expect(await hub.sitePath == "")
    }

    @Test(.timeLimit(.minutes(1)))
    func aRebuildWithANewBaseURLMovesTheSite() async throws {
        let site = try TempSite()
        defer { site.remove() }
        let devServer = server(site) { _ in BuildOutcome(sitePath: "/cms/wmcj") }
        let events = await devServer.hub.subscribe()
        let (running, isRunning) = AsyncStream<Void>.makeStream()
        let watching = Task { try await devServer.run { isRunning.yield() } }
        defer { watching.cancel() }
        for await _ in running { break }
        #expect(await devServer.response(for: "/news/").status == .ok)
        try site.write("Output/style.css", "body { color: green; margin: 1px; }")
        var iterator = events.makeAsyncIterator()
        _ = await iterator.next()
        #expect(await devServer.response(for: "/news/").status == .notFound)
        #expect(await devServer.response(for: "/cms/wmcj/news/").status == .ok)
        let root = await devServer.response(for: "/")
        #expect(root.status == .found)
        #expect(root.headers[.location] == "/cms/wmcj/")
    }
}

actor Counter {
    private(set) var value = 0
    private(set) var changed: [URL] = []
    func record(_ paths: [URL]) {
        value += 1
        changed += paths
    }
}

/// A client that opens a connection and never finishes its request headers is dropped after the header
/// timeout, so half-open connections cannot pile up and pin the preview server.
@Suite struct HeaderTimeoutTests {
    @Test func aConnectionThatNeverFinishesItsHeadersIsClosed() async throws {
        let site = try TempSite()
        defer { site.remove() }
        var configuration = DevServer.Configuration(port: 0, outputURL: site.output, watchedFolders: [])
        configuration.headerTimeout = .milliseconds(300)
        let server = DevServer(configuration: configuration, rebuild: { _ in BuildOutcome() })
        let ports = AsyncStream<Int?>.makeStream()
        let app = server.makeApplication { port in ports.continuation.yield(port) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.stream.makeAsyncIterator()
            let port = try #require(await iterator.next() ?? nil)
            let clock = ContinuousClock()
            let start = clock.now
            let closed = try HalfOpenClient.sendPartialRequestAndWaitForClose(port: port, timeoutSeconds: 10)
            #expect(closed, "the server kept the half-open connection")
            #expect(clock.now - start < .seconds(5))
            group.cancelAll()
        }
    }
}

/// A raw TCP client that sends half a request line and reads until the server closes.
enum HalfOpenClient {
    static func sendPartialRequestAndWaitForClose(port: Int, timeoutSeconds: Int) throws -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let partial = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
        _ = partial.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }  // closed by the server
            if n < 0 { return errno == ECONNRESET }  // EAGAIN: the timeout of this client ran out first
        }
    }
}
