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

    /// What a build step over the whole site (the link check, the search index) kept from the last
    /// build, taken out of the memo so that changing it copies nothing; `keep` puts it back. Not a
    /// render unit: neither a hit nor a miss. A failed build loses it, and the next one starts over.
    func take<Value: Sendable>(_ key: String, as: Value.Type) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return entries.removeValue(forKey: key)?.value as? Value
    }

    /// Keeps a build step's state for the next build: once this one is committed, or, for a state that
    /// depends only on what it was computed from and not on the files written (`whenCommitted: false`,
    /// the link check), at once, so a failed build keeps it too.
    func keep(_ key: String, _ value: any Sendable, whenCommitted: Bool = true) {
        guard !whenCommitted else { return store(key, fingerprint: 0, value: value, paths: []) }
        lock.lock()
        entries[key] = Entry(fingerprint: 0, value: value, paths: [])
        used.insert(key)
        lock.unlock()
    }

    /// The build was written: its results replace the old ones; units it no longer has are forgotten.
    func commit() {
        lock.lock()
        entries.merge(pending) { _, new in new }
        // Every unit of the last build was used again (the usual edit): nothing to forget.
        if entries.count != used.count || !used.allSatisfy({ entries[$0] != nil }) {
            entries = entries.filter { used.contains($0.key) }
        }
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
