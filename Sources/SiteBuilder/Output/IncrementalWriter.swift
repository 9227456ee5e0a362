import CampaignCore
import Crypto
import Foundation

/// Updates an output folder in place for `campaign serve`: only files whose bytes changed are
/// written, files the build no longer makes are removed (with folders left empty), and the build
/// record is rewritten, so the folder ends up exactly as a full build would leave it.
///
/// Nothing touches the disk before `commit`: a failed build leaves the folder as it was. Unchanged
/// files a render unit did not render again are named with `keep`.
final class IncrementalWriter: OutputSink, @unchecked Sendable {
    let outputURL: URL
    private let lock = NSLock()
    /// The files of the folder as last committed: path → SHA-256, and the last build that made the file.
    private var committed: [String: Committed]
    /// Their paths, what the link check takes as the files written when no file came or went.
    private var committedPaths: Set<String>
    /// The number of the build in progress; a committed file whose `build` is another was not made (yet).
    private var build = 1
    /// Committed files this build made (written or kept).
    private var made = 0
    /// Files of this build that are new or whose bytes changed.
    private var pending: [String: (hash: String, bytes: [UInt8])] = [:]
    /// The build record's `files` entries as last written, in the record's order: only the entries of
    /// files written, changed or removed are encoded again.
    private var recordEntries: RecordEntries?

    struct Committed {
        var hash: String
        var build: Int
    }

    /// Starts from the record of the folder's last full build.
    init(output: URL, files: [String: String]) {
        self.outputURL = output.standardizedFileURL
        self.committed = files.mapValues { Committed(hash: $0, build: 0) }
        self.committedPaths = Set(files.keys)
    }

    func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws {
        try write(bytes, to: relativePath, hash: OutputWriter.sha256(bytes))
    }

    func write(_ bytes: [UInt8], to relativePath: String, sha256 digest: SHA256.Digest) throws {
        try write(bytes, to: relativePath, hash: Hex.lowercase(digest))
    }

    private func write(_ bytes: some Collection<UInt8>, to relativePath: String, hash: String) throws {
        guard OutputWriter.isSafe(relativePath) else {
            throw FileIOError(path: relativePath, reason: "refusing to write outside the output folder")
        }
        lock.lock()
        defer { lock.unlock() }
        if let index = committed.index(forKey: relativePath) {
            mark(index)
            if committed.values[index].hash == hash {
                pending[relativePath] = nil
                return
            }
        }
        pending[relativePath] = (hash, Array(bytes))
    }

    func write(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { try write($0, to: relativePath) }
    }

    func copy(from source: URL, to relativePath: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: source)
        } catch {
            throw FileIOError(path: source.path, reason: "cannot read: \(error.localizedDescription)")
        }
        try write(data, to: relativePath)
    }

    func keep(_ relativePath: String) throws {
        lock.lock()
        defer { lock.unlock() }
        guard let index = committed.index(forKey: relativePath) else {
            throw FileIOError(path: relativePath, reason: "a file of the previous build is missing")
        }
        mark(index)
        pending[relativePath] = nil
    }

    /// A committed file is made by this build.
    private func mark(_ index: Dictionary<String, Committed>.Index) {
        guard committed.values[index].build != build else { return }
        committed.values[index].build = build
        made += 1
    }

    /// The paths of every file this build made so far: the committed ones, unless files came or went.
    func madePaths() -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        var paths = committedPaths
        for path in removedPaths() { paths.remove(path) }
        for path in pending.keys where committed[path] == nil { paths.insert(path) }
        return paths
    }

    /// Committed files this build did not make.
    private func removedPaths() -> [String] {
        guard made != committed.count else { return [] }
        return committed.compactMap { $0.value.build == build ? nil : $0.key }
    }

    /// Writes the changed files, removes the vanished ones and rewrites the build record.
    func commit(record: BuildRecord) throws {
        lock.lock()
        defer { lock.unlock() }
        // The same lock as a full build of this folder, so the two never write it at once.
        let parent = outputURL.deletingLastPathComponent()
        let folderLock = try OutputWriter.lock(parent.appendingPathComponent(".\(outputURL.lastPathComponent).lock"))
        defer { close(folderLock) }
        let root = outputURL.path
        for (path, file) in pending.sorted(by: { $0.key < $1.key }) {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let temporary = full + ".campaign-tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(file.bytes)) else {
                throw FileIOError(path: full, reason: "cannot write")
            }
            guard rename(temporary, full) == 0 else {
                unlink(temporary)
                throw FileIOError(path: full, reason: String(cString: strerror(errno)))
            }
        }
        let removed = removedPaths()
        for path in removed {
            unlink(root + "/" + path)
            Self.removeEmptyFolders(above: path, root: root)
        }
        var entries = recordEntries ?? RecordEntries(committed.mapValues(\.hash))
        entries.update(changed: pending.map { ($0.key, $0.value.hash) }, removed: removed)
        for path in removed {
            committed[path] = nil
            committedPaths.remove(path)
        }
        for (path, file) in pending {
            if committed.updateValue(Committed(hash: file.hash, build: build), forKey: path) == nil {
                committedPaths.insert(path)
            }
        }
        recordEntries = entries
        do {
            try entries.record(record).write(to: outputURL.appendingPathComponent(BuildRecord.fileName))
        } catch {
            recordEntries = nil
            throw FileIOError(path: BuildRecord.fileName, reason: "cannot write the build record: \(error)")
        }
        reset()
    }

    /// Forgets this build's files.
    func discard() {
        lock.lock()
        reset()
        lock.unlock()
    }

    /// The next build starts.
    private func reset() {
        pending = [:]
        made = 0
        build += 1
    }

    /// Removes the folders of `path` that are now empty, deepest first, never `root` itself.
    static func removeEmptyFolders(above path: String, root: String) {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            guard rmdir(root + "/" + folder) == 0 else { return }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
