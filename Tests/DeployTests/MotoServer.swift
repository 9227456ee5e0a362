import Foundation
import TestSupport

@testable import Deploy

/// `moto_server` on a loopback port with its access control on: after the four set-up calls of
/// `moto_setup.py` every request must carry a valid SigV4 signature of a known key.
final class MotoServer: @unchecked Sendable {
    let port: Int
    let bucket = "campaign-site"
    let credentials: Credentials
    private let server: Background
    private var proxies: [Background] = []
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        port = freePort()
        server = try Background(
            ["moto_server", "-H", "127.0.0.1", "-p", String(port)],
            environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "4", "MOTO_ALLOW_NONEXISTENT_REGION": "true"],
            log: folder.url.appendingPathComponent("moto.log"))
        guard waitForPort(port) else {
            server.stop()
            throw HarnessError(
                description: "moto_server did not start (pip install 'moto[server]'): \(server.output)")
        }
        let json = try runTool([
            "python3", fixtures.appendingPathComponent("moto_setup.py").path, "http://127.0.0.1:\(port)", bucket,
        ])
        struct Key: Decodable {
            var accessKey: String
            var secret: String

            enum CodingKeys: String, CodingKey {
                case accessKey = "access_key"
                case secret
            }
        }
        let key = try JSONDecoder().decode(Key.self, from: Data(json.utf8))
        credentials = Credentials(accessKeyID: key.accessKey, secretAccessKey: key.secret)
    }

    /// The target URL of the bucket through `port` (the server itself or a proxy).
    func target(prefix: String = "site", port: Int? = nil) throws -> DeployTarget {
        try DeployTarget.parse(
            "s3://\(bucket)/\(prefix)?endpoint=http://127.0.0.1:\(port ?? self.port)&region=us-east-1&style=path")
    }

    /// Starts a fault-injecting proxy in front of the server; returns its port.
    func faultProxy(mode: String, after: Int, times: Int) throws -> Int {
        let proxyPort = freePort()
        let proxy = try Background(
            [
                "python3", fixtures.appendingPathComponent("fault_proxy.py").path, String(proxyPort), String(port),
                mode, String(after), String(times),
            ], log: folder.url.appendingPathComponent("proxy-\(proxyPort).log"))
        proxies.append(proxy)
        guard waitForPort(proxyPort) else { throw HarnessError(description: "proxy did not start: \(proxy.output)") }
        return proxyPort
    }

    /// Runs `body` with a client that reads and changes the bucket behind the deploy's back.
    func withClient<T>(_ body: (S3Client) async throws -> T) async throws -> T {
        guard case .s3(let location) = try target() else { throw HarnessError(description: "not s3") }
        let client = S3Client(
            location: location, credentials: credentials, retry: RetryPolicy(attempts: 1), concurrency: 2)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// What the bucket holds under the target's prefix.
    func list() async throws -> [String: RemoteObject] {
        try await withClient { try await $0.list() }
    }

    func stop() {
        for proxy in proxies { proxy.stop() }
        server.stop()
    }

    deinit { stop() }
}
