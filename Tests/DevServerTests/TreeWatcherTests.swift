import DevServer
import Foundation
import Testing

@Suite struct TreeWatcherTests {
    @Test func noticesChangedAddedAndRemovedFiles() throws {
        let site = try TempSite()
        defer { site.remove() }
        var watcher = TreeWatcher(roots: [site.output])
        #expect(watcher.poll() == false)

        try site.write("Output/style.css", "body { color: red; margin: 0; }")
        #expect(watcher.poll() == true)
        #expect(watcher.poll() == false)

        try site.write("Output/news/new.html", "<p>新</p>")
        #expect(watcher.poll() == true)

        try FileManager.default.removeItem(at: site.output.appendingPathComponent("feed.json"))
        #expect(watcher.poll() == true)
        #expect(watcher.poll() == false)
    }

    @Test func noticesATouchWithTheSameSize() throws {
        let site = try TempSite()
        defer { site.remove() }
        var watcher = TreeWatcher(roots: [site.output])
        let css = site.output.appendingPathComponent("style.css").path
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000)], ofItemAtPath: css)
        #expect(watcher.poll() == true)
    }

    @Test func hiddenFilesAndMissingRootsAreIgnored() throws {
        let site = try TempSite()
        defer { site.remove() }
        var watcher = TreeWatcher(roots: [site.output, site.base.appendingPathComponent("NoSuchFolder")])
        try site.write("Output/.index.html.swp", "editor state")
        #expect(watcher.poll() == false)
        #expect(watcher.snapshot.count == 5)
    }
}

@Suite struct ReloadHubTests {
    @Test func listenersHearEveryBuildUntilTheHubFinishes() async {
        let hub = ReloadHub()
        let stream = await hub.subscribe()
        await hub.announce(BuildOutcome(errors: ["x.md:1:1: error: broken"]))
        #expect(await hub.errors == ["x.md:1:1: error: broken"])
        await hub.finish()
        var heard: [Int] = []
        for await generation in stream { heard.append(generation) }
        #expect(heard == [1])
        #expect(await hub.listenerCount == 0)
    }

    @Test func eventIsServerSentEventText() {
        #expect(ReloadHub.event(generation: 3) == "event: rebuilt\ndata: 3\n\n")
    }
}
