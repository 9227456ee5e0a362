import CFileSystem
import CampaignCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The output folder a rebuild replaces, read so that files whose bytes do not change stay where they
/// are instead of being written again (docs/safety.md, "Rebuilding over the previous output").
///
/// A file is left in place only when all of this holds: the previous build record lists it (with the
/// same SHA-256, when the new one is known already); it is reached from the folder without any symbolic
/// link (`openat2` with `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS`); it is a regular file of this user with
/// one link and the mode a new file gets; and its bytes are those the build would write. The record only
/// spares reading files that changed: the bytes decide.
///
/// A kept file's SHA-256 for the new record is the previous record's when the file has not changed
/// since that record was written (its `ctime`, which no user can set back, is before the record's):
/// the record was made from those bytes. Otherwise it is computed again.
final class PreviousOutput: @unchecked Sendable {
    /// The previous output folder, open.
    let descriptor: Int32
    /// Its device and inode, to tell at the commit that `Output/` is still this folder.
    let identity: (device: UInt64, inode: UInt64)
    private let owner: UInt32
    private let mode: UInt32
    /// When the previous record was last changed.
    private let recordChanged: (seconds: Int64, nanoseconds: Int64)
    /// The previous record's files, read on another thread while the first pages render.
    private var recorded: [String: String] = [:]
    private let ready = DispatchGroup()
    /// Every entry of the previous output, listed on another thread while the site renders: what the
    /// new output does not have is removed at the merge.
    private var listing: [OutputMerge.Entry] = []
    private let listed = DispatchGroup()

    /// Opens the previous output, or nil when there is none, it is not a plain folder, it has no
    /// readable build record, or the kernel cannot open files without following links.
    init?(url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var status = cfs_file_info()
        var recordStatus = cfs_file_info()
        let record = cfs_open_beneath(fd, BuildRecord.fileName, O_RDONLY | O_CLOEXEC)
        guard cfs_info(fd, nil, &status) == 0, record >= 0, cfs_info(record, nil, &recordStatus) == 0 else {
            if record >= 0 { close(record) }
            close(fd)
            return nil
        }
        recordChanged = (recordStatus.changed_seconds, recordStatus.changed_nanoseconds)
        descriptor = fd
        identity = (status.device, status.inode)
        owner = UInt32(geteuid())
        mode = 0o644 & ~Self.umask()
        ready.enter()
        DispatchQueue.global().async { [self] in
            defer { ready.leave() }
            defer { close(record) }
            guard let data = try? FileHandle(fileDescriptor: record, closeOnDealloc: false).readToEnd() else { return }
            if let files = data.withUnsafeBytes({ RecordEntries.files(ofRecord: $0) }) {
                recorded = files
            } else if let files = try? BuildRecord.decode(data).files {
                recorded = files
            }
        }
        listed.enter()
        DispatchQueue.global().async { [self] in
            defer { listed.leave() }
            OutputMerge.list(descriptor, into: &listing)
        }
    }

    deinit {
        close(descriptor)
    }

    /// The SHA-256 (lowercase hex) of `bytes` when the previous output holds them at `relativePath` as a
    /// file a fresh build would leave there (see the type's comment), else nil. `hash`: their SHA-256
    /// when the caller knows it.
    func holds(_ relativePath: String, _ bytes: UnsafeBufferPointer<UInt8>, hash: String?) -> String? {
        ready.wait()
        guard let recordedHash = recorded[relativePath], hash == nil || hash == recordedHash else { return nil }
        let fd = cfs_open_beneath(descriptor, relativePath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = cfs_file_info()
        guard cfs_info(fd, nil, &status) == 0, status.mode & UInt32(S_IFMT) == UInt32(S_IFREG), status.links == 1,
            status.owner == owner, status.mode & 0o7777 == mode, status.size == bytes.count,
            Self.sameBytes(fd, bytes)
        else { return nil }
        if let hash { return hash }
        let changed = (status.changed_seconds, status.changed_nanoseconds)
        return changed < recordChanged ? recordedHash : OutputWriter.sha256(bytes)
    }

    /// True when the file `fd` holds exactly `bytes`.
    private static func sameBytes(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count + 1, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        // One byte more than expected is asked for, so a file that grew since `fstat` is seen.
        while filled <= bytes.count {
            let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        return filled == bytes.count && memcmp(buffer.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }

    /// Every entry of the previous output, each folder before what it holds.
    var entries: [OutputMerge.Entry] {
        listed.wait()
        return listing
    }

    /// True when `url` still names the folder this was opened from.
    func isStill(at url: URL) -> Bool {
        var status = cfs_file_info()
        return cfs_info(AT_FDCWD, url.path, &status) == 0 && status.mode & UInt32(S_IFMT) == UInt32(S_IFDIR)
            && status.device == identity.device && status.inode == identity.inode
    }

    /// The process's file mode mask, from `/proc/self/status` (setting and restoring it with
    /// `umask(2)` would change it for the other threads meanwhile); 022 when unreadable.
    private static func umask() -> UInt32 {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
            let value = UInt32(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        else { return 0o022 }
        return value
    }
}
