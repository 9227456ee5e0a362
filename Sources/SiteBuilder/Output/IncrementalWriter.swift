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
    /// The files of the folder as last committed: path → SHA-256.
    private var committed: [String: String]
    private var produced: [String: String] = [:]
    private var pending: [String: [UInt8]] = [:]

    /// Starts from the record of the folder's last full build.
    init(output: URL, files: [String: String]) {
        self.outputURL = output.standardizedFileURL
        self.committed = files
    }

    func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws {
        guard OutputWriter.isSafe(relativePath) else {
            throw FileIOError(path: relativePath, reason: "refusing to write outside the output folder")
        }
        let hash = OutputWriter.sha256(bytes)
        lock.lock()
        defer { lock.unlock() }
        produced[relativePath] = hash
        if committed[relativePath] != hash { pending[relativePath] = Array(bytes) }
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
        guard let hash = committed[relativePath] else {
            throw FileIOError(path: relativePath, reason: "a file of the previous build is missing")
        }
        produced[relativePath] = hash
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
        for (path, bytes) in pending.sorted(by: { $0.key < $1.key }) {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let temporary = full + ".campaign-tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
                throw FileIOError(path: full, reason: "cannot write")
            }
            guard rename(temporary, full) == 0 else {
                unlink(temporary)
                throw FileIOError(path: full, reason: String(cString: strerror(errno)))
            }
        }
        for path in committed.keys where produced[path] == nil {
            unlink(root + "/" + path)
            Self.removeEmptyFolders(above: path, root: root)
        }
        var record = record
        record.files = produced
        do {
            try record.encoded().write(to: outputURL.appendingPathComponent(BuildRecord.fileName))
        } catch {
            throw FileIOError(path: BuildRecord.fileName, reason: "cannot write the build record: \(error)")
        }
        committed = produced
        reset()
    }

    /// Forgets this build's files.
    func discard() {
        lock.lock()
        reset()
        lock.unlock()
    }

    private func reset() {
        produced = [:]
        pending = [:]
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
