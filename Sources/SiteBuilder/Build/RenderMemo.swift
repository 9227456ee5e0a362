import Foundation

/// What `campaign serve` remembers between builds: the result of each render unit (an article, a
/// notice, a screen …) with a fingerprint of everything it was made from and the files it wrote, so
/// a rebuild renders only the units whose inputs changed and keeps the files of the others
/// (docs/performance.md, "Incremental serve").
///
/// Entries made during a build become visible to the next build only when the build is committed: a
/// failed build writes nothing, so its results must not be reused.
final class RenderMemo: @unchecked Sendable {
    struct Entry {
        var fingerprint: Int
        var value: any Sendable
        var paths: [String]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var pending: [String: Entry] = [:]
    private var used: Set<String> = []
    private(set) var hits = 0
    private(set) var misses = 0

    init() {}

    /// The remembered value of `key` when its fingerprint is still `fingerprint`.
    func hit<Value: Sendable>(_ key: String, fingerprint: Int, as: Value.Type) -> (Value, [String])? {
        lock.lock()
        defer { lock.unlock() }
        used.insert(key)
        guard let entry = entries[key], entry.fingerprint == fingerprint, let value = entry.value as? Value else {
            misses += 1
            return nil
        }
        hits += 1
        return (value, entry.paths)
    }

    func store(_ key: String, fingerprint: Int, value: any Sendable, paths: [String]) {
        lock.lock()
        pending[key] = Entry(fingerprint: fingerprint, value: value, paths: paths)
        used.insert(key)
        lock.unlock()
    }

    /// The build was written: its results replace the old ones; units it no longer has are forgotten.
    func commit() {
        lock.lock()
        entries.merge(pending) { _, new in new }
        entries = entries.filter { used.contains($0.key) }
        pending = [:]
        used = []
        lock.unlock()
    }

    /// A build starts: count its hits and misses from zero.
    func begin() {
        lock.lock()
        hits = 0
        misses = 0
        lock.unlock()
    }

    /// The build failed: forget what it made.
    func discard() {
        lock.lock()
        pending = [:]
        used = []
        lock.unlock()
    }

    /// Forgets everything (the theme or site.yml changed).
    func clear() {
        lock.lock()
        entries = [:]
        pending = [:]
        used = []
        lock.unlock()
    }
}
