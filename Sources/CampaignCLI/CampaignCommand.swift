import ArgumentParser
import Foundation

/// The `campaign` command: build, check, new, and LED tools.
public struct CampaignCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Builds the campaign website and LED feeds from Content/ through Theme/.",
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, LEDCommand.self,
            DeployCommand.self, DeskCommand.self,
        ]
    )

    public init() {}
}

extension CampaignCommand {
    /// Parses the process arguments and runs the chosen command, async or not, then exits with its code.
    ///
    /// `main.swift` calls this instead of `main()`: top-level code can not pick the async entry point
    /// of swift-argument-parser on Linux.
    public static func runMain(_ arguments: [String]? = nil) async {
        let code = await run(arguments)
        Self.exit(withError: code == 0 ? nil : ExitCode(code))
    }

    /// Parses `arguments` (nil: the process arguments), runs the chosen command and returns its exit code,
    /// printing what an error has to say on `Console.current`. Tests run `campaign` in-process through it.
    public static func run(_ arguments: [String]?) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitStatus(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == 0 { Console.current.out(message) } else { Console.current.err(message) }
            }
            return code
        }
    }

    /// The exit code of an error (docs/architecture.md, "Exit codes"): usage errors, which the argument
    /// parser reports as `validationFailure` (64), exit with 2 like every other usage or environment error;
    /// a command's own `ExitCode` is kept.
    public static func exitStatus(for error: any Error) -> Int32 {
        let code = exitCode(for: error)
        return code == .validationFailure ? 2 : code.rawValue
    }
}
