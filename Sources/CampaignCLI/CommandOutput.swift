import ArgumentParser

/// What a command prints, kept apart from printing so tests can read it.
public struct CommandOutput: Sendable, Equatable {
    /// Lines for standard output.
    public var lines: [String] = []
    /// Diagnostics and notes for standard error.
    public var errors: [String] = []
    /// 0 success, 1 content errors, 2 usage or environment errors.
    public var exitCode: Int32 = 0

    public init(lines: [String] = [], errors: [String] = [], exitCode: Int32 = 0) {
        self.lines = lines
        self.errors = errors
        self.exitCode = exitCode
    }

    /// Prints to the console and ends with the exit code when it is not 0.
    func emit() throws {
        for line in lines { Console.current.out(line) }
        for line in errors { Console.current.err(line) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
