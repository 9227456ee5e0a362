import Foundation

/// What `campaign serve` remembers between builds: the result of each render unit (an article, a
/// notice, a screen …) with what it was made from (a fingerprint of its inputs, or the inputs
/// themselves) and the files it wrote, so a rebuild renders only the units whose inputs changed and
/// keeps the files of the others (docs/performance.md, "Incremental serve").
///
/// Entries made during a build become visible to the next build only when the build is committed: a
/// failed build writes nothing, so its results must not be reused.
final class RenderMemo: @unchecked Sendable {
    struct Entry {
        var fingerprint: Int
        /// The value; for a unit remembered by its inputs (`hit(_:inputs:as:)`), a `Made` holding both.
        var value: any Sendable
        var paths: [String]
        /// The last build that used it: entries no build used since the last commit are forgotten.
        var build: Int
        var byInputs = false
    }

    /// A unit's inputs and what was made from them, in one box: one cast gets both back.
    final class Made<Inputs: Sendable, Value: Sendable>: Sendable {
        let inputs: Inputs
        let value: Value

        init(_ inputs: Inputs, _ value: Value) {
            self.inputs = inputs
            self.value = value
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var pending: [String: Entry] = [:]
    /// The number of the build in progress.
    private var build = 1
    /// Entries of `entries` this build used.
    private var used = 0
    private(set) var hits = 0
    private(set) var misses = 0

    init() {}

    /// The remembered value of `key` when its fingerprint is still `fingerprint`.
    func hit<Value: Sendable>(_ key: String, fingerprint: Int, as: Value.Type) -> (Value, [String])? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = use(key), entries.values[index].fingerprint == fingerprint,
            !entries.values[index].byInputs, let value = entries.values[index].value as? Value
        else {
            misses += 1
            return nil
        }
        hits += 1
        return (value, entries.values[index].paths)
    }

    /// The remembered value of `key` when it was made from inputs equal to `inputs`.
    ///
    /// Comparing the inputs themselves costs little for a unit whose content was kept between builds:
    /// strings and arrays that share their storage compare equal at once, where a fingerprint would hash
    /// every byte again.
    func hit<Inputs: Equatable & Sendable, Value: Sendable>(
        _ key: String, inputs: Inputs, as: Value.Type
    ) -> (Value, [String])? {
        lock.lock()
        let entry = use(key).map { (entries.values[$0].value, entries.values[$0].paths) }
        lock.unlock()
        // Compared outside the lock: other render tasks go on meanwhile.
        var found: (Value, [String])?
        if let (made, paths) = entry, let made = made as? Made<Inputs, Value>, made.inputs == inputs {
            found = (made.value, paths)
        }
        lock.lock()
        if found == nil { misses += 1 } else { hits += 1 }
        lock.unlock()
        return found
    }

    /// The result of `compute(inputs)`, from the last build when its inputs were equal: for a pure step
    /// of every build (sorting the diagnostics), not a render unit, and kept whether the build fails or not.
    func derived<Inputs: Equatable & Sendable, Value: Sendable>(
        _ key: String, inputs: Inputs, compute: (Inputs) -> Value
    ) -> Value {
        lock.lock()
        let entry = entries[key]
        lock.unlock()
        if let entry, let made = entry.value as? Made<Inputs, Value>, made.inputs == inputs {
            // Kept with the new inputs: next time they are likely the same storage, compared at once.
            keep(key, Entry(fingerprint: 0, value: Made(inputs, made.value), paths: [], build: 0, byInputs: true))
            return made.value
        }
        let value = compute(inputs)
        keep(key, Entry(fingerprint: 0, value: Made(inputs, value), paths: [], build: 0, byInputs: true))
        return value
    }

    private func keep(_ key: String, _ entry: Entry) {
        lock.lock()
        var entry = entry
        entry.build = build
        if entries.updateValue(entry, forKey: key)?.build != build { used += 1 }
        lock.unlock()
    }

    /// The entry of `key`, now used by this build.
    private func use(_ key: String) -> Dictionary<String, Entry>.Index? {
        guard let index = entries.index(forKey: key) else { return nil }
        if entries.values[index].build != build {
            entries.values[index].build = build
            used += 1
        }
        return index
    }

    func store(_ key: String, fingerprint: Int, value: any Sendable, paths: [String]) {
        lock.lock()
        pending[key] = Entry(fingerprint: fingerprint, value: value, paths: paths, build: build)
        lock.unlock()
    }

    func store<Inputs: Sendable, Value: Sendable>(_ key: String, inputs: Inputs, value: Value, paths: [String]) {
        let made = Made(inputs, value)
        lock.lock()
        pending[key] = Entry(fingerprint: 0, value: made, paths: paths, build: build, byInputs: true)
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
        keep(key, Entry(fingerprint: 0, value: value, paths: [], build: build))
    }

    /// The build was written: its results replace the old ones; units it no longer has are forgotten.
    func commit() {
        lock.lock()
        for (key, entry) in pending where entries.updateValue(entry, forKey: key)?.build != build {
            used += 1
        }
        // Every unit of the last build was used again (the usual edit): nothing to forget.
        if used != entries.count { entries = entries.filter { $0.value.build == build } }
        next()
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
        next()
        lock.unlock()
    }

    /// Forgets everything (the theme or site.yml changed).
    func clear() {
        lock.lock()
        entries = [:]
        next()
        lock.unlock()
    }

    private func next() {
        pending = [:]
        used = 0
        build += 1
    }
}
