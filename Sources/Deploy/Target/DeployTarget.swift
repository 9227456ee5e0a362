import Foundation

/// A place `campaign deploy` publishes to, parsed from a `site.yml` target URL (docs/deploy.md).
public enum DeployTarget: Sendable, Equatable {
    /// Any S3-compatible object store.
    case s3(S3Location)
    /// A web server reached over SSH: releases under `PATH/releases/`, served from `PATH/current`.
    case ssh(SSHLocation)

    /// Parses `s3://BUCKET/PREFIX?endpoint=URL&region=R&style=virtual|path` or
    /// `ssh://USER@HOST[:PORT]/PATH`; throws a `DeployError` saying what is wrong and what is right.
    public static func parse(_ text: String) throws -> DeployTarget {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("s3://") { return .s3(try S3Location.parse(trimmed)) }
        if trimmed.hasPrefix("ssh://") { return .ssh(try SSHLocation.parse(trimmed)) }
        throw DeployError(
            .usage,
            "发布目标 '\(text)' 无法识别：应以 s3:// 或 ssh:// 开头，例如 s3://bucket/site?endpoint=https://oss-cn-hangzhou.aliyuncs.com"
                + " 或 ssh://deploy@www.example.gov.cn/srv/site (target must start with s3:// or ssh://)")
    }
}

/// A bucket and key prefix in an S3-compatible store.
public struct S3Location: Sendable, Equatable {
    /// How the bucket is named in requests.
    public enum Style: String, Sendable {
        /// `https://BUCKET.endpoint/key`: the default; OSS and new COS buckets accept only this.
        case virtual
        /// `https://endpoint/BUCKET/key`: MinIO and test servers.
        case path
    }

    public var bucket: String
    /// The key prefix, empty or ending with `/`.
    public var prefix: String
    /// Scheme, host and port of the service, e.g. `https://oss-cn-hangzhou.aliyuncs.com`.
    public var endpoint: URL
    public var region: String
    public var style: Style

    public init(bucket: String, prefix: String, endpoint: URL, region: String, style: Style) {
        self.bucket = bucket
        self.prefix = prefix
        self.endpoint = endpoint
        self.region = region
        self.style = style
    }

    static func parse(_ text: String) throws -> S3Location {
        func fail(_ why: String) -> DeployError {
            DeployError(.usage, "发布目标 '\(text)' 有误：\(why)")
        }
        var rest = String(text.dropFirst("s3://".count))
        var queryText = ""
        if let q = rest.firstIndex(of: "?") {
            queryText = String(rest[rest.index(after: q)...])
            rest = String(rest[..<q])
        }
        let bucket = String(rest.prefix { $0 != "/" })
        let prefixPath = String(rest.dropFirst(bucket.count))
        guard Self.isValidBucket(bucket) else {
            throw fail(
                "存储桶名 '\(bucket)' 不合规：只能用小写字母、数字、'-' 和 '.'，3 到 63 个字符 (bucket names are 3–63 of a-z 0-9 - .)")
        }
        let segments = prefixPath.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) {
            throw fail("前缀中不能有 '.' 或 '..' (no . or .. in the prefix)")
        }
        let prefix = segments.isEmpty ? "" : segments.joined(separator: "/") + "/"
        var parameters: [String: String] = [:]
        for pair in queryText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            guard ["endpoint", "region", "style"].contains(name) else {
                throw fail("不认识的参数 '\(name)'，可用 endpoint、region、style (unknown parameter '\(name)')")
            }
            parameters[name] = value
        }
        let region = parameters["region"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
        var style = Style.virtual
        if let s = parameters["style"] {
            guard let parsed = Style(rawValue: s) else {
                throw fail("style 只能是 virtual 或 path，而不是 '\(s)' (style must be virtual or path)")
            }
            style = parsed
        }
        let endpointText = parameters["endpoint"] ?? "https://s3.\(region).amazonaws.com"
        guard let endpoint = URL(string: endpointText), let scheme = endpoint.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = endpoint.host, !host.isEmpty,
            endpoint.path.isEmpty || endpoint.path == "/", endpoint.query == nil, endpoint.user == nil
        else {
            throw fail(
                "endpoint '\(endpointText)' 应是 https://主机[:端口]，不带路径，例如 https://cos.ap-beijing.myqcloud.com"
                    + " (endpoint must be https://host[:port])")
        }
        if style == .virtual && !Self.isDNSCompatible(bucket) {
            throw fail("存储桶名 '\(bucket)' 含有 '.'，不能用虚拟主机方式访问；请加 style=path (dotted bucket needs style=path)")
        }
        return S3Location(bucket: bucket, prefix: prefix, endpoint: endpoint, region: region, style: style)
    }

    static func isValidBucket(_ name: String) -> Bool {
        guard (3...63).contains(name.count) else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-.")
        guard name.allSatisfy({ allowed.contains($0) }) else { return false }
        guard let first = name.first, let last = name.last, first.isLetter || first.isNumber,
            last.isLetter || last.isNumber
        else { return false }
        return !name.contains("..")
    }

    static func isDNSCompatible(_ name: String) -> Bool { !name.contains(".") }

    /// The target as shown to people and in the deploy log.
    public var display: String {
        "s3://\(bucket)/\(prefix) (\(endpoint.absoluteString), \(region), \(style.rawValue))"
    }
}

