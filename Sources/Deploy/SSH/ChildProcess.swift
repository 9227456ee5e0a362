import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program started with `posix_spawnp` and reaped with `waitpid`.
///
/// Foundation's `Process.waitUntilExit` waits for a SIGCHLD notice that, in a process that also
/// runs servers and event loops, can be missed, leaving the caller waiting on a zombie forever;
/// waiting on the pid itself cannot miss the exit.
struct ChildProcess: Sendable {
    let pid: pid_t

    /// Starts `arguments` (the program looked up on PATH) with standard input from /dev/null and
    /// standard output and error appended to the given files (nil: both to this process's
    /// standard error), in `environment` (nil: this process's).
    static func spawn(
        _ arguments: [String], stdout: URL?, stderr: URL?, environment: [String: String]? = nil
    ) throws -> ChildProcess {
        guard let program = arguments.first else { throw DeployError(.usage, "no program to run") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout {
            posix_spawn_file_actions_addopen(&actions, 1, stdout.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 2, 1)
        }
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var envp: [UnsafeMutablePointer<CChar>?] =
            (environment ?? ProcessInfo.processInfo.environment)
            .map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, program, &actions, nil, &argv, &envp)
        guard result == 0 else {
            throw DeployError(.usage, "无法运行 \(program)：\(String(cString: strerror(result))) (cannot start \(program))")
        }
        return ChildProcess(pid: pid)
    }

    /// Waits for the exit; the exit status, or 128 + the signal that ended it.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        return Self.exitCode(status)
    }

    /// The exit code if the program has ended, without waiting.
    func poll() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return Self.exitCode(status) }
        return result == -1 ? -1 : nil
    }

    static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Runs a program to its end: its exit code, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data, errors: Data) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("campaign-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let err = folder.appendingPathComponent("err")
        let status = try spawn(arguments, stdout: out, stderr: err).wait()
        return (status, (try? Data(contentsOf: out)) ?? Data(), (try? Data(contentsOf: err)) ?? Data())
    }
}
