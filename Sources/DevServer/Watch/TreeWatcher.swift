import Foundation

/// Notices changes in folder trees by comparing snapshots of modification times and sizes (polling).
///
/// Polling is portable and cheap for a site's worth of files: a stat walk of a few thousand files takes
/// milliseconds, and it needs no inotify or FSEvents.
public struct TreeWatcher: Sendable {
    /// What identifies one version of a file.
    public struct Stamp: Sendable, Equatable {
        /// Last modification time, seconds since 1970.
        public var modified: Double
        /// Size in bytes.
        public var size: Int
    }

    /// The watched folders.
    public let roots: [URL]
    /// The state at the last poll: path → stamp.
    public private(set) var snapshot: [String: Stamp]

    /// Starts watching `roots`, taking the first snapshot now.
    public init(roots: [URL]) {
        self.roots = roots
        self.snapshot = Self.scan(roots)
    }

    /// Takes a new snapshot; true when any file was added, removed or changed since the last poll.
    public mutating func poll() -> Bool { !changes().isEmpty }

    /// Takes a new snapshot and returns the files added, removed or changed since the last one.
    public mutating func changes() -> [URL] {
        let current = Self.scan(roots)
        defer { snapshot = current }
        guard current != snapshot else { return [] }
        var changed: [URL] = []
        for (path, stamp) in current where snapshot[path] != stamp { changed.append(URL(fileURLWithPath: path)) }
        for path in snapshot.keys where current[path] == nil { changed.append(URL(fileURLWithPath: path)) }
        return changed
    }

    /// Path → stamp for every file under the roots; hidden files (editor swap files, .DS_Store) are skipped.
    public static func scan(_ roots: [URL]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for root in roots {
            guard
                let walker = FileManager.default.enumerator(
                    at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in walker {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true
                else { continue }
                stamps[url.path] = Stamp(
                    modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0, size: values.fileSize ?? 0)
            }
        }
        return stamps
    }
}
