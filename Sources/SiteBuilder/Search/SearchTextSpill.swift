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

    /// A spill file in `folder`, or in the system's temporary folder when `folder` does not exist (nothing is
    /// created: `campaign check` leaves no cache folder behind); nil when the file system cannot make one,
    /// and the texts then stay in memory.
    convenience init?(preferring folder: URL) {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue
        self.init(in: exists ? folder : FileManager.default.temporaryDirectory)
    }

    /// A spill file in `folder`; nil when the file system cannot make one there.
    init?(in folder: URL) {
        // O_TMPFILE is a macro Swift does not import: __O_TMPFILE | O_DIRECTORY (Linux, asm-generic).
        let fd = open(folder.path, 0o20000000 | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes `bytes` at the end of the file; returns their offset, or nil when the write failed (the
    /// caller keeps them in memory).
    func append(_ bytes: [UInt8]) -> Int? {
        // Only the room is taken under the lock: writes at different offsets go on at the same time. The
        // room of a failed write stays unused.
        lock.lock()
        let offset = end
        end += bytes.count
        lock.unlock()
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let count = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
        return written ? offset : nil
    }

    /// Appends the `count` bytes at `offset` to `output`; false when they cannot be read.
    func read(offset: Int, count: Int, into output: inout [UInt8]) -> Bool {
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
