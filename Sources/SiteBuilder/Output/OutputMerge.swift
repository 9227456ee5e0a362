import CFileSystem
import CampaignCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a staging folder that holds only a build's new and changed files into the previous output,
/// for a rebuild that left the unchanged files where they were (`PreviousOutput`; docs/safety.md,
/// "Rebuilding over the previous output").
///
/// The staging folder is complete before anything moves, and holds the marker `mergeMarker` and the
/// new build record: a build killed halfway is finished by the next one (`finishDeadMerge`), so the
/// folder never stays a mix. Every step works on open folders and never follows a symbolic link: a
/// link in the output is replaced, not written through.
enum OutputMerge {
    /// The file in a staging folder that says its merge has begun.
    static let mergeMarker = ".campaign-merge"

    /// Moves every file of `staging` into `output` (folders made as needed; a file or link in the way of
    /// a folder, or a folder in the way of a file, removed), then removes from `output` every file and
    /// folder of `existing` (what the output held, `list(_:)`) that is not in `files` (paths relative
    /// to the output; `.gitignore` and the build record at the top stay), and moves the build record in
    /// last.
    static func apply(staging: Int32, output: Int32, files: Set<String>, existing: [Entry]) throws {
        try move(from: staging, into: output, prefix: "")
        var folders: Set<String> = []
        for path in files {
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/") {
                guard folders.insert(String(path[..<slash])).inserted else { break }
                end = slash
            }
        }
        var removed: String? = nil
        for entry in existing {
            // A folder's entries follow it: those of a folder removed went with it.
            if let folder = removed, entry.path.utf8.starts(with: folder.utf8) {
                continue
            }
            removed = nil
            if entry.path == ".gitignore" || entry.path == BuildRecord.fileName { continue }
            // A path the new output has stays, whatever it was when listed: where a folder now stands for a
            // file or link (or a file for a folder), the move above replaced it.
            if files.contains(entry.path) || folders.contains(entry.path) { continue }
            remove(entry.path, in: output)
            if entry.isDirectory { removed = entry.path + "/" }
        }
        guard renameat(staging, BuildRecord.fileName, output, BuildRecord.fileName) == 0 else {
            throw FileIOError(path: BuildRecord.fileName, reason: String(cString: strerror(errno)))
        }
    }

    /// An entry of an output folder: a path relative to it, and whether it is a folder (a symbolic
    /// link is not).
    struct Entry: Sendable {
        var path: String
        var isDirectory: Bool
    }

    /// Every entry of the open folder `fd`, each folder before what it holds. Links are listed, never
    /// followed.
    static func list(_ fd: Int32, prefix: String = "", into entries: inout [Entry]) {
        guard let dir = fdopendir(dup(fd)) else { return }
        let names = OutputWriter.entries(in: dir)
        closedir(dir)
        for name in names {
            let path = prefix.isEmpty ? name.name : prefix + "/" + name.name
            let child =
                name.isDirectory || name.unknown
                ? openat(fd, name.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1
            entries.append(Entry(path: path, isDirectory: child >= 0))
            if child >= 0 {
                list(child, prefix: path, into: &entries)
                close(child)
            }
        }
    }

    /// Finishes the merge of a build that was killed after it began (the staging folder holds the
    /// marker): `staging` is the dead build's folder, `output` the folder it was merging into.
    static func finishDeadMerge(staging: String, output: String) {
        let stagingFD = open(staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard stagingFD >= 0 else { return }
        defer { close(stagingFD) }
        guard faccessat(stagingFD, mergeMarker, F_OK, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        let outputFD = open(output, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard outputFD >= 0 else { return }
        defer { close(outputFD) }
        // Without the record the merge had moved it in already: all that is left is the empty staging folder.
        guard
            let record = try? BuildRecord.decode(
                Data(contentsOf: URL(fileURLWithPath: staging + "/" + BuildRecord.fileName)))
        else { return }
        var existing: [Entry] = []
        list(outputFD, into: &existing)
        try? apply(staging: stagingFD, output: outputFD, files: Set(record.files.keys), existing: existing)
    }

    /// Moves the files of the staging folder `from` into the output folder `into`, at `prefix`.
    private static func move(from: Int32, into: Int32, prefix: String) throws {
        guard let dir = fdopendir(dup(from)) else { throw failure(prefix) }
        let entries = OutputWriter.entries(in: dir)
        closedir(dir)
        for entry in entries {
            if prefix.isEmpty && (entry.name == mergeMarker || entry.name == BuildRecord.fileName) { continue }
            let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
            let child =
                entry.isDirectory || entry.unknown
                ? openat(from, entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1
            if child >= 0 {
                defer { close(child) }
                let target = try folder(entry.name, in: into, path: path)
                defer { close(target) }
                try move(from: child, into: target, prefix: path)
                unlinkat(from, entry.name, AT_REMOVEDIR)
                continue
            }
            if renameat(from, entry.name, into, entry.name) != 0 {
                // A folder where the file goes: it is not part of the new output.
                guard errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST else { throw failure(path) }
                remove(entry.name, in: into)
                guard renameat(from, entry.name, into, entry.name) == 0 else { throw failure(path) }
            }
        }
    }

    /// Opens the folder `name` in `parent`, making it when missing and replacing a file or link there.
    private static func folder(_ name: String, in parent: Int32, path: String) throws -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var fd = openat(parent, name, flags)
        if fd >= 0 { return fd }
        if errno != ENOENT { unlinkat(parent, name, 0) }
        guard mkdirat(parent, name, 0o755) == 0 || errno == EEXIST else { throw failure(path) }
        fd = openat(parent, name, flags)
        guard fd >= 0 else { throw failure(path) }
        return fd
    }

    /// Removes the entry `name` of `parent` (a name, or a path below it reached without links): a folder
    /// with all it holds, anything else by unlinking.
    private static func remove(_ name: String, in parent: Int32) {
        if let slash = name.lastIndex(of: "/") {
            let folder = cfs_open_beneath(parent, String(name[..<slash]), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { return }
            defer { close(folder) }
            remove(String(name[name.index(after: slash)...]), in: folder)
            return
        }
        let child = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if child >= 0 {
            OutputWriter.removeContents(of: child)
            unlinkat(parent, name, AT_REMOVEDIR)
        } else {
            unlinkat(parent, name, 0)
        }
    }

    private static func failure(_ path: String) -> FileIOError {
        FileIOError(path: path, reason: String(cString: strerror(errno)))
    }
}
