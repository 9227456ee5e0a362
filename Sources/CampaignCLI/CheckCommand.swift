import ArgumentParser
import CampaignCore
import SiteBuilder

/// `campaign check`: validates and lints everything, writes nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate and lint the content without writing anything.")

    @OptionGroup var inputs: InputOptions

    @Flag(help: "List the links leaving the site (nothing is fetched).")
    var external = false

    func run() async throws {
        var options = try inputs.buildOptions(writeOutput: false)
        options.listExternalLinks = external
        let line = ProgressLine.forConsole(Console.current, format: inputs.format)
        options.progress = line?.callback
        let report = await SiteBuilder.build(options)
        line?.clear()
        switch inputs.format {
        case .text:
            for line in Reporter.checkReport(report, external: external) { Console.current.out(line) }
        case .json:
            Console.current.out(Reporter.json(report, external: external))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
