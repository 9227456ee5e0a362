import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the search texts of a cold build wait for the index: a nameless file in the build's cache folder
/// (`O_TMPFILE`, so nothing is left behind, even after a crash), instead of memory.
///
/// The text of every page is made while the page is rendered and read once more when the text chunks are
/// written at the end; between the two it held a fifth of the build's memory on the 10k corpus
/// (docs/performance.md). Appends come from every render task; reads from the index tasks.
final class SearchTextSpill: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var end = 0
    /// The texts appended since the last write, which start at `pendingStart`: they are written to the file
    /// about `batchBytes` at a time. One write for each page's text (10,000 on the bench corpus) cost the
    /// kernel's per-call work ten thousand times over, for the same bytes.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Batches the file would not take (a full disk), kept in memory by their offset: nothing is lost.
    private var unwritten: [(start: Int, bytes: [UInt8])] = []

    static let batchBytes = 1 << 20

    /// A spill file in `folder`, or in the system's temporary folder when `folder` does not exist (nothing is
    /// created: `campaign check` leaves no cache folder behind); nil when the file system cannot make one,
    /// and the texts then stay in memory.
    convenience init?(preferring folder: URL) {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue
        self.init(in: exists ? folder : FileManager.default.temporaryDirectory)
    }

    /// A spill file in `folder`; nil when the file system cannot make one there.
    convenience init?(in folder: URL) {
        // O_TMPFILE is a macro Swift does not import: __O_TMPFILE | O_DIRECTORY (Linux, asm-generic).
        let fd = open(folder.path, 0o20000000 | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.init(descriptor: fd)
    }

    /// A spill over the open file `descriptor`, which it closes when it goes.
    init(descriptor: Int32) {
        fd = descriptor
    }

    deinit { close(fd) }

    /// Adds `bytes` at the end; returns their offset. They are written with the batch they complete, or kept
    /// in memory when the file will not take that batch.
    func append(_ bytes: [UInt8]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let offset = end
        if pending.isEmpty {
            pendingStart = offset
            pending.reserveCapacity(Self.batchBytes + bytes.count)
        }
        pending += bytes
        end += bytes.count
        if pending.count >= Self.batchBytes { flushPending() }
        return offset
    }

    /// Writes what is pending; under the lock.
    private func flushPending() {
        guard !pending.isEmpty else { return }
        let written = pending.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let count = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(pendingStart + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
        if written {
            pending.removeAll(keepingCapacity: true)
        } else {
            unwritten.append((pendingStart, pending))
            pending = []
        }
        pendingStart = end
    }

    /// Appends the `count` bytes at `offset` to `output`; false when they cannot be read.
    func read(offset: Int, count: Int, into output: inout [UInt8]) -> Bool {
        lock.lock()
        flushPending()
        let kept = unwritten.last { $0.start <= offset && offset + count <= $0.start + $0.bytes.count }
        lock.unlock()
        if let kept {
            output += kept.bytes[(offset - kept.start)..<(offset - kept.start + count)]
            return true
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: count))
        let complete = output.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < count {
                let read = pread(fd, buffer.baseAddress! + start + done, count - done, off_t(offset + done))
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { return false }
                done += read
            }
            return true
        }
        if !complete { output.removeLast(count) }
        return complete
    }
}
