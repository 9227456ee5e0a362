import AsyncHTTPClient
import CampaignCore
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// The S3 calls a deploy needs: list, head, put, multi-object delete; signed with SigV4, retried
/// with backoff on 5xx answers, timeouts and dropped connections.
///
/// Messages it throws never hold the credentials (they pass through `Credentials.masked`).
final class S3Client: Sendable {
    let location: S3Location
    let signer: SigV4Signer
    let http: HTTPClient
    let retry: RetryPolicy

    init(location: S3Location, credentials: Credentials, retry: RetryPolicy, concurrency: Int) {
        self.location = location
        self.signer = SigV4Signer(credentials: credentials, region: location.region)
        self.retry = retry
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(10), read: .seconds(retry.readTimeoutSeconds)))
        configuration.httpVersion = .http1Only
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: max(concurrency, 1))
        configuration.decompression = .disabled
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// Every object under the target's prefix, keyed by path relative to the prefix.
    func list() async throws -> [String: RemoteObject] {
        var result: [String: RemoteObject] = [:]
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("max-keys", "1000")]
            let listingPrefix = Self.listingPrefix(location.prefix)
            if !listingPrefix.isEmpty { query.append(("prefix", listingPrefix)) }
            if let token { query.append(("continuation-token", token)) }
            let response = try await send(.GET, key: nil, query: query, what: "列出已发布的文件 (listing)")
            guard let page = S3XML.listPage(response.body) else {
                throw DeployError(.remote, "对象存储返回的文件列表无法解析 (unreadable listing)")
            }
            for object in page.objects where object.key.hasPrefix(location.prefix) {
                let path = String(object.key.dropFirst(location.prefix.count))
                guard !path.isEmpty else { continue }
                result[path] = RemoteObject(path: path, etag: object.etag, size: object.size)
            }
            token = page.isTruncated ? page.nextToken : nil
            if page.isTruncated && token == nil {
                throw DeployError(.remote, "对象存储的文件列表不完整 (truncated listing without a continuation token)")
            }
        } while token != nil
        return result
    }

    /// The prefix sent with ListObjectsV2: the target's prefix up to its first character that
    /// needs percent-encoding (`site/` is listed as `site`); keys are then filtered by the whole
    /// prefix. Some S3-compatible servers (moto among them) decode the query string before checking
    /// the signature, and would reject a correctly signed `prefix=site%2F`.
    static func listingPrefix(_ prefix: String) -> String {
        String(prefix.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~".contains($0)) })
    }

    /// The `x-amz-meta-sha256` of an object, or nil when it has none.
    func checksum(of path: String) async throws -> String? {
        let response = try await send(.HEAD, key: location.prefix + path, what: "读取 \(path) (head)")
        return response.headers.first(name: "x-amz-meta-sha256")?.lowercased()
    }

    /// Uploads one file with its type, cache policy, MD5 (checked by the server) and SHA-256.
    func put(_ file: LocalFile, data: Data) async throws {
        let md5 = Data(Insecure.MD5.hash(data: data)).base64EncodedString()
        let headers = [
            ("content-type", PublishClass.contentType(of: file.path)),
            ("cache-control", PublishClass.cacheControl(of: file.path)),
            ("content-md5", md5),
            ("x-amz-meta-sha256", file.sha256),
        ]
        _ = try await send(
            .PUT, key: location.prefix + file.path, headers: headers, body: data, payloadHash: file.sha256,
            what: "上传 \(file.path) (upload)")
    }

    /// Deletes paths with multi-object delete, at most 1000 a request, with the `Content-MD5` many
    /// S3-compatible stores require.
    func delete(_ paths: [String]) async throws {
        var start = 0
        while start < paths.count {
            let batch = Array(paths[start..<min(start + 1000, paths.count)])
            start += batch.count
            let body = S3XML.deleteRequest(keys: batch.map { location.prefix + $0 })
            let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
            let response = try await send(
                .POST, key: nil, query: [("delete", "")],
                headers: [("content-type", "application/xml"), ("content-md5", md5)], body: body,
                what: "删除旧文件 (delete)")
            let failures = S3XML.errors(response.body)
            if let first = failures.first {
                throw DeployError(
                    .remote,
                    signer.credentials.masked(
                        "有 \(failures.count) 个旧文件没能删除，例如 \(first.key ?? "?")：\(first.code) \(first.message)"
                            + " (some deletions failed)"))
            }
        }
    }

    struct Response {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
    }

    /// Signs and sends one request, retrying on 5xx, 429, timeouts and dropped connections.
    func send(
        _ method: HTTPMethod, key: String?, query: [(String, String)] = [], headers extra: [(String, String)] = [],
        body: Data = Data(), payloadHash: String? = nil, what: String
    ) async throws -> Response {
        let hash = payloadHash ?? Hex.lowercase(SHA256.hash(data: body))
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await sendOnce(
                    method, key: key, query: query, headers: extra, body: body, payloadHash: hash)
                if (200..<300).contains(response.status) { return response }
                let retriable = response.status >= 500 || response.status == 429
                if retriable && attempt < retry.attempts {
                    try await Task.sleep(nanoseconds: retry.delayNanoseconds(attempt: attempt))
                    continue
                }
                throw failure(status: response.status, body: response.body, what: what)
            } catch let error as DeployError {
                throw error
            } catch is CancellationError {
                throw DeployError(.remote, "发布被中断 (cancelled)")
            } catch {
                // Timeouts, refused or dropped connections: the request may be sent again as is
                // (PUT and DELETE are idempotent; the listing is a read).
                if attempt < retry.attempts {
                    try await Task.sleep(nanoseconds: retry.delayNanoseconds(attempt: attempt))
                    continue
                }
                throw DeployError(
                    .remote,
                    signer.credentials.masked(
                        "\(what) 失败：连接对象存储出错，已重试 \(attempt) 次 (\(error)) (connection failed after retries)"))
            }
        }
    }

    private func sendOnce(
        _ method: HTTPMethod, key: String?, query: [(String, String)], headers extra: [(String, String)], body: Data,
        payloadHash: String
    ) async throws -> Response {
        let (scheme, host, path) = Self.address(of: key, in: location)
        let amzDate = Date()
        var headers: [(String, String)] = [
            ("host", host), ("x-amz-date", SigV4Signer.amzDate(amzDate)), ("x-amz-content-sha256", payloadHash),
        ]
        if let token = signer.credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        headers += extra
        let signature = signer.sign(
            method: method.rawValue, path: path, query: query, headers: headers, payloadHash: payloadHash, date: amzDate
        )
        let queryString = SigV4Signer.canonicalQuery(query)
        var request = HTTPClientRequest(
            url: "\(scheme)://\(host)\(path)\(queryString.isEmpty ? "" : "?" + queryString)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "authorization", value: signature.authorization)
        if method == .PUT || method == .POST {
            request.headers.add(name: "content-length", value: String(body.count))
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: .seconds(retry.readTimeoutSeconds))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        let data = Data(buffer.readableBytesView)
        return Response(status: Int(response.status.code), headers: response.headers, body: data)
    }

    /// Scheme, `Host` header and encoded path of a request: `BUCKET.endpoint/key` (virtual-host
    /// style) or `endpoint/BUCKET/key` (path style); `key` nil addresses the bucket.
    static func address(of key: String?, in location: S3Location) -> (scheme: String, host: String, path: String) {
        let endpoint = location.endpoint
        let scheme = endpoint.scheme?.lowercased() ?? "https"
        let baseHost = endpoint.host ?? ""
        let port = endpoint.port.map { ":\($0)" } ?? ""
        switch location.style {
        case .virtual:
            return (scheme, "\(location.bucket).\(baseHost)\(port)", "/" + (key.map(S3Path.encode(key:)) ?? ""))
        case .path:
            return (scheme, baseHost + port, "/\(location.bucket)" + (key.map { "/" + S3Path.encode(key: $0) } ?? ""))
        }
    }

    /// A clear message for an S3 error answer.
    func failure(status: Int, body: Data, what: String) -> DeployError {
        let info = S3XML.errors(body).first
        let code = info?.code ?? ""
        var message: String
        switch code {
        case "SignatureDoesNotMatch":
            message =
                "签名不匹配：访问密钥（AccessKey Secret）不正确，请检查访问密钥 (signature does not match — check the access key)"
        case "InvalidAccessKeyId":
            message = "访问密钥 ID 不存在，请检查访问密钥 (invalid access key id — check the access key)"
        case "RequestTimeTooSkewed":
            message = "本机时钟与服务器相差太多，请校准系统时间 (request time too skewed — fix the clock)"
        case "NoSuchBucket":
            message = "存储桶 \(location.bucket) 不存在 (no such bucket)"
        case "AccessDenied":
            message = "没有权限：访问密钥无权写入存储桶 \(location.bucket) (access denied — check the key's permissions)"
        default:
            if location.style == .path && ["SecondLevelDomainForbidden", "PathStyleForbidden"].contains(code) {
                message = "该对象存储不接受路径方式访问，请去掉 style=path (the store refuses path-style requests)"
            } else if status == 403 {
                message = "服务器拒绝访问 (HTTP 403)：请检查访问密钥和权限 (forbidden — check the access key)"
            } else {
                message = "服务器返回 HTTP \(status)\(code.isEmpty ? "" : " \(code)")\(info.map { "：\($0.message)" } ?? "")"
            }
        }
        return DeployError(.remote, signer.credentials.masked("\(what) 失败：\(message)"))
    }
}

/// How often and how patiently requests are retried.
public struct RetryPolicy: Sendable {
    /// Tries in all (first included).
    public var attempts: Int
    /// Wait before the second try; doubled for each later one.
    public var initialDelay: Double
    public var readTimeoutSeconds: Int64

    public init(attempts: Int = 4, initialDelay: Double = 0.5, readTimeoutSeconds: Int64 = 60) {
        self.attempts = max(attempts, 1)
        self.initialDelay = initialDelay
        self.readTimeoutSeconds = readTimeoutSeconds
    }

    func delayNanoseconds(attempt: Int) -> UInt64 {
        UInt64(initialDelay * pow(2, Double(attempt - 1)) * 1_000_000_000)
    }
}
