import ArgumentParser

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
    /// Parses the process arguments and runs the chosen command, async or not, then exits.
    ///
    /// `main.swift` calls this instead of `main()`: top-level code can not pick the async entry point
    /// of swift-argument-parser on Linux.
    public static func runMain(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // DESIGN.md §3: usage errors exit with 2 (swift-argument-parser's default is 64).
            if exitCode(for: error) == .validationFailure {
                Console.current.err(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
