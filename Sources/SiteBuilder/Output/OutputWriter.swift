import CampaignCore
import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure to read or write a file, with the path it concerns.
public struct FileIOError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
    public var errorDescription: String? { description }
}

/// Another build holds the lock of the same output folder.
public struct OutputBusyError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    /// The process id written by the build that holds the lock, when readable.
    public var holder: Int32?

    public var description: String {
        let who = holder.map { "（进程 \($0)）" } ?? ""
        return "\(path): 另一个构建\(who)正在写入这个输出文件夹，请等它结束后再试 "
            + "(another build is writing this output folder; try again when it has finished)"
    }
    public var errorDescription: String? { description }
}

/// Writes the site into a fresh staging folder beside `Output/` and swaps it in only when the whole
/// build succeeded, so a failed build leaves the previous `Output/` exactly as it was.
///
/// Writes use `open`/`write` directly: `FileManager.createFile` is several times slower per file and
/// a site has tens of thousands. Every relative path is checked to stay inside the staging folder.
/// Each file's SHA-256 is computed from the bytes as they are written, for the build record (a file a
/// rebuild leaves in place may take it from the previous record instead: `PreviousOutput`).
///
/// Over a previous output with a build record, a file whose bytes are already there is not written again:
/// the staging folder then holds only the new and changed files, and `commit` moves them into the
/// previous output and removes what the new output no longer has (`PreviousOutput`, `OutputMerge`;
/// docs/safety.md, "Rebuilding over the previous output").
///
/// While it lives the writer holds an exclusive `flock` on `.<name>.lock` beside the output, so two
/// builds of the same output never swap at once: the second one fails with `OutputBusyError`. With the
/// lock held it removes the staging folders of builds that were killed (their process is gone).
public final class OutputWriter: Sendable {
    /// The final output folder (e.g. `Output`).
    public let outputURL: URL
    /// The staging folder files are written into.
    public let stagingURL: URL
    private let stagingPath: String
    /// The staging folder, open: files and folders are made relative to it, so the kernel does not walk
    /// the folders above it again for each of a site's thousands of files.
    private let stagingDescriptor: Int32
    private let createdDirectories = DirectorySet()
    private let hashes = FileHashes()
    private let lockDescriptor: Int32
    private let jobs: Int
    /// The output this build replaces, when its unchanged files can stay where they are.
    private let previous: PreviousOutput?
    /// Set once a merge into the previous output has begun: the staging folder is then needed to finish
    /// it and is no longer thrown away.
    private let merging = Atomic<Bool>(false)
    /// Set once the lock is let go of (`unlock`).
    private let lockReleased = Atomic<Bool>(false)

