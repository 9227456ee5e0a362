import ArgumentParser

/// The `campaign` command.
public struct CampaignCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Builds the campaign website and LED feeds from Content/ through Theme/."
    )

    public init() {}

    public func run() async throws {}
}