/// A directory on a server reached with the system's `ssh`.
public struct SSHLocation: Sendable, Equatable {
    public var user: String
    public var host: String
    public var port: Int?
    /// Absolute directory holding `releases/` and `current`.
    public var path: String

    public init(user: String, host: String, port: Int?, path: String) {
        self.user = user
        self.host = host
        self.port = port
        self.path = path
    }

    static func parse(_ text: String) throws -> SSHLocation {
        func fail(_ why: String) -> DeployError {
            DeployError(.usage, "发布目标 '\(text)' 有误：\(why)（格式 ssh://用户@主机[:端口]/路径）")
        }
        let rest = String(text.dropFirst("ssh://".count))
        guard let slash = rest.firstIndex(of: "/") else { throw fail("缺少服务器上的目录 (missing PATH)") }
        let authority = String(rest[..<slash])
        let path = String(rest[slash...])
        guard let at = authority.lastIndex(of: "@") else { throw fail("缺少用户名 (missing USER@)") }
        let user = String(authority[..<at])
        var hostPort = String(authority[authority.index(after: at)...])
        var port: Int?
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            let portText = String(hostPort[hostPort.index(after: colon)...])
            guard let p = Int(portText), (1...65535).contains(p) else { throw fail("端口 '\(portText)' 无效 (bad port)") }
            port = p
            hostPort = String(hostPort[..<colon])
        }
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
        guard !user.isEmpty, user.allSatisfy({ safe.contains($0) }), !user.hasPrefix("-") else {
            throw fail("用户名 '\(user)' 无效 (bad user name)")
        }
        guard !hostPort.isEmpty, hostPort.allSatisfy({ safe.contains($0) || $0 == ":" || $0 == "[" || $0 == "]" }),
            !hostPort.hasPrefix("-")
        else { throw fail("主机名 '\(hostPort)' 无效 (bad host)") }
        let pathSafe = safe.union(["/", "+", "@", ","])
        let segments = path.split(separator: "/")
        guard !segments.isEmpty, path.allSatisfy({ pathSafe.contains($0) }),
            !segments.contains(where: { $0 == ".." || $0 == "." })
        else {
            throw fail("目录 '\(path)' 无效：需要绝对路径，只含字母、数字和 -._/，不能是 / (bad PATH)")
        }
        return SSHLocation(user: user, host: hostPort, port: port, path: "/" + segments.joined(separator: "/"))
    }

    /// `user@host`, as ssh and rsync take it.
    public var destination: String { "\(user)@\(host)" }

    public var display: String { "ssh://\(user)@\(host)\(port.map { ":\($0)" } ?? "")\(path)" }
}