    /// `jobs`: threads that may remove the previous output once the new one is in place.
    public init(output: URL, jobs: Int = 1) throws {
        self.outputURL = output.standardizedFileURL
        self.jobs = max(1, jobs)
        let parent = outputURL.deletingLastPathComponent()
        let name = ".\(outputURL.lastPathComponent).staging-\(getpid())"
        self.stagingURL = parent.appendingPathComponent(name)
        self.stagingPath = stagingURL.path
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw FileIOError(path: parent.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        lockDescriptor = try Self.lock(parent.appendingPathComponent(".\(outputURL.lastPathComponent).lock"))
        Self.removeDeadLeftovers(of: outputURL)
        Self.removeTree(stagingURL.path)
        previous = PreviousOutput(url: outputURL)
        do {
            try FileManager.default.createDirectory(at: stagingURL, withIntermediateDirectories: true)
        } catch {
            close(lockDescriptor)
            throw FileIOError(
                path: stagingURL.path, reason: "cannot create the staging folder: \(error.localizedDescription)")
        }
        stagingDescriptor = open(stagingPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard stagingDescriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            unlock()  // the writer is whole here: its deinit runs too, and must not close the lock again
            throw FileIOError(path: stagingURL.path, reason: "cannot open the staging folder: \(reason)")
        }
    }

    deinit {
        close(stagingDescriptor)
        unlock()
    }

    /// Lets go of the output folder's lock, so that another build may start on it; once only. A build calls it
    /// when it is done with the folder: the writer itself may be freed later, on another thread
    /// (`releaseInBackground`), and the lock must not wait for that.
    public func unlock() {
        guard !lockReleased.exchange(true, ordering: .sequentiallyConsistent) else { return }
        close(lockDescriptor)
    }

    /// Takes the exclusive lock of an output folder, or throws `OutputBusyError` when another build
    /// holds it. The lock file stays: removing it would let a third build lock a fresh file while a
    /// second still waits on the old one.
    static func lock(_ url: URL) throws -> Int32 {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FileIOError(path: url.path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let text = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self)
            throw OutputBusyError(
                path: url.deletingLastPathComponent().path + "/"
                    + String(url.lastPathComponent.dropFirst().dropLast(".lock".count)),
                holder: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return fd
    }

    /// Removes `.<name>.staging-<pid>` and `.<name>.old-<pid>` folders of builds whose process is gone.
    /// When a build was killed between moving the previous output aside and moving the new one in, the
    /// previous output is put back instead of removed.
    static func removeDeadLeftovers(of output: URL) {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        let me = getpid()
        for entry in entries.sorted() {
            for kind in ["staging", "old"] {
                let prefix = ".\(name).\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), pid > 0, pid != me,
                    !isAlive(pid)
                else { continue }
                let path = parent.appendingPathComponent(entry).path
                if kind == "staging" { OutputMerge.finishDeadMerge(staging: path, output: output.path) }
                if kind == "old" && !FileManager.default.fileExists(atPath: output.path) {
                    if rename(path, output.path) == 0 { continue }
                }
                removeTree(path)
            }
        }
    }

    /// True when a process with this id exists (`kill(pid, 0)`; EPERM means it exists but is not ours).
    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Every file written so far: output-relative path → lowercase hex SHA-256.
    public var writtenFiles: [String: String] { hashes.all }

    /// True when `relativePath` is a safe relative path: no `..`, no absolute path, no empty segment.
    public static func isSafe(_ relativePath: String) -> Bool {
        // One pass over the bytes (every file written passes here): no NUL, and no segment that is empty
        // (a leading `/`, `//`, a trailing `/`), `.` or `..`.
        var length = 0
        var dots = 0
        for byte in relativePath.utf8 {
            switch byte {
            case 0:
                return false
            case UInt8(ascii: "/"):
                if length == 0 || (dots == length && length <= 2) { return false }
                length = 0
                dots = 0
            default:
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return length > 0 && !(dots == length && length <= 2)
    }

    /// Writes `bytes` to `relativePath` inside the output, creating folders as needed.
    public func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws {
        try write(bytes, to: relativePath, known: nil)
    }

    /// `write` of bytes whose SHA-256 is known.
    public func write(_ bytes: [UInt8], to relativePath: String, sha256 digest: SHA256.Digest) throws {
        try write(bytes, to: relativePath, known: Hex.lowercase(digest))
    }

    /// `known`: the bytes' lowercase hex SHA-256 when the caller has it. `mayKeep`: false for the files
    /// of the commit itself, always written.
    private func write(
        _ bytes: some Collection<UInt8>, to relativePath: String, known: String?, mayKeep: Bool = true
    ) throws {
        guard Self.isSafe(relativePath) else {
            throw FileIOError(path: relativePath, reason: "refusing to write outside the output folder")
        }
        if mayKeep, let previous,
            let hash = bytes.withContiguousStorageIfAvailable({ previous.holds(relativePath, $0, hash: known) })
                ?? nil,
            hashes.keep(relativePath, hash)
        {
            return
        }
        let hash = known ?? Self.sha256(bytes)
        var full: String { stagingPath + "/" + relativePath }
        if let slash = relativePath.lastIndex(of: "/") {
            try ensureDirectory(relativePath[..<slash])
        }
        let fd = openat(stagingDescriptor, relativePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIOError(path: full, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let ok: Bool
        if let contiguous = bytes.withContiguousStorageIfAvailable({ Self.writeAll(fd, $0) }) {
            ok = contiguous
        } else {
            ok = Array(bytes).withUnsafeBufferPointer { Self.writeAll(fd, $0) }
        }
        if !ok { throw FileIOError(path: full, reason: String(cString: strerror(errno))) }
        hashes.set(relativePath, hash)
    }

    /// Lowercase hex SHA-256 of `bytes`.
    static func sha256(_ bytes: some Collection<UInt8>) -> String {
        let digest =
            bytes.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Array(bytes))
        return Hex.lowercase(digest)
    }

    /// Writes a string as UTF-8.
    public func write(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { try write($0, to: relativePath) }
    }

    /// Copies a file from disk into the output.
    public func copy(from source: URL, to relativePath: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: source)
        } catch {
            throw FileIOError(path: source.path, reason: "cannot read: \(error.localizedDescription)")
        }
        try write(data, to: relativePath)
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var base = buffer.baseAddress else { return true }
        var remaining = buffer.count
        while remaining > 0 {
            let n = Glibc.write(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            remaining -= n
            base += n
        }
        return true
    }

    /// Makes the folder `path` (relative to the staging folder) and those above it.
    private func ensureDirectory(_ path: Substring) throws {
        let key = String(path)
        if createdDirectories.contains(key) { return }
        func failure() -> FileIOError {
            FileIOError(path: stagingPath + "/" + key, reason: String(cString: strerror(errno)))
        }
        if mkdirat(stagingDescriptor, key, 0o755) != 0 {
            switch errno {
            case EEXIST:
                break
            case ENOENT:
                guard let slash = path.lastIndex(of: "/"), slash > path.startIndex else { throw failure() }
                try ensureDirectory(path[..<slash])
                if mkdirat(stagingDescriptor, key, 0o755) != 0 && errno != EEXIST { throw failure() }
            default:
                throw failure()
            }
        }
        createdDirectories.insert(key)
    }

    /// Replaces `Output/` with the staging folder. Keeps a tracked `Output/.gitignore` in place; writes
    /// the build record `record` (its `files` are those written) when given. Neither is in the record.
    public func commit(record: BuildRecord? = nil) throws {
        try commit(record: record, entries: nil)
    }

    /// `commit`, with the record's entries of the files written so far when they were made already
    /// (`SiteBuilder.build` sorts them while the links are checked).
    func commit(record: BuildRecord?, entries: RecordEntries?) throws {
        let fm = FileManager.default
        let keep = outputURL.appendingPathComponent(".gitignore")
        var entries = entries
        if let previous, let record, hashes.keptCount > 0 {
            try merge(into: previous, record: record, entries: entries)
            return
        }
        if let data = try? Data(contentsOf: keep) {
            try write(data, to: ".gitignore")
            hashes.remove(".gitignore")
            entries?.update(changed: [], removed: [".gitignore"])
        }
        if let record {
            try writeRecord(record, entries: entries)
            hashes.remove(BuildRecord.fileName)
        }
        let old = outputURL.deletingLastPathComponent().appendingPathComponent(
            ".\(outputURL.lastPathComponent).old-\(getpid())")
        Self.removeTree(old.path)
        var hadOutput = false
        if fm.fileExists(atPath: outputURL.path) {
            do {
                try fm.moveItem(at: outputURL, to: old)
                hadOutput = true
            } catch {
                throw FileIOError(path: outputURL.path, reason: "cannot move the previous output aside: \(error)")
            }
        }
        do {
            try fm.moveItem(at: stagingURL, to: outputURL)
        } catch {
            if hadOutput { try? fm.moveItem(at: old, to: outputURL) }
            throw FileIOError(path: outputURL.path, reason: "cannot put the new output in place: \(error)")
        }
        if hadOutput { Self.removeTree(old.path, jobs: jobs) }
    }

    /// Writes the build record into the staging folder: `entries`, or those of the files written so far.
    private func writeRecord(_ record: BuildRecord, entries: RecordEntries?) throws {
        do {
            // The files entries written directly: `JSONEncoder` takes a tenth of a second on 20,000 files.
            try write(
                try (entries ?? RecordEntries(writtenFiles)).record(record), to: BuildRecord.fileName, known: "",
                mayKeep: false)
        } catch let error as FileIOError {
            throw error
        } catch {
            throw FileIOError(path: BuildRecord.fileName, reason: "cannot encode the build record: \(error)")
        }
    }

    /// `commit` over a previous output some of whose files this build left where they were: writes the
    /// record and the merge marker into the staging folder, then merges it into the previous output.
    private func merge(into previous: PreviousOutput, record: BuildRecord, entries: RecordEntries?) throws {
        let files = writtenFiles
        try writeRecord(record, entries: entries)
        guard previous.isStill(at: outputURL) else {
            throw FileIOError(path: outputURL.path, reason: "the output folder was replaced during the build")
        }
        try write([], to: OutputMerge.mergeMarker, known: "", mayKeep: false)
        merging.store(true, ordering: .sequentiallyConsistent)
        try OutputMerge.apply(
            staging: stagingDescriptor, output: previous.descriptor, files: Set(files.keys), existing: previous.entries)
        Self.removeTree(stagingURL.path)
    }

    /// Deletes a folder tree with `readdir` and `unlinkat`: several times faster than
    /// `FileManager.removeItem` on the ten thousand files of a site, and it is on the path of every
    /// rebuild (the previous output). Symbolic links are removed, never followed.
    static func removeTree(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            unlink(path)
            return
        }
        removeContents(of: fd)
        rmdir(path)
    }

    /// `removeTree` on up to `jobs` threads, for the previous output a rebuild replaces (the kernel's
    /// unlinking is most of a warm rebuild's extra time): the entries two levels down (a page's folder
    /// under `news/`) are shared among the threads, then the emptied folders are removed.
    static func removeTree(_ path: String, jobs: Int) {
        var subtrees: [String] = []
        if jobs > 1 {
            for top in entries(of: path) where top.isDirectory {
                let folder = path + "/" + top.name
                for entry in entries(of: folder) { subtrees.append(folder + "/" + entry.name) }
            }
        }
        if subtrees.count >= 64 {
            let workers = min(jobs, subtrees.count)
            let shared = subtrees
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: shared.count, by: workers) { removeTree(shared[index]) }
            }
        }
        removeTree(path)
    }

    /// The entries of the folder at `path` (none when it is not a folder or a link to one).
    private static func entries(of path: String) -> [(name: String, isDirectory: Bool, unknown: Bool)] {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        guard let dir = fdopendir(fd) else {
            close(fd)
            return []
        }
        defer { closedir(dir) }
        return entries(in: dir)
    }

    /// The entries of an open folder.
    static func entries(in dir: OpaquePointer) -> [(name: String, isDirectory: Bool, unknown: Bool)] {
        var entries: [(name: String, isDirectory: Bool, unknown: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            entries.append((name, type == UInt8(DT_DIR), type == UInt8(DT_UNKNOWN)))
        }
        return entries
    }

    /// Empties the open folder `fd` (and closes it). Names are read first and removed after, since
    /// removing entries while `readdir` walks the same folder may skip some on some file systems.
    static func removeContents(of fd: Int32) {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(dir) }
        for entry in entries(in: dir) {
            if entry.isDirectory || entry.unknown {
                let child = openat(fd, entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 {
                    removeContents(of: child)
                    unlinkat(fd, entry.name, AT_REMOVEDIR)
                    continue
                }
            }
            unlinkat(fd, entry.name, 0)
        }
    }

    /// Throws the staging folder away; `Output/` is untouched. After a merge into the previous output has
    /// begun, the staging folder stays for the next build to finish it (`OutputMerge.finishDeadMerge`).
    public func discard() {
        if merging.load(ordering: .sequentiallyConsistent) { return }
        Self.removeTree(stagingURL.path)
    }
}

/// The SHA-256 of every file written, filled from many tasks at once.
final class FileHashes: @unchecked Sendable {
    private var hashes: [String: String] = [:]
    private let lock = NSLock()

    var all: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return hashes
    }

    /// Files left in the previous output rather than written (one written again later still counts:
    /// the count only chooses between merging and swapping, and both are right then).
    private var kept = 0

    var keptCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }

    func set(_ path: String, _ hash: String) {
        lock.lock()
        hashes[path] = hash
        lock.unlock()
    }

    /// Records a file left in the previous output; false when the path was written already (its bytes
    /// are then in the staging folder, which the next write replaces).
    func keep(_ path: String, _ hash: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard hashes.updateValue(hash, forKey: path) == nil else { return false }
        kept += 1
        return true
    }

    func remove(_ path: String) {
        lock.lock()
        hashes[path] = nil
        lock.unlock()
    }
}

/// A thread-safe set of folder paths already created, so each folder costs one `mkdir`.
final class DirectorySet: @unchecked Sendable {
    private var paths: Set<String> = []
    private let lock = NSLock()

    func contains(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return paths.contains(path)
    }

    func insert(_ path: String) {
        lock.lock()
        paths.insert(path)
        lock.unlock()
    }
}
