import Foundation

/// Content-relative paths and the limits of content files.
enum ContentPath {
    /// Largest Markdown, YAML or table file accepted; bigger files are almost certainly a mistake.
    static let maximumFileSize = 8 * 1024 * 1024

    /// `folder/name`, or `name` in the content folder itself.
    static func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }

    /// The file name of a path (`a.md` of `news/a.md`).
    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The extension of a file name (`md` of `a.md`), as `NSString.pathExtension` gives it. The usual
    /// name, one dot between a stem and an extension, is split over its bytes: the `NSString` bridge
    /// cost more than reading the file.
    static func pathExtension(_ name: String) -> String {
        guard let split = simpleSplit(name) else { return (name as NSString).pathExtension }
        return String(name.utf8[name.utf8.index(after: split)...])!
    }

    /// A file name without its extension (`a` of `a.md`), as `NSString.deletingPathExtension` gives it.
    static func deletingExtension(_ name: String) -> String {
        guard let split = simpleSplit(name) else { return (name as NSString).deletingPathExtension }
        return String(name.utf8[..<split])!
    }

    /// The last dot of a name with no `/`, when a stem comes before it and an extension after it.
    private static func simpleSplit(_ name: String) -> String.Index? {
        let utf8 = name.utf8
        guard !utf8.contains(UInt8(ascii: "/")), let dot = utf8.lastIndex(of: UInt8(ascii: ".")),
            dot != utf8.startIndex, utf8.index(after: dot) != utf8.endIndex
        else { return nil }
        return dot
    }

    /// True when `path` names a file directly in `folder` with one of `extensions`.
    static func isFile(_ path: String, directlyIn folder: String, extensions: Set<String>) -> Bool {
        guard path.hasPrefix(folder + "/") else { return false }
        let name = path.dropFirst(folder.count + 1)
        return !name.contains("/") && !name.hasPrefix(".")
            && extensions.contains(pathExtension(String(name)).lowercased())
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
            case .emptyInput, .error:
                return line
            }
        }
    }
}
