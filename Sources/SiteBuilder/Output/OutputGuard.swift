import CampaignCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether a build may replace its output folder (docs/safety.md).
///
/// A successful build replaces the output folder whole, so a mistyped `--output` could delete a user's
/// sources. The folder may be replaced only when it does not exist, is empty (a lone `.gitignore`, which
/// the build keeps, counts as empty) or holds the build record `.campaign-output.json` of an earlier
/// build. It may never be, contain or lie inside the content or theme folder, and never be or contain
/// the current folder, the home folder or `/`. Paths are compared after resolving symbolic links, so a
/// link cannot smuggle a protected folder in.
public enum OutputGuard {
    /// Why `output` may not be replaced, in Chinese with an English gloss; nil when it may.
    public static func refusal(
        output: URL, content: URL, theme: URL, currentDirectory: URL, home: URL?, cache: URL? = nil
    ) -> String? {
        let out = resolved(output)
        if out == "/" { return "它是根目录 / (it is the root folder)" }
        let protected: [(path: String, name: String, insideAllowed: Bool)] =
            [(resolved(currentDirectory), "当前文件夹 (the current folder)", true)]
            + (home.map { [(resolved($0), "用户主目录 (the home folder)", true)] } ?? []) + [
                (resolved(content), "内容文件夹 (the content folder)", false),
                (resolved(theme), "主题文件夹 (the theme folder)", false),
            ]
        for folder in protected {
            if out == folder.path { return "它就是\(folder.name)" }
            if isInside(folder.path, out) { return "它包含\(folder.name) \(folder.path)" }
            if !folder.insideAllowed && isInside(out, folder.path) {
                return "它位于\(folder.name) \(folder.path) 之内"
            }
        }
        if let cache {
            let cachePath = resolved(cache)
            if cachePath == out || isInside(cachePath, out) {
                return "缓存文件夹 \(cachePath) 在它里面，构建会把缓存删掉 (the cache folder lies inside it)"
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "它不是文件夹，而是一个文件 (it is a file, not a folder)" }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: out)
        } catch {
            return "无法读取这个文件夹 (cannot read it): \(error.localizedDescription)"
        }
        if entries.contains(BuildRecord.fileName) { return nil }
        let others = entries.filter { $0 != ".gitignore" }
        if others.isEmpty { return nil }
        let sample = others.sorted().prefix(3).joined(separator: ", ")
        return
            "它不是空文件夹，也没有构建记录 \(BuildRecord.fileName)，不是以前构建出来的；里面有 \(sample)… "
            + "请换一个不存在的或空的文件夹 (not empty and not made by a build: choose a new or empty folder)"
    }

    /// True when `path` lies strictly inside `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path != "/" }
        return path.hasPrefix(folder + "/")
    }

    /// The absolute, symlink-free form of `url`: the longest existing prefix through `realpath`,
    /// the rest appended with `.` and `..` folded.
    static func resolved(_ url: URL) -> String {
        var components: [String] = []
        for part in url.path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(part))
            }
        }
        var existing = components
        var rest: [String] = []
        while true {
            let candidate = "/" + existing.joined(separator: "/")
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                var base = String(cString: real)
                for part in rest {
                    if part == ".." {
                        base = (base as NSString).deletingLastPathComponent
                    } else {
                        base = base == "/" ? "/" + part : base + "/" + part
                    }
                }
                return base
            }
            guard let last = existing.popLast() else { return "/" + components.joined(separator: "/") }
            rest.insert(last, at: 0)
        }
    }
}
