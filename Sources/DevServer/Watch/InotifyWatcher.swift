#if canImport(Glibc)
    import Glibc
    import Foundation

    /// Notices changes in folder trees through Linux inotify: an edit is seen within milliseconds, not at
    /// the next poll. Every folder of the trees is watched (inotify is not recursive); folders created
    /// later are added as they appear. Hidden files and editor backups (`.x.swp`, `x~`) are ignored.
    final class InotifyWatcher: @unchecked Sendable {
        private let fd: Int32
        private var folders: [Int32: String] = [:]
        private let mask = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF
                | IN_ATTRIB)

        /// Watches `roots`; nil when inotify is not available (the caller polls instead).
        init?(roots: [URL]) {
            fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard fd >= 0 else { return nil }
            for root in roots { addTree(root.standardizedFileURL.path) }
            guard !folders.isEmpty else {
                close(fd)
                return nil
            }
        }

        deinit { close(fd) }

        private func addTree(_ path: String) {
            let descriptor = inotify_add_watch(fd, path, mask)
            guard descriptor >= 0 else { return }
            folders[descriptor] = path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names where !Self.ignored(name) {
                var isFolder: ObjCBool = false
                let child = path + "/" + name
                if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue {
                    addTree(child)
                }
            }
        }

        static func ignored(_ name: String) -> Bool { name.hasPrefix(".") || name.hasSuffix("~") }

        /// Waits up to `timeout` for events and returns the paths they name (empty when none came).
        func wait(timeout: Duration) -> [URL] {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let (seconds, attoseconds) = timeout.components
            let milliseconds = Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            guard poll(&poller, 1, milliseconds) > 0 else { return [] }
            return read()
        }

        /// Reads the pending events.
        private func read() -> [URL] {
            var changed: [URL] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (descriptor, eventMask, length) = buffer.withUnsafeBytes { raw in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let name = String(
                        decoding: buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }, as: UTF8.self)
                    offset = nameStart + length
                    if eventMask & UInt32(IN_IGNORED) != 0 {
                        folders[descriptor] = nil
                        continue
                    }
                    guard let folder = folders[descriptor] else { continue }
                    if eventMask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // Events were lost: report the roots, which means "anything may have changed".
                        return []
                    }
                    guard !name.isEmpty, !Self.ignored(name) else { continue }
                    let path = folder + "/" + name
                    if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        addTree(path)
                    }
                    changed.append(URL(fileURLWithPath: path))
                }
            }
            return changed
        }
    }
#endif
