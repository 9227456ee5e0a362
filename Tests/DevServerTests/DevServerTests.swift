import DevServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct DevServerTests {
    func server(_ site: TempSite, rebuild: @escaping DevServer.Rebuild = { [] }) -> DevServer {
        DevServer(
            configuration: .init(
                port: 0, outputURL: site.output, watchedFolders: [site.output],
                pollInterval: .milliseconds(20), debounce: .milliseconds(20)),
            rebuild: rebuild)
    }

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
        await devServer.hub.record(errors: ["Content/news/a.md:3:1: error: unknown district '城官区'"])
        try await Application(router: devServer.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .notFound)
                let body = String(buffer: response.body)
                #expect(body.contains("unknown district '城官区'"))
                #expect(body.contains(LiveReload.eventsPath))
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func changedSourceRebuildsAndAnnounces() async throws {
        let site = try TempSite()
        defer { site.remove() }
        let builds = Counter()
        let devServer = server(site) {
            await builds.increment()
            return []
        }
        let events = await devServer.hub.subscribe()
        let (running, isRunning) = AsyncStream<Void>.makeStream()
        let watching = Task { try await devServer.run { isRunning.yield() } }
        defer { watching.cancel() }
        for await _ in running { break }
        try site.write("Output/style.css", "body { color: green; margin: 1px; }")
        var iterator = events.makeAsyncIterator()
        let generation = await iterator.next()
        #expect(generation == 1)
        #expect(await builds.value >= 1)
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
