import Foundation
import TestSupport

@testable import Deploy

#if canImport(Glibc)
    import Glibc
#endif

/// An `sshd` on a loopback port that lets this user in with a key made for the test, and an
/// `nginx` serving `<root>/current/`, both stopped when the harness goes away.
final class WebServer: @unchecked Sendable {
    let folder: TemporaryFolder
    /// The deploy's PATH on the "server".
    let root: URL
    let sshPort: Int
    let httpPort: Int
    let user: String
    private var sshd: Background?
    private var nginx: Background?

    init() throws {
        folder = try TemporaryFolder()
        root = folder.url.appendingPathComponent("srv/site")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        user = try runTool(["id", "-un"]).trimmingCharacters(in: .whitespacesAndNewlines)
        sshPort = freePort()
        httpPort = freePort()
        let dir = folder.url.path
        try runTool(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "\(dir)/host_key"])
        try runTool(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "\(dir)/client_key"])
        try FileManager.default.copyItem(atPath: "\(dir)/client_key.pub", toPath: "\(dir)/authorized_keys")
        let sshdConfig = """
            Port \(sshPort)
            ListenAddress 127.0.0.1
            HostKey \(dir)/host_key
            AuthorizedKeysFile \(dir)/authorized_keys
            StrictModes no
            PidFile \(dir)/sshd.pid
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password
            LogLevel ERROR
            """
        try Data(sshdConfig.utf8).write(to: folder.url.appendingPathComponent("sshd_config"))
        // sshd refuses to start without its privilege separation folder, which the Debian
        // package creates only when its service starts.
        if getuid() == 0 && !FileManager.default.fileExists(atPath: "/run/sshd") {
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        }
        sshd = try Background(
            ["/usr/sbin/sshd", "-D", "-e", "-f", "\(dir)/sshd_config"],
            log: folder.url.appendingPathComponent("sshd.log"))
        guard waitForPort(sshPort) else {
            throw HarnessError(
                description: "sshd did not start (apt-get install openssh-server): \(sshd?.output ?? "")")
        }
        for temp in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] { _ = try folder.sub("nginx-\(temp)") }
        let nginxConfig = """
            daemon off;
            worker_processes 1;
            pid \(dir)/nginx.pid;
            error_log \(dir)/nginx-error.log;
            \(getuid() == 0 ? "user root;" : "")
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path \(dir)/nginx-body;
                proxy_temp_path \(dir)/nginx-proxy;
                fastcgi_temp_path \(dir)/nginx-fastcgi;
                uwsgi_temp_path \(dir)/nginx-uwsgi;
                scgi_temp_path \(dir)/nginx-scgi;
                types { text/html html; text/css css; application/xml xml; application/json json; image/webp webp; }
                server {
                    listen 127.0.0.1:\(httpPort);
                    root \(root.path)/current;
                    index index.html;
                    charset utf-8;
                }
            }
            """
        try Data(nginxConfig.utf8).write(to: folder.url.appendingPathComponent("nginx.conf"))
        nginx = try Background(
            ["/usr/sbin/nginx", "-e", "\(dir)/nginx-error.log", "-p", dir, "-c", "\(dir)/nginx.conf"],
            log: folder.url.appendingPathComponent("nginx.log"))
        guard waitForPort(httpPort) else {
            throw HarnessError(description: "nginx did not start (apt-get install nginx): \(nginx?.output ?? "")")
        }
    }

    func target() throws -> DeployTarget {
        try DeployTarget.parse("ssh://\(user)@127.0.0.1:\(sshPort)\(root.path)")
    }

    /// ssh arguments: the test's key, no host key memory, no user configuration.
    var sshOptions: [String] {
        [
            "-F", "/dev/null", "-i", folder.url.appendingPathComponent("client_key").path, "-o",
            "UserKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "LogLevel=ERROR",
        ]
    }

    /// The page nginx serves at `path`, or nil for an error answer.
    func fetch(_ path: String) throws -> String? {
        let script = """
            import sys, urllib.request, urllib.error
            try:
                sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())
            except urllib.error.HTTPError:
                sys.exit(3)
            """
        do {
            return try runTool(["python3", "-c", script, "http://127.0.0.1:\(httpPort)/\(path)"], timeout: 30)
        } catch {
            return nil
        }
    }

    /// The release `current` points at.
    var currentRelease: String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("current").path))
            .map { String($0.dropFirst("releases/".count)) }
    }

    var releases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("releases").path)) ?? [])
            .sorted()
    }

    func stop() {
        nginx?.stop()
        sshd?.stop()
    }

    deinit { stop() }
}
