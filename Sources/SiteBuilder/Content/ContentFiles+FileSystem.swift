import CampaignCore
import Foundation

/// A content file read from disk: its project-relative path, base name and UTF-8 text.
struct ContentFile: Sendable {
    var display: String
    var name: String
    var text: String
}

/// Reading of content folders. Every failure is a diagnostic naming the file, never a crash.
enum ContentFiles {
    /// Largest Markdown or CSV file accepted; bigger files are almost certainly a mistake.
    static let maximumFileSize = 8 * 1024 * 1024

    /// The files with one of `extensions` directly in `folder` (sorted by name).
    static func list(_ folder: URL, extensions: Set<String>) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.sorted().filter { name in
            !name.hasPrefix(".") && extensions.contains((name as NSString).pathExtension.lowercased())
        }.map { folder.appendingPathComponent($0) }
    }

    /// The bytes of a file no larger than `maximumFileSize`, or a diagnostic; `display` names it.
    static func readData(_ url: URL, display: String, code: String) -> (Data?, Diagnostic?) {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            if let size = attributes[.size] as? Int, size > maximumFileSize {
                return (
                    nil,
                    .error(
                        "file is too large (\(size / 1024 / 1024) MB; the limit is \(maximumFileSize / 1024 / 1024) MB): split it",
                        code: "\(code).read", file: display)
                )
            }
            return (try Data(contentsOf: url), nil)
        } catch {
            return (
                nil, .error("cannot read the file: \(error.localizedDescription)", code: "\(code).read", file: display)
            )
        }
    }

    /// Reads `url` as UTF-8 text (refusing UTF-16 and other encodings with a diagnostic that names them).
    static func readText(_ url: URL, display: String, code: String) -> (String?, Diagnostic?) {
        let (read, problem) = readData(url, display: display, code: code)
        guard let data = read else { return (nil, problem) }
        // UTF-16 text of ASCII characters is valid UTF-8 full of NUL bytes: name it before anything else.
        if let utf16 = TableText.utf16Name([UInt8](data.prefix(512))) {
            return (
                nil,
                .error(
                    "这个文件是 \(utf16) 编码，不是 UTF-8：请用编辑器另存为 UTF-8 "
                        + "(the file is \(utf16) text: save it as UTF-8)",
                    code: "\(code).encoding", file: display, line: 1)
            )
        }
        guard let text = String(validatingUTF8Data: data) else {
            let line = firstInvalidLine(data)
            return (
                nil,
                .error(
                    "the file is not valid UTF-8 text (saved as GBK?): save it as UTF-8", code: "\(code).encoding",
                    file: display, line: line)
            )
        }
        return (text, nil)
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
            case .emptyInput:
                return line
            case .error:
                return line
            }
        }
    }

    /// Reads all files in parallel; unreadable ones become diagnostics.
    static func readAll(_ urls: [URL], displayPrefix: String, code: String, jobs: Int) async -> (
        [ContentFile], [Diagnostic]
    ) {
        let results = await concurrentMap(urls, jobs: jobs) { url -> (ContentFile?, Diagnostic?) in
            let display = "\(displayPrefix)/\(url.lastPathComponent)"
            let (text, diagnostic) = readText(url, display: display, code: code)
            guard let text else { return (nil, diagnostic) }
            return (ContentFile(display: display, name: url.lastPathComponent, text: text), nil)
        }
        return (results.compactMap(\.0), results.compactMap(\.1))
    }
}

extension String {
    /// Decodes UTF-8, returning nil (instead of repairing) when the bytes are not valid UTF-8.
    init?(validatingUTF8Data data: Data) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}
