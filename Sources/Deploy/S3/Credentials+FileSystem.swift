import Foundation

extension Credentials {
    /// Credentials from `--credentials FILE` when given, else from `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    ///
    /// The file holds `name = value` lines (`aws_access_key_id`, `aws_secret_access_key`,
    /// `aws_session_token`, or the environment names; `#` comments and `[section]` lines are
    /// skipped) and must be readable by its owner only (mode 0600 or 0400).
    public static func load(file: URL?, environment: [String: String]) throws -> Credentials {
        if let file { return try read(file) }
        guard let id = environment["AWS_ACCESS_KEY_ID"], !id.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else {
            throw DeployError(
                .usage,
                "没有找到对象存储的访问密钥：请设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，或用 --credentials 指定密钥文件"
                    + " (no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --credentials FILE)")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
    }

    static func read(_ file: URL) throws -> Credentials {
        let path = file.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? Int) ?? (attributes[.posixPermissions] as? NSNumber)?.intValue
        else {
            throw DeployError(.usage, "密钥文件 \(path) 不存在或无法读取 (credentials file not readable)")
        }
        if mode & 0o077 != 0 {
            throw DeployError(
                .usage,
                "密钥文件 \(path) 的权限是 \(String(mode & 0o777, radix: 8))，其他用户可以读取；请执行 chmod 600 \(path)"
                    + " (credentials file must be mode 0600)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeployError(.usage, "密钥文件 \(path) 无法读取 (credentials file not readable)")
        }
        var values: [String: String] = [:]
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") || line.hasPrefix("[") { continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            var name = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            if name.hasPrefix("export ") { name = String(name.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == value.last, value.first == "\"" || value.first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        guard let id = values["aws_access_key_id"], !id.isEmpty, let secret = values["aws_secret_access_key"],
            !secret.isEmpty
        else {
            throw DeployError(
                .usage,
                "密钥文件 \(path) 中缺少 aws_access_key_id 或 aws_secret_access_key (credentials file lacks a key)")
        }
        let token = values["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
    }
}
