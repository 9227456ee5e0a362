import CampaignCore
import Crypto
import Foundation
import TestSupport

@testable import Deploy

#if canImport(Glibc)
    import Glibc
#endif

/// The folder of this test target's fixtures.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Writes `files` into `folder` and the build record listing them, as a build would.
@discardableResult
func writeSite(
    _ folder: URL, files: [String: Data], production: Bool = true, errors: Int = 0, reviewRequired: Bool = false,
    pendingReviews: Int = 0
) throws -> BuildRecord {
    var hashes: [String: String] = [:]
    for (path, data) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        hashes[path] = sha256(data)
    }
    let record = BuildRecord(
        builtAt: "2026-11-29T04:00:00Z", now: "2026-11-29T12:00:00+08:00", production: production, errors: errors,
        reviewRequired: reviewRequired, pendingReviews: pendingReviews, files: hashes)
    try record.encoded().write(to: folder.appendingPathComponent(BuildRecord.fileName))
    return record
}

func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// A small site: a stylesheet, a photo, two pages, the home page and the feeds.
func sampleFiles(version: String = "1") -> [String: Data] {
    [
        "assets/style.1a2b3c4d.css": Data("body{color:#222}".utf8),
        "media/exposures/x/photo-640.webp": Data((0..<2048).map { UInt8($0 % 251) }),
        "news/first/index.html": Data("<!doctype html><title>第一条</title><p>新闻 \(version)</p>".utf8),
        "news/index.html": Data("<!doctype html><title>新闻</title>".utf8),
        "index.html": Data("<!doctype html><html lang=\"zh-CN\"><title>首页</title><h1>文明城市 \(version)</h1>".utf8),
        "atom.xml": Data("<?xml version=\"1.0\"?><feed>\(version)</feed>".utf8),
        "sitemap.xml": Data("<?xml version=\"1.0\"?><urlset/>".utf8),
        "led/east-gate/feed.json": Data("{\"screen\":\"east-gate\"}".utf8),
    ]
}

/// A TCP port nothing listens on now.
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// True once something accepts connections on 127.0.0.1:port.
func waitForPort(_ port: Int, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        close(fd)
        if result == 0 { return true }
        usleep(100_000)
    }
    return false
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// A program started by a test, stopped when the harness goes away.
final class Background: @unchecked Sendable {
    let child: ChildProcess
    let log: URL
    private let lock = NSLock()
    private var stopped = false

    init(_ arguments: [String], environment: [String: String] = [:], log: URL) throws {
        self.log = log
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        child = try ChildProcess.spawn(["/usr/bin/env"] + arguments, stdout: log, stderr: log, environment: env)
    }

    /// Interrupts the program (moto_server ignores SIGTERM but stops on SIGINT), and kills it if
    /// it is still there after five seconds.
    func stop() {
        let already = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !already else { return }
        kill(child.pid, SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if child.poll() != nil { return }
            usleep(20_000)
        }
        kill(child.pid, SIGKILL)
        _ = child.wait()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    deinit { stop() }
}

/// Runs a program to its end (at most `timeout` seconds); its standard output, or throws with its
/// standard error.
@discardableResult
func runTool(_ arguments: [String], timeout: Double = 120) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out")
    let errURL = folder.appendingPathComponent("err")
    let child = try ChildProcess.spawn(arguments, stdout: outURL, stderr: errURL)
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32?
    while status == nil && Date() < deadline {
        status = child.poll()
        if status == nil { usleep(20_000) }
    }
    guard let status else {
        kill(child.pid, SIGKILL)
        _ = child.wait()
        throw HarnessError(description: "\(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s")
    }
    guard status == 0 else {
        let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        throw HarnessError(description: "\(arguments.joined(separator: " ")) failed (\(status)): \(errors)")
    }
    return (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
}

func md5Hex(_ data: Data) -> String {
    Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
}
