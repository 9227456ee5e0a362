import CFileSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A content source over a folder on disk: the only code that reads content through `FileManager`.
public struct FileSystemContentSource: ContentSource {
    /// The content folder.
    public let root: URL

    /// `root` as a path, ending without `/` unless it is `/`.
    private let rootPath: String

    /// Reads the content folder `root`.
    public init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    func url(_ path: String) -> URL { path.isEmpty ? root : root.appendingPathComponent(path) }

    /// The file system path of `path`, joined as text: `URL.appendingPathComponent` took more time than
    /// the `open` and `read` of a content file.
    func filePath(_ path: String) -> String {
        path.isEmpty ? rootPath : rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path
    }

    public func names(in folder: String) -> [String]? {
        var isFolder: ObjCBool = false
        let url = url(folder)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else { return nil }
        return names.sorted()
    }

    /// Regular files only, found with `readdir` and its file types: a symbolic link is neither listed nor
    /// followed (nothing outside the content folder is read through one), hidden names are skipped.
    public func files(under folder: String) -> Set<String> {
        var files: Set<String> = []
        func walk(_ directory: String, relative: String) {
            guard let handle = opendir(directory) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = directory + "/" + name
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    let kind = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
                    type = kind == .typeDirectory ? UInt8(DT_DIR) : kind == .typeRegular ? UInt8(DT_REG) : 0
                }
                if type == UInt8(DT_DIR) {
                    walk(path, relative: child)
                } else if type == UInt8(DT_REG) {
                    files.insert(child)
                }
            }
        }
        walk(filePath(folder), relative: "")
        return files
    }

    /// One `stat` (following links, as reading does): whether the path is there, a folder, and its size. A notice
    /// bundle is asked about twice; this took four system calls each time.
    public func info(_ path: String) -> ContentFileInfo? {
        var status = cfs_file_info()
        guard cfs_stat(filePath(path), &status) == 0 else { return nil }
        if status.mode & UInt32(S_IFMT) == UInt32(S_IFDIR) { return ContentFileInfo(isFolder: true, size: 0) }
        return ContentFileInfo(isFolder: false, size: max(0, Int(status.size)))
    }

    /// One `open`, its size from `fstat`, and the bytes read straight into the result: a loader reads every
    /// content file through here.
    public func read(_ path: String, limit: Int) throws -> LimitedRead {
        let fd = open(filePath(path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code: CocoaError.Code =
                errno == ENOENT ? .fileReadNoSuchFile : errno == EACCES ? .fileReadNoPermission : .fileReadUnknown
            throw CocoaError(code, userInfo: [NSFilePathErrorKey: path])
        }
        defer { close(fd) }
        // The size of a regular file; anything else (a pipe, a device) is read to its end the slow way.
        var status = cfs_file_info()
        guard cfs_info(fd, nil, &status) == 0, status.mode & UInt32(S_IFMT) == UInt32(S_IFREG) else {
            return .data(try read(path))
        }
        let size = Int(status.size)
        guard size <= limit else { return .tooLarge(size) }
        var data = Data(count: size)
        var filled = 0
        while filled < size {
            let count = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, size - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count < 0 { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
                break
            }
            filled += count
        }
        if filled < size { data.count = filled }
        return .data(data)
    }

    public func read(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}

extension ContentSource where Self == FileSystemContentSource {
    /// The content folder at `root` on disk.
    public static func fileSystem(_ root: URL) -> FileSystemContentSource { FileSystemContentSource(root: root) }
}
