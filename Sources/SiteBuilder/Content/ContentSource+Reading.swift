import CampaignCore
import Foundation

/// Reading content files as a loader needs them: listed by extension, size-limited, checked to be UTF-8.
/// Every failure is a diagnostic naming the file, never a crash.
extension ContentSource {
    /// The visible files directly in `folder` with one of `extensions` (lower case), sorted by name, as
    /// content-relative paths.
    func files(in folder: String, extensions: Set<String>) -> [String] {
        (names(in: folder) ?? []).filter { name in
            !name.hasPrefix(".") && extensions.contains(ContentPath.pathExtension(name).lowercased())
        }.map { ContentPath.join(folder, $0) }
    }

    /// True when `path` is a file (not a folder).
    func isFile(_ path: String) -> Bool { info(path).map { !$0.isFolder } ?? false }

    /// True when `path` is a folder.
    func isFolder(_ path: String) -> Bool { info(path)?.isFolder ?? false }

    /// The bytes of a file no larger than `ContentPath.maximumFileSize`, or a diagnostic; `display` names it.
    func readData(_ path: String, display: String, code: String) -> (Data?, Diagnostic?) {
        do {
            switch try read(path, limit: ContentPath.maximumFileSize) {
            case .data(let data):
                return (data, nil)
            case .tooLarge(let size):
                let limit = ContentPath.maximumFileSize / 1024 / 1024
                return (
                    nil,
                    .error(
                        "file is too large (\(size / 1024 / 1024) MB; the limit is \(limit) MB): split it",
                        code: "\(code).read", file: display)
                )
            }
        } catch {
            return (
                nil, .error("cannot read the file: \(error.localizedDescription)", code: "\(code).read", file: display)
            )
        }
    }

    /// Reads `path` as UTF-8 text (refusing UTF-16 and other encodings with a diagnostic that names them).
    func readText(_ path: String, display: String, code: String) -> (String?, Diagnostic?) {
        let (read, problem) = readData(path, display: display, code: code)
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
            return (
                nil,
                .error(
                    "the file is not valid UTF-8 text (saved as GBK?): save it as UTF-8", code: "\(code).encoding",
                    file: display, line: ContentPath.firstInvalidLine(data))
            )
        }
        return (text, nil)
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
