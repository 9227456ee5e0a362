import Foundation

/// A deploy to a web server over the system's `ssh` and `rsync`: a new `releases/<UTC time>/`
/// folder (hard-linked to the current release where files are equal), then an atomic switch of
/// the `current` symlink. A failure before the switch leaves `current` untouched.
struct SSHDeployer: Sendable {
    var name: String
    var location: SSHLocation
    var options: DeployOptions

    /// Release folder names this deploy writes and prunes; nothing else in `releases/` is touched.
    static let releasePattern = "^[0-9]{8}T[0-9]{6}Z(-[0-9]+)?$"

    func run(_ site: LocalSite) async throws -> DeployReport {
        let root = location.path
        // The release `current` points at, relative to root (empty on the first deploy).
        let current = try ssh(
            options.dryRun
                ? "if [ -L \(q(root + "/current")) ]; then readlink \(q(root + "/current")); fi"
                : "mkdir -p \(q(root + "/releases")) && if [ -L \(q(root + "/current")) ]; then readlink \(q(root + "/current")); fi",
            what: "连接服务器"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        var report = DeployReport(target: name, dryRun: options.dryRun)
        if current.isEmpty {
            report.uploaded = site.files.map(\.path)
        } else {
            let itemized = try rsync(
                ["--dry-run", "--delete", "--checksum", "--out-format=%i %n"], from: site.folder,
                to: "\(root)/\(current)/", what: "比较服务器上的当前版本")
            let changes = Self.parseItemized(itemized)
            report.uploaded = changes.uploads
            report.deleted = changes.deletions
        }
        report.unchanged = site.files.count - report.uploaded.count
        if report.deleted.count > options.maxDeletes {
            if options.dryRun {
                report.skippedDeletions = report.deleted
                report.deleted = []
                return report
            }
            throw DeployError(
                .remote,
                "这次发布会删除 \(report.deleted.count) 个文件，超过 --max-deletes \(options.maxDeletes)，已停止，服务器未改动。"
                    + "确认无误后加 --max-deletes \(report.deleted.count) 再发布 (too many deletions; nothing changed)")
        }
        if options.dryRun { return report }
        if !current.isEmpty && report.uploaded.isEmpty && report.deleted.isEmpty {
            // Nothing changed: the current release already is this build.
            report.release = current.hasPrefix("releases/") ? String(current.dropFirst("releases/".count)) : current
            return report
        }

        let release: String
        do {
            release = try createRelease()
        } catch let error as DeployError {
            throw DeployError(error.kind, error.message + Self.untouched)
        }
        var arguments = ["--delete", "--checksum"]
        if !current.isEmpty { arguments.append("--link-dest=\(root)/\(current)") }
        do {
            _ = try rsync(arguments, from: site.folder, to: "\(root)/releases/\(release)/", what: "上传新版本")
        } catch let error as DeployError {
            _ = try? ssh("rm -rf -- \(q(root + "/releases/" + release))", what: "清理未完成的版本")
            throw DeployError(error.kind, error.message + Self.untouched)
        }
        let link = "current.tmp-\(release)"
        _ = try ssh(
            "cd \(q(root)) && ln -s \(q("releases/" + release)) \(q(link)) && mv -T \(q(link)) current",
            what: "切换到新版本")
        report.release = release
        try prune()
        return report
    }

    static let untouched = "\n网站仍在使用原来的版本，没有任何改动 (the current release is untouched)"

    /// Makes `releases/<UTC time>/` (with `-2`, `-3`… when two deploys share a second).
    private func createRelease() throws -> String {
        let release = try ssh(
            """
            cd \(q(location.path + "/releases")) && name=$(date -u +%Y%m%dT%H%M%SZ) && n=$name && i=1 && \
            while [ -e "$n" ]; do i=$((i+1)); n="$name-$i"; done && mkdir "$n" && echo "$n"
            """, what: "创建新版本目录"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        guard release.range(of: Self.releasePattern, options: .regularExpression) != nil else {
            throw DeployError(.remote, "服务器返回的版本目录名无效：\(release) (unexpected release name)")
        }
        return release
    }

    /// Switches `current` back to the release before it.
    func rollback() async throws -> DeployReport {
        let root = location.path
        let answer = try ssh(
            """
            cd \(q(root)) && cur=$(readlink current 2>/dev/null || true) && cur=${cur#releases/} && \
            prev=$(ls -1 releases | grep -E '\(Self.releasePattern)' | sort | awk -v c="$cur" '$0 == c {print p; exit} {p=$0}') && \
            if [ -z "$prev" ]; then echo "NONE"; exit 0; fi && \
            ln -s "releases/$prev" "current.tmp-$prev" && mv -T "current.tmp-$prev" current && echo "$prev"
            """, what: "回滚")
        let previous = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if previous == "NONE" || previous.isEmpty {
            throw DeployError(.remote, "服务器上没有更早的版本可以回滚 (no earlier release to roll back to)")
        }
        return DeployReport(target: name, dryRun: false, release: previous)
    }

    /// Keeps the last `keepReleases` release folders, and always the current one.
    private func prune() throws {
        let keep = max(options.keepReleases, 1)
        _ = try ssh(
            """
            cd \(q(location.path + "/releases")) && cur=$(readlink ../current) && cur=${cur#releases/} && \
            ls -1 | grep -E '\(Self.releasePattern)' | sort | head -n -\(keep) | while read -r r; do \
            [ "$r" = "$cur" ] || rm -rf -- "$r"; done
            """, what: "清理旧版本")
    }

    /// The `%i %n` lines of rsync: files sent, and files deleted.
    static func parseItemized(_ output: String) -> (uploads: [String], deletions: [String]) {
        var uploads: [String] = []
        var deletions: [String] = []
        for line in output.split(separator: "\n") {
            if line.hasPrefix("*deleting ") {
                let path = line.dropFirst("*deleting ".count).trimmingCharacters(in: .whitespaces)
                if !path.hasSuffix("/") { deletions.append(path) }
            } else if line.hasPrefix(">f") || line.hasPrefix("<f"), let space = line.firstIndex(of: " ") {
                uploads.append(String(line[line.index(after: space)...]))
            }
        }
        return (uploads, deletions.sorted())
    }

    // MARK: - Processes

    private var sshArguments: [String] {
        var args = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=15"]
        if let port = location.port { args += ["-p", String(port)] }
        return args + options.sshOptions
    }

    private func ssh(_ command: String, what: String) throws -> String {
        try Self.execute(["ssh"] + sshArguments + [location.destination, command], what: what)
    }

    private func rsync(_ extra: [String], from folder: URL, to remotePath: String, what: String) throws -> String {
        let shell = (["ssh"] + sshArguments).map(q).joined(separator: " ")
        // No `-t`: with it, `--link-dest` links a file only when its modification time matches to the
        // second, so a site built afresh (every file new) would be copied whole into each release. Files
        // are compared by checksum; a new file on the server has the time it arrived.
        let args =
            ["rsync", "-rlp", "--chmod=D755,F644", "--exclude=/.campaign-output.json", "-e", shell] + extra + [
                folder.standardizedFileURL.path + "/", "\(location.destination):\(remotePath)",
            ]
        return try Self.execute(args, what: what)
    }

    /// Runs a program found on PATH; its standard output, or a `DeployError` with the last lines of
    /// its standard error.
    static func execute(_ arguments: [String], what: String) throws -> String {
        let result: (status: Int32, output: Data, errors: Data)
        do {
            result = try ChildProcess.run(arguments)
        } catch {
            throw DeployError(.usage, "\(what)失败：无法运行 \(arguments[0])（请安装 openssh-client 和 rsync）")
        }
        let stderr = String(decoding: result.errors, as: UTF8.self)
        guard result.status == 0 else {
            let tail = stderr.split(separator: "\n").suffix(4).joined(separator: "\n")
            var hint = ""
            if stderr.contains("No space left on device") {
                hint = "服务器磁盘已满 (disk full)"
            } else if stderr.contains("Permission denied") {
                hint = "服务器拒绝了登录或写入，请检查用户名、SSH 密钥和目录权限 (permission denied)"
            } else if stderr.contains("Connection refused") || stderr.contains("Could not resolve") {
                hint = "无法连接服务器 (cannot connect)"
            } else if arguments[0] == "rsync" && result.status == 11 {
                hint = "服务器写入文件失败，可能是磁盘已满 (file I/O error on the server, e.g. disk full)"
            } else if result.status == 127 {
                hint = "找不到 \(arguments[0])，请安装 openssh-client 和 rsync"
            }
            throw DeployError(
                .remote,
                "\(what)失败（\(arguments[0]) 退出码 \(result.status)）\(hint.isEmpty ? "" : "：" + hint)\n\(tail)")
        }
        return String(decoding: result.output, as: UTF8.self)
    }

    /// A single-quoted shell word.
    private func q(_ text: String) -> String { Self.q(text) }

    static func q(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
