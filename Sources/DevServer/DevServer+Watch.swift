import Foundation

extension DevServer {
    /// Polls the watched folders; after a change has settled, rebuilds and tells the browsers.
    ///
    /// Builds run one after another inside this loop, so they never overlap; a change made during a build
    /// differs from the snapshot taken before it and starts the next build.
    func watch(_ watcher: TreeWatcher) async throws {
        var watcher = watcher
        while true {
            try await Task.sleep(for: configuration.pollInterval)
            guard watcher.poll() else { continue }
            // Debounce: an editor saving several files, or writing one in steps, gives one build.
            repeat {
                try await Task.sleep(for: configuration.debounce)
            } while watcher.poll()
            await hub.announce(await rebuild())
        }
    }
}
