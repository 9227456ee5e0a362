import Foundation

/// A content source over a folder on disk: the only code that reads content through `FileManager`.
public struct FileSystemContentSource: ContentSource {
    /// The content folder.
    public let root: URL

    /// Reads the content folder `root`.
    public init(root: URL) { self.root = root }

    func url(_ path: String) -> URL { path.isEmpty ? root : root.appendingPathComponent(path) }

    public func names(in folder: String) -> [String]? {
        var isFolder: ObjCBool = false
        let url = url(folder)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else { return nil }
        return names.sorted()
    }

    public func files(under folder: String) -> Set<String> {
        var files: Set<String> = []
        let base = url(folder)
        guard
            let enumerator = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return files }
        let prefix = base.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            files.insert(String(path.dropFirst(prefix.count)))
        }
        return files
    }

    public func info(_ path: String) -> ContentFileInfo? {
        var isFolder: ObjCBool = false
        let url = url(path)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return ContentFileInfo(
            isFolder: isFolder.boolValue, size: isFolder.boolValue ? 0 : (attributes?[.size] as? Int ?? 0),
            modified: attributes?[.modificationDate] as? Date)
    }

    public func read(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}

extension ContentSource where Self == FileSystemContentSource {
    /// The content folder at `root` on disk.
    public static func fileSystem(_ root: URL) -> FileSystemContentSource { FileSystemContentSource(root: root) }
}
