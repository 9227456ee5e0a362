import ArgumentParser
import CampaignCLI
import Foundation

/// Collects what a command prints, for tests that run `campaign` in-process.
public final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []

    public init() {}

    /// The console to bind while the command runs.
    public var console: Console {
        Console(
            out: { [self] line in lock.withLock { outLines.append(line) } },
            err: { [self] text in
                // The reporter writes many lines at once; tests look at them one by one.
                lock.withLock {
                    errLines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                }
            })
    }
    /// Standard output so far, one line per printed line.
    public var out: String { lock.withLock { outLines.joined(separator: "\n") } }
    /// Standard error so far.
    public var err: String { lock.withLock { errLines.joined(separator: "\n") } }
}

/// Runs `campaign ARGS` in-process, through the same entry point as `main.swift`, and returns the exit code.
public func runCampaign(_ arguments: [String], capture: Capture) async -> Int32 {
    await Console.$current.withValue(capture.console) { await CampaignCommand.run(arguments) }
}
