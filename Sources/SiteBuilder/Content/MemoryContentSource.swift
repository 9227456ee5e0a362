import Foundation

/// A content tree held in memory, for tests and for content that never was on disk: folders are implied by
/// the paths of the files.
public struct MemoryContentSource: ContentSource {
    /// Path → bytes of every file.
    public var contents: [String: Data]

    /// A tree of `contents` (path → bytes).
    public init(contents: [String: Data] = [:]) { self.contents = contents }

    /// A tree of text files (path → UTF-8 text).
    public init(texts: [String: String]) { self.contents = texts.mapValues { Data($0.utf8) } }

    /// Adds or replaces the file at `path`.
    public mutating func write(_ text: String, to path: String) {
        contents[path] = Data(text.utf8)
    }

    func isFolder(_ path: String) -> Bool {
        path.isEmpty || contents.keys.contains { $0.hasPrefix(path + "/") }
    }

    public func names(in folder: String) -> [String]? {
        guard isFolder(folder) else { return nil }
        let prefix = folder.isEmpty ? "" : folder + "/"
        var names: Set<String> = []
        for path in contents.keys where path.hasPrefix(prefix) {
            if let name = path.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        return names.sorted()
    }

    public func files(under folder: String) -> Set<String> {
        let prefix = folder.isEmpty ? "" : folder + "/"
        var found: Set<String> = []
        for path in contents.keys where path.hasPrefix(prefix) {
            let relative = String(path.dropFirst(prefix.count))
            if !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { found.insert(relative) }
        }
        return found
    }

    public func info(_ path: String) -> ContentFileInfo? {
        if let data = contents[path] {
            return ContentFileInfo(isFolder: false, size: data.count)
        }
        return isFolder(path) ? ContentFileInfo(isFolder: true, size: 0) : nil
    }

    public func read(_ path: String) throws -> Data {
        guard let data = contents[path] else { throw FileIOError(path: path, reason: "no such file") }
        return data
    }
}
