import CampaignCore
import Crypto
import Foundation

extension LocalSite {
    /// Reads `<folder>/.campaign-output.json`, refuses what may not be published, and checks every
    /// file of the folder against the record (the record is the deploy's source of truth, docs/safety.md).
    public static func load(folder: URL) throws -> LocalSite {
        let recordURL = folder.appendingPathComponent(BuildRecord.fileName)
        let shown = folder.path
        guard let recordData = FileManager.default.contents(atPath: recordURL.path) else {
            throw DeployError(
                .usage,
                "\(shown) 中没有构建记录 \(BuildRecord.fileName)：请先用 campaign build --production 构建"
                    + " (no build record: build with --production first)")
        }
        let record: BuildRecord
        do {
            record = try BuildRecord.decode(recordData)
        } catch {
            throw DeployError(
                .usage, "\(shown)/\(BuildRecord.fileName) 无法读取，请重新构建 (unreadable build record: \(error))")
        }
        if let reason = record.reasonNotPublishable {
            throw DeployError(.notPublishable, "拒绝发布 \(shown)：\(reason)")
        }
        var onDisk = try listFiles(folder)
        var files: [LocalFile] = []
        var mismatched: [String] = []
        for (path, expected) in record.files.sorted(by: { $0.key < $1.key }) {
            guard isSafe(path) else {
                throw DeployError(.usage, "构建记录中的路径 '\(path)' 不安全，拒绝发布 (unsafe path in the build record)")
            }
            guard onDisk.remove(path) != nil,
                let data = try? Data(contentsOf: folder.appendingPathComponent(path), options: .mappedIfSafe)
            else {
                mismatched.append("\(path)（缺失 missing）")
                continue
            }
            let sha = Hex.lowercase(SHA256.hash(data: data))
            if sha != expected.lowercased() {
                mismatched.append("\(path)（内容已改变 changed）")
                continue
            }
            files.append(
                LocalFile(path: path, sha256: sha, md5: Hex.lowercase(Insecure.MD5.hash(data: data)), size: data.count))
        }
        for extra in onDisk.sorted() { mismatched.append("\(extra)（构建记录中没有 not in the record）") }
        if !mismatched.isEmpty {
            let shownList = mismatched.prefix(5).joined(separator: "、")
            let more = mismatched.count > 5 ? " 等 \(mismatched.count) 个文件" : ""
            throw DeployError(
                .usage,
                "\(shown) 与构建记录不一致，构建后被改动过：\(shownList)\(more)。请重新构建后再发布"
                    + " (the folder does not match its build record; rebuild)")
        }
        let recordHash = Hex.lowercase(SHA256.hash(data: recordData))
        return LocalSite(folder: folder, record: record, recordHash: recordHash, files: files)
    }

    /// Every regular file under `folder` (relative paths), the record excepted. Symbolic links are
    /// refused: a build never writes one, and following one could publish a file from elsewhere.
    static func listFiles(_ folder: URL) throws -> Set<String> {
        var result: Set<String> = []
        let base = folder.standardizedFileURL.path
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey])
        else {
            throw DeployError(.usage, "无法读取目录 \(folder.path) (output folder not readable)")
        }
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey])
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(base + "/") else { continue }
            let relative = String(full.dropFirst(base.count + 1))
            if values?.isSymbolicLink == true {
                throw DeployError(.usage, "\(folder.path) 中有符号链接 \(relative)，拒绝发布 (symbolic link in the output)")
            }
            if values?.isRegularFile == true && relative != BuildRecord.fileName { result.insert(relative) }
        }
        return result
    }

    /// A relative path that stays inside the folder.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." } && path != BuildRecord.fileName
    }

}
