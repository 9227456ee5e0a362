import Foundation

/// Content-relative paths and the limits of content files.
enum ContentPath {
    /// Largest Markdown, YAML or table file accepted; bigger files are almost certainly a mistake.
    static let maximumFileSize = 8 * 1024 * 1024

    /// `folder/name`, or `name` in the content folder itself.
    static func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }

    /// The file name of a path (`a.md` of `news/a.md`).
    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// True when `path` names a file directly in `folder` with one of `extensions`.
    static func isFile(_ path: String, directlyIn folder: String, extensions: Set<String>) -> Bool {
        guard path.hasPrefix(folder + "/") else { return false }
        let name = path.dropFirst(folder.count + 1)
        return !name.contains("/") && !name.hasPrefix(".")
            && extensions.contains((String(name) as NSString).pathExtension.lowercased())
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
