import Foundation

extension DevServer {
    /// Waits for changes of the watched folders; after they have settled, rebuilds with the changed
    /// paths and tells the browsers. inotify on Linux, polling elsewhere or when it is not available.
    ///
    /// Builds run one after another inside this loop, so they never overlap; a change made during a build
    /// is seen after it and starts the next build.
    func watch(_ watcher: TreeWatcher) async throws {
        #if canImport(Glibc)
            if configuration.useInotify, let inotify = InotifyWatcher(roots: configuration.watchedFolders) {
                try await watch(inotify)
                return
            }
        #endif
        var watcher = watcher
        while true {
            try await Task.sleep(for: configuration.pollInterval)
            var changed = watcher.changes()
            guard !changed.isEmpty else { continue }
            // Debounce: an editor saving several files, or writing one in steps, gives one build.
            repeat {
                try await Task.sleep(for: configuration.debounce)
                let more = watcher.changes()
                if more.isEmpty { break }
                changed += more
            } while true
            await hub.announce(await rebuild(changed))
        }
    }

    #if canImport(Glibc)
        func watch(_ inotify: InotifyWatcher) async throws {
            while true {
                try Task.checkCancellation()
                var changed = await Self.wait(inotify, timeout: .milliseconds(200))
                guard !changed.isEmpty else { continue }
                // Events of one save come together; a short quiet time gathers the rest.
                while true {
                    let more = await Self.wait(inotify, timeout: configuration.inotifyDebounce)
                    if more.isEmpty { break }
                    changed += more
                }
                await hub.announce(await rebuild(Array(Set(changed))))
            }
        }

        /// Blocks a thread of the pool (not the cooperative executor) while waiting.
        static func wait(_ inotify: InotifyWatcher, timeout: Duration) async -> [URL] {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: inotify.wait(timeout: timeout)) }
            }
        }
    #endif
}
