import Foundation

/// Where the commands print; tests swap it to capture output.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    /// Writes `text` as it is (no newline) where a progress line is drawn: standard error when it is a
    /// terminal; nil when nothing but plain lines may be written (a pipe, a file, a test).
    public var progress: (@Sendable (String) -> Void)?

    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.out = out
        self.err = err
        self.progress = progress
    }

    /// Standard output and standard error, with a progress line when standard error is a terminal.
    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
        err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
        progress: isatty(STDERR_FILENO) != 0 ? writeToStandardError : nil)

    private static let writeToStandardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The console the commands use; tests bind their own with `Console.$current.withValue`.
    @TaskLocal public static var current = Console.standard
}
